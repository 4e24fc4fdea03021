"""Pull: what changed since the client's cookie, limited to what the user may see.

The cookie is opaque to the client: ``1.c.<seq>.<rejection>.<scope>`` after an incremental
pull, or ``1.f.<snapshot>.<cursor>.<rejection>.<scope>`` while a full copy is being paged.
``seq`` is the change log's sequence number (never a clock); ``scope`` is a digest of what the
user may see, so a scope change is noticed even when the answer that followed it was lost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.orm import utcnow
from sync.clients import get_client
from sync.models import ChangeLog, MutationRecord
from sync.scope import fingerprint, visible_changes
from sync.serialize import load_records, serialize


@dataclass(frozen=True)
class Cookie:
    full: bool
    seq: int  # incremental: changes after this; full copy: the snapshot
    cursor: int = 0  # full copy: records whose latest change is after this
    rejection: int = 0
    scope: str = ""

    def render(self) -> str:
        if self.full:
            return f"1.f.{self.seq}.{self.cursor}.{self.rejection}.{self.scope}"
        return f"1.c.{self.seq}.{self.rejection}.{self.scope}"


def parse_cookie(raw: str | None) -> Cookie | None:
    """None for a missing or unreadable cookie (the client then gets a full copy)."""
    if not raw:
        return None
    parts = raw.split(".")
    try:
        if parts[:2] == ["1", "c"] and len(parts) == 5:
            return Cookie(False, int(parts[2]), 0, int(parts[3]), parts[4])
        if parts[:2] == ["1", "f"] and len(parts) == 6:
            return Cookie(True, int(parts[2]), int(parts[3]), int(parts[4]), parts[5])
    except ValueError:
        return None
    return None


@dataclass
class PullOutcome:
    cookie: str
    last_mutation_id: int
    reset: bool
    changes: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[MutationRecord] = field(default_factory=list)
    has_more: bool = False


def _max_seq(session: Session) -> int:
    return session.scalar(select(func.max(ChangeLog.seq))) or 0


def _incremental_rows(session: Session, user: User, after: int, limit: int) -> list[ChangeLog]:
    return list(
        session.scalars(
            select(ChangeLog)
            .where(ChangeLog.seq > after, visible_changes(user))
            .order_by(ChangeLog.seq)
            .limit(limit + 1)
        )
    )


def _snapshot_rows(
    session: Session, user: User, snapshot: int, cursor: int, limit: int
) -> list[ChangeLog]:
    """Each visible record's latest change up to the snapshot, paged by sequence."""
    latest = (
        select(func.max(ChangeLog.seq).label("seq"))
        .where(ChangeLog.seq <= snapshot)
        .group_by(ChangeLog.entity_type, ChangeLog.entity_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(ChangeLog)
            .join(latest, ChangeLog.seq == latest.c.seq)
            .where(ChangeLog.seq > cursor, ChangeLog.op == "put", visible_changes(user))
            .order_by(ChangeLog.seq)
            .limit(limit + 1)
        )
    )


def _changes(session: Session, user: User, rows: list[ChangeLog]) -> list[dict[str, Any]]:
    """One change per record (its last in the page), with the record's current data."""
    last: dict[tuple[str, str], ChangeLog] = {}
    for row in rows:
        last.pop((row.entity_type, row.entity_id), None)
        last[(row.entity_type, row.entity_id)] = row
    wanted: dict[str, list[str]] = {}
    for (entity_type, entity_id), row in last.items():
        if row.op == "put":
            wanted.setdefault(entity_type, []).append(entity_id)
    records = {t: load_records(session, t, ids) for t, ids in wanted.items()}
    changes = []
    for (entity_type, entity_id), row in last.items():
        record = records.get(entity_type, {}).get(entity_id) if row.op == "put" else None
        if record is None:
            changes.append(
                {
                    "op": "del",
                    "type": entity_type,
                    "id": entity_id,
                    "version": row.seq,
                    "data": None,
                }
            )
        else:
            data = serialize(entity_type, record, user)
            changes.append(
                {
                    "op": "put",
                    "type": entity_type,
                    "id": entity_id,
                    "version": row.seq,
                    "data": data,
                }
            )
    return changes


def pull(
    session: Session,
    user: User,
    client_id: str,
    raw_cookie: str | None,
    limit: int = 500,
    now: datetime | None = None,
) -> PullOutcome:
    """Changes since the cookie; a full copy (``reset``) when there is none or the scope changed."""
    client = get_client(session, client_id, user)
    scope = fingerprint(user)[:16]
    cookie = parse_cookie(raw_cookie)
    reset = False
    if cookie is None or cookie.scope != scope:
        reset = True
        cookie = Cookie(True, _max_seq(session), 0, cookie.rejection if cookie else 0, scope)
    if cookie.full:
        rows = _snapshot_rows(session, user, cookie.seq, cookie.cursor, limit)
    else:
        rows = _incremental_rows(session, user, cookie.seq, limit)
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = _changes(session, user, rows)

    rejections = list(
        session.scalars(
            select(MutationRecord)
            .where(MutationRecord.client_id == client_id, MutationRecord.id > cookie.rejection)
            .order_by(MutationRecord.id)
        )
    )
    rejection = rejections[-1].id if rejections else cookie.rejection
    if cookie.full:
        if has_more:
            next_cookie = Cookie(True, cookie.seq, rows[-1].seq, rejection, scope)
        else:
            next_cookie = Cookie(False, cookie.seq, 0, rejection, scope)
    else:
        next_cookie = Cookie(False, rows[-1].seq if rows else cookie.seq, 0, rejection, scope)
    client.scope_fingerprint = scope
    client.last_pull_at = now or utcnow()
    last_mutation_id = client.last_mutation_id
    session.commit()
    return PullOutcome(
        cookie=next_cookie.render(),
        last_mutation_id=last_mutation_id,
        reset=reset,
        changes=changes,
        rejections=rejections,
        has_more=has_more,
    )
