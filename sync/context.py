"""What a mutation's effect may use: the session, the acting user, and where it came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session


@dataclass(frozen=True)
class MutationContext:
    session: Session
    user: Any
    client_id: str
    mutation_id: int
    # when the server received the mutation (the push's clock)
    now: datetime
    # lookups shared by the mutations of one push (e.g. the projects the user may see)
    cache: dict[Any, Any] = field(default_factory=dict)
    # the server's settings a rule needs (TIMEZONE, REPORT_REOPEN_DAYS), passed in by the caller
    settings: Mapping[str, Any] = field(default_factory=dict)
    # the phone's clock when the mutation was made (aware UTC), None when it sent none or
    # nothing readable; a claim only: whether to trust it is the domain's rule
    client_time: datetime | None = None
