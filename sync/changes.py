"""The change log: every write to a synced record appends a row pull reads in order.

Writers take no lock among themselves: each row carries its transaction's id and pull reads
only below the horizon (``horizon``), which is what keeps the order final.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from sync.models import ChangeLog
from sync.registry import audience, record_type, scopes_of
from sync.scope import Scope


def scope_of(session: Session, entity_type: str, entity: Any) -> Scope:
    """Where a record is visible now (its record type's rule)."""
    return record_type(entity_type).scope_of(session, entity)


def readable_now(
    session: Session, user: Any, entity_type: str, records: dict[str, Any]
) -> set[str]:
    """The ids among ``records`` (current records by id) that ``user`` may see now: a change
    row says a record changed, never that it may still be sent."""
    can_see = audience().can_see
    scopes = scopes_of(session, entity_type, records)
    return {record_id for record_id, scope in scopes.items() if can_see(user, scope)}


PENDING_ROWS = "xianchang.pending_change_rows"  # key in Session.info


def _columns(entity_type: str, entity_id: str, op: str, scope: Scope) -> dict[str, Any]:
    return {
        "entity_type": entity_type,
        "entity_id": entity_id,
        "op": op,
        "region_path": scope.region_path,
        "township_id": scope.township_id,
        "unit_id": scope.unit_id,
        "owner_id": scope.owner_id,
        "public": scope.public,
        "everyone": scope.everyone,
    }


def _row(entity_type: str, entity_id: str, op: str, scope: Scope) -> ChangeLog:
    return ChangeLog(**_columns(entity_type, entity_id, op, scope))


@contextmanager
def gathered_new_rows(session: Session) -> Iterator[None]:
    """Within: the change rows of newly created records are gathered and written in one
    multi-row INSERT on leaving (push's fast path; ORM objects per row cost more than the
    rest of a mutation). Rows gathered before an exception are dropped with it."""
    session.info[PENDING_ROWS] = []
    try:
        yield
        write_gathered_rows(session)
    finally:
        session.info.pop(PENDING_ROWS, None)


def write_gathered_rows(session: Session) -> None:
    """Write the rows gathered so far (before anything reads the change log)."""
    rows = session.info.get(PENDING_ROWS)
    if rows:
        session.execute(insert(ChangeLog), rows)
        rows.clear()


def _scope_of_row(row: ChangeLog) -> Scope:
    return Scope(
        row.region_path, row.township_id, row.unit_id, row.owner_id, row.public, row.everyone
    )


def latest_scopes(session: Session, entity_type: str, ids: Iterable[str]) -> dict[str, Scope]:
    """The scope each record had in its latest change row.

    Latest by sequence, not by position: a record's writers take its row lock before they
    write its change row, so for one record the sequence follows the commits (a transaction's
    id does not: it is handed out at its first write, maybe before it waited for that lock).
    """
    ids = list(ids)
    if not ids:
        return {}
    write_gathered_rows(session)
    latest = (
        select(func.max(ChangeLog.seq))
        .where(ChangeLog.entity_type == entity_type, ChangeLog.entity_id.in_(ids))
        .group_by(ChangeLog.entity_id)
    )
    rows = session.scalars(select(ChangeLog).where(ChangeLog.seq.in_(latest)))
    return {row.entity_id: _scope_of_row(row) for row in rows if row.op == "put"}


def horizon(session: Session) -> int | None:
    """On PostgreSQL, the oldest transaction still running as this statement sees it: every
    change row whose ``xid`` is below it is committed (or rolled back) and no such row can
    appear later. None on SQLite, where everything committed is final in sequence order.

    Why reading up to the horizon never misses a row: sequence numbers are handed out before
    commit, so seq 101 may be committed while 100 is still in flight. The writing
    transaction's id is handed out before commit too, but ``pg_snapshot_xmin`` moves past an
    id only once that transaction has ended. A reader takes the rows with ``xid`` below the
    horizon in ``(xid, seq)`` order; any row it has not seen yet, now or later, has
    ``xid >= horizon`` and so sorts after every row it has read. A cookie at ``(horizon, 0)``
    is therefore final without any lock among writers. A long write transaction in this
    database holds the horizon back: pullers see later commits only once it ends, delayed but
    never lost.

    ``pg_snapshot_xmin`` alone is the whole cluster's: a transaction in another database on the
    same server (which can never write this change log) would hold pulls back too. So the
    horizon is the oldest running transaction of the snapshot that is not known to belong to
    another database (``pg_stat_activity``): one found there belongs to it for ever (ids are
    unique), one not found (ended meanwhile, or hidden) counts as ours — never too far.
    """
    if session.get_bind().dialect.name != "postgresql":
        return None
    # on the connection: a query through the session would autoflush pending records
    return int(session.connection().execute(_HORIZON).scalar_one())


_HORIZON = text(
    """
    SELECT LEAST(
        pg_snapshot_xmax(snap)::text::bigint,
        (SELECT min(running::text::bigint) FROM pg_snapshot_xip(snap) AS running
          WHERE NOT EXISTS (
            SELECT 1 FROM pg_stat_activity AS other
             WHERE other.backend_xid IS NOT NULL
               AND other.datname IS DISTINCT FROM current_database()
               AND other.backend_xid::text::bigint = running::text::bigint % 4294967296)))
      FROM pg_current_snapshot() AS snap
    """
)


def forget_transaction_ids(session: Session) -> int:
    """After a logical restore into another PostgreSQL cluster: every change row reads xid 0
    again, as rows from before positions did. The new cluster hands out transaction ids from
    its own counter, so ids kept from the old one would hold rows back (or sort them wrongly)
    until the counter caught up; all restored rows are committed, so sequence order is final
    for them. Phones whose cookie lies past the new horizon get a full copy (sync.pull).
    Returns the number of rows changed."""
    result = session.execute(update(ChangeLog).where(ChangeLog.xid != 0).values(xid=0))
    return int(getattr(result, "rowcount", 0) or 0)


def log_changes(
    session: Session, entity_type: str, entities: Iterable[Any], new: bool = False
) -> None:
    """Append a ``put`` per record; when a record left a scope, a ``del`` in the old scope first.

    ``new=True`` says the records were just created (no earlier scope to compare with).
    """
    entities = list(entities)
    if not new or any(entity.id is None for entity in entities):
        # foreign keys set through relationships are only filled in by a flush; new records
        # with their ids known take their scope from their relationships, no flush needed
        session.flush()
    if new:
        gathered = session.info.get(PENDING_ROWS)
        for entity in entities:
            scope = scope_of(session, entity_type, entity)
            if gathered is None:
                session.add(_row(entity_type, str(entity.id), "put", scope))
            else:
                gathered.append(_columns(entity_type, str(entity.id), "put", scope))
        return
    previous = latest_scopes(session, entity_type, [str(e.id) for e in entities])
    moved = []
    for entity in entities:
        entity_id = str(entity.id)
        scope = scope_of(session, entity_type, entity)
        old = previous.get(entity_id)
        if old is not None and old != scope:
            session.add(_row(entity_type, entity_id, "del", old))
            moved.append(entity_id)
        session.add(_row(entity_type, entity_id, "put", scope))
    session.flush()
    after_change = record_type(entity_type).after_change
    if after_change is not None:
        after_change(session, entities, moved)


def log_change(session: Session, entity_type: str, entity: Any, new: bool = False) -> None:
    log_changes(session, entity_type, [entity], new=new)


def log_delete(session: Session, entity_type: str, entity_id: str) -> None:
    """A tombstone in the record's last known scope."""
    old = latest_scopes(session, entity_type, [entity_id]).get(entity_id)
    if old is not None:
        session.add(_row(entity_type, entity_id, "del", old))
        session.flush()
