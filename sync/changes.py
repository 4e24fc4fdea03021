"""The change log: every write to a synced record appends a row pull can read by sequence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from sync.models import ChangeLog
from sync.registry import audience, record_type, scopes_of
from sync.scope import Scope

CHANGE_LOG_LOCK = 0x5843_0001  # pg_advisory_xact_lock key for change-log writers
LOCKED_IN = "xianchang.change_log_locked_in"  # key in Session.info: the transaction holding it


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
    """The scope each record had in its latest change row."""
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


def serialise_writers(session: Session) -> None:
    """On PostgreSQL, one writer of the change log at a time until commit.

    Sequence numbers are handed out before commit; without this a puller could see seq 101
    committed while 100 is still in flight, move its cookie past 100 and never see it.
    SQLite serialises writers by itself.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    connection = session.connection()
    transaction = connection.get_transaction()
    if transaction is not None and session.info.get(LOCKED_IN) is transaction:
        return  # held until this transaction ends
    # on the connection: a query through the session would autoflush pending records each time
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})
    session.info[LOCKED_IN] = transaction


def log_changes(
    session: Session, entity_type: str, entities: Iterable[Any], new: bool = False
) -> None:
    """Append a ``put`` per record; when a record left a scope, a ``del`` in the old scope first.

    ``new=True`` says the records were just created (no earlier scope to compare with).
    """
    entities = list(entities)
    serialise_writers(session)
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
    serialise_writers(session)
    old = latest_scopes(session, entity_type, [entity_id]).get(entity_id)
    if old is not None:
        session.add(_row(entity_type, entity_id, "del", old))
        session.flush()
