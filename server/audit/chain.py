"""Hash chains: the canonical content of a row, its digest, and appending a row unsealed.

One chain per county (keyed by the county's region id; 0 for a record with no county), not one
for the whole system: a bulletin (per county) names the head of exactly the chain it reports on.

A writer appends its rows unsealed and takes no lock; right after it commits, a sealer holding
the chain's head numbers and links every committed unsealed row (server/audit/sealing.py). A
head locked by each writer until its commit made a county's pushes commit one at a time (79-90%
of request waits with 200 phones, issue 16); certificate-transparency logs work the same way
(entries are accepted first, then sequenced and integrated by one sequencer).

A row's hash is SHA-256 over the stable JSON (sorted keys, no whitespace, UTF-8) of its chain,
seq, table, record id, action, actor, time, data and the previous row's hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from server.audit.models import AuditChainHead, AuditEntry
from server.regions.models import Region

GENESIS = "0" * 64
NO_COUNTY = 0
HEADS = "audit_heads"  # session.info: chain -> (seq, hash) while this transaction holds the lock
_COUNTIES = "audit_counties"  # session.info: region path -> county id


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types: times in UTC ISO form, days ISO, decimals as text."""
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def digest(
    chain: int,
    seq: int,
    table: str,
    record_id: str,
    action: str,
    actor_id: int | None,
    at: datetime,
    data: str,
    prev_hash: str,
) -> str:
    """The hash of one row (``data`` is the stored canonical JSON text)."""
    content = {
        "chain": chain,
        "seq": seq,
        "table": table,
        "record": record_id,
        "action": action,
        "actor": actor_id,
        "at": stamp(at),
        "data": json.loads(data),
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


@dataclass
class Event:
    """A ledger event to append."""

    chain: int
    table: str
    record_id: str
    action: str
    actor_id: int | None
    at: datetime
    data: dict[str, Any]


def county_of_path(session: Session, path: str | None) -> int:
    """The county region on ``path`` (``/1/7/42/``), or ``NO_COUNTY``."""
    if not path:
        return NO_COUNTY
    known: dict[str, int] = session.info.setdefault(_COUNTIES, {})
    if path not in known:
        ids = [int(part) for part in path.strip("/").split("/") if part.isdigit()]
        found = session.scalar(
            select(Region.id).where(Region.id.in_(ids), Region.level == "county").limit(1)
        )
        known[path] = found if found is not None else NO_COUNTY
    return known[path]


def append(session: Session, events: list[Event]) -> set[int]:
    """Insert ``events`` unsealed (no seq, no hashes) in the session's transaction, taking no
    lock; returns their chains. server/audit/sealing.py links them once they are committed."""
    if not events:
        return set()
    rows = [
        {
            "chain": ev.chain,
            "table_name": ev.table,
            "record_id": ev.record_id,
            "action": ev.action,
            "actor_id": ev.actor_id,
            "at": ev.at,
            "data": canonical(jsonable(ev.data)),
        }
        for ev in events
    ]
    session.connection().execute(insert(AuditEntry.__table__), rows)
    return {ev.chain for ev in events}


def forget_heads(session: Session) -> None:
    """A transaction or savepoint ended: the next append reads (and locks) the head again."""
    session.info.pop(HEADS, None)
    session.info.pop(_COUNTIES, None)


def head(session: Session, chain: int) -> tuple[int, str]:
    """The chain's last seq and hash as this transaction sees it ((0, GENESIS) when empty)."""
    session.flush()
    row = session.execute(
        select(AuditChainHead.seq, AuditChainHead.hash).where(AuditChainHead.chain == chain)
    ).first()
    return (row.seq, row.hash) if row is not None else (0, GENESIS)
