"""``record_event``: the one builder of a problem event (issue 12).

Every move, comment, conflict, extension step, evidence wait and refusal, and the problems made
from a deputy's report, go through it; its flush appends the event to the county's audit chain
(server/audit). Times are the caller's: ``at`` when it was done, ``received_at`` when the server
got it (left to the column's default, now, when not given), ``clock_skew`` when the phone's clock
was not trusted (server/clock.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from server.issues.models import Issue, IssueEvent


def record_event(
    session: Session,
    issue: Issue,
    kind: str,
    actor_id: int,
    at: datetime,
    *,
    received_at: datetime | None = None,
    clock_skew: bool = False,
    from_state: str | None = None,
    to_state: str | None = None,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    client_id: str | None = None,
    mutation_id: int | None = None,
) -> IssueEvent:
    """Add the event ``kind`` of ``issue`` to ``session`` (its data as server/issues/events.py
    says that kind carries) and return it."""
    event = IssueEvent(
        issue=issue,
        kind=kind,
        from_state=from_state,
        to_state=to_state,
        actor_id=actor_id,
        at=at,
        clock_skew=clock_skew,
        reason=reason,
        data=data,
        client_id=client_id,
        mutation_id=mutation_id,
    )
    if received_at is not None:
        event.received_at = received_at
    session.add(event)
    return event
