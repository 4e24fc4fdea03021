"""Pull: what changed since the client's cookie, limited to what the user may see now.

The cookie (sync.cookies) names a position in the change log, never a clock, and is signed: a
cookie the server did not issue to this client earns a full copy. Rows are read only below the
horizon (sync.changes.horizon), so a row committed late never lands behind a cookie. Whatever
rows a cookie selects, a record is sent only when the user may see it at the time of the pull;
otherwise the client is told to delete it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from core.orm import utcnow
from sync.changes import horizon
from sync.clients import get_client
from sync.cookies import Cookie, Position, legacy_rejection, parse_cookie
from sync.errors import busy, is_transient
from sync.models import ChangeLog, MutationRecord
from sync.registry import audience, current_scopes, record_type

# How stale the client's "last pulled" time may get: writing it on every pull made every pull a
# write transaction waiting for its WAL flush (half of all sync requests), for a time the admin
# page shows to the minute.
PULL_SEEN_EVERY = timedelta(seconds=60)


@dataclass
class PullOutcome:
    cookie: str
    last_mutation_id: int
    reset: bool
    changes: list[dict[str, Any]] = field(default_factory=list)
    rejections: list[MutationRecord] = field(default_factory=list)
    has_more: bool = False


def load_records(session: Session, entity_type: str, ids: list[str]) -> dict[str, Any]:
    """The current records of one type, by id as a string (one query)."""
    kind = record_type(entity_type)
    typed_ids: list[Any] = [int(i) for i in ids] if kind.integer_ids else ids
    query = select(kind.model).where(kind.model.id.in_(typed_ids)).options(*kind.load_options)
    return {str(row.id): row for row in session.scalars(query)}


def _readable_now(
    session: Session, user: Any, entity_type: str, records: dict[str, Any]
) -> set[str]:
    """The ids among ``records`` (current records by id) that ``user`` may see now: a change
    row says a record changed, never that it may still be sent. Read without locking: pull
    writes no change row, so nothing has to wait for it (sync.registry.current_scopes)."""
    can_see = audience().can_see
    scopes = current_scopes(session, entity_type, records)
    return {record_id for record_id, scope in scopes.items() if can_see(user, scope)}


def _position() -> Any:
    return tuple_(ChangeLog.xid, ChangeLog.seq)


def _full_copy_end(session: Session, bound: int | None) -> Position:
    """Where a full copy started now ends: below the horizon on PostgreSQL; after the last
    committed row on SQLite (its one writer commits in sequence order)."""
    if bound is not None:
        return Position(bound, 0)
    return Position(0, (session.scalar(select(func.max(ChangeLog.seq))) or 0) + 1)


def _incremental_rows(
    session: Session, user: Any, start: Position, bound: int | None, limit: int
) -> list[ChangeLog]:
    query = select(ChangeLog).where(
        _position() >= (start.xid, start.seq), audience().visible_changes(user)
    )
    if bound is not None:
        query = query.where(ChangeLog.xid < bound)
    return list(session.scalars(query.order_by(ChangeLog.xid, ChangeLog.seq).limit(limit + 1)))


def _snapshot_rows(
    session: Session, user: Any, end: Position, cursor: int, limit: int
) -> list[ChangeLog]:
    """Each visible record's latest change before ``end``, paged by sequence (the rows before
    ``end`` are final, so the pages do not shift; latest by sequence as in
    sync.changes.latest_scopes).

    A row is its record's latest when no row of the same record with a higher sequence lies
    before ``end``: one probe of ``ix_change_log_entity_seq`` per row read, so a page costs
    what it reads, not a grouping of the whole log (which every page repeated)."""
    later = aliased(ChangeLog)
    superseded = exists().where(
        later.entity_type == ChangeLog.entity_type,
        later.entity_id == ChangeLog.entity_id,
        later.seq > ChangeLog.seq,
        tuple_(later.xid, later.seq) < (end.xid, end.seq),
    )
    return list(
        session.scalars(
            select(ChangeLog)
            .where(
                ChangeLog.seq > cursor,
                _position() < (end.xid, end.seq),
                ChangeLog.op == "put",
                audience().visible_changes(user),
                ~superseded,
            )
            .order_by(ChangeLog.seq)
            .limit(limit + 1)
        )
    )


def _changes(session: Session, user: Any, rows: list[ChangeLog]) -> list[dict[str, Any]]:
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
    readable = {t: _readable_now(session, user, t, found) for t, found in records.items()}
    changes = []
    for (entity_type, entity_id), row in last.items():
        record = None
        if row.op == "put" and entity_id in readable.get(entity_type, ()):
            record = records[entity_type][entity_id]
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
            data = record_type(entity_type).serialize(record, user)
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


def _from_another_cluster(cookie: Cookie, bound: int | None) -> bool:
    """A position past the horizon was never handed out by this database: it was restored
    into a new cluster (pg_dump, then pg_restore elsewhere), whose transaction ids start
    over. Such a phone gets a full copy (see sync.changes.forget_transaction_ids)."""
    return bound is not None and cookie.position.xid > bound


def _next_position(
    cookie: Cookie, rows: list[ChangeLog], has_more: bool, bound: int | None
) -> Position:
    """Just after the last row sent; when nothing visible is left below the horizon, the
    horizon itself (every row below it has been read), so the next pull starts there."""
    after = Position(rows[-1].xid, rows[-1].seq + 1) if rows else cookie.position
    if bound is None or has_more:
        return after
    return max(after, Position(bound, 0))


def pull(
    session: Session,
    user: Any,
    client_id: str,
    raw_cookie: str | None,
    limit: int = 500,
    now: datetime | None = None,
    *,
    secret: bytes,
) -> PullOutcome:
    """Changes since the cookie; a full copy (``reset``) when there is none, it is not one this
    server signed for ``client_id`` with ``secret``, or the user's scope changed. A busy
    database answers ``SyncError`` 503 ``busy_retry`` (the client pulls again)."""
    try:
        return _pull(session, user, client_id, raw_cookie, limit, now, secret)
    except Exception as error:
        if not is_transient(error):
            raise
        session.rollback()
        raise busy() from error


def _pull(
    session: Session,
    user: Any,
    client_id: str,
    raw_cookie: str | None,
    limit: int,
    now: datetime | None,
    secret: bytes,
) -> PullOutcome:
    client = get_client(session, client_id, user)
    scope = audience().fingerprint(user)[:16]
    cookie = parse_cookie(raw_cookie, secret, client_id)
    reset = False
    bound = horizon(session)
    if cookie is None or cookie.scope != scope or _from_another_cluster(cookie, bound):
        reset = True
        rejection = cookie.rejection if cookie else legacy_rejection(raw_cookie)
        cookie = Cookie(True, _full_copy_end(session, bound), 0, rejection, scope)
    if cookie.full:
        rows = _snapshot_rows(session, user, cookie.position, cookie.cursor, limit)
    else:
        rows = _incremental_rows(session, user, cookie.position, bound, limit)
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
            next_cookie = Cookie(True, cookie.position, rows[-1].seq, rejection, scope)
        else:
            next_cookie = Cookie(False, cookie.position, 0, rejection, scope)
    else:
        next_cookie = Cookie(
            False, _next_position(cookie, rows, has_more, bound), 0, rejection, scope
        )
    if client.scope_fingerprint != scope:
        client.scope_fingerprint = scope
    moment = now or utcnow()
    if client.last_pull_at is None or moment - client.last_pull_at >= PULL_SEEN_EVERY:
        client.last_pull_at = moment
    last_mutation_id = client.last_mutation_id
    session.commit()
    return PullOutcome(
        cookie=next_cookie.render(secret, client_id),
        last_mutation_id=last_mutation_id,
        reset=reset,
        changes=changes,
        rejections=rejections,
        has_more=has_more,
    )
