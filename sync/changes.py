"""The change log: every write to a synced record appends a row pull can read by sequence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session, selectinload

from server.auth.models import User
from server.inspections.models import ChecklistTemplate, Inspection
from server.issues.models import Issue
from server.media.models import Photo
from server.planning.models import InspectionTask
from server.projects.models import Project
from server.reports.models import DeputyReport
from sync.models import ChangeLog
from sync.scope import Scope, can_see

CHANGE_LOG_LOCK = 0x5843_0001  # pg_advisory_xact_lock key for change-log writers
LOCKED_IN = "xianchang.change_log_locked_in"  # key in Session.info: the transaction holding it
ENTITY_TYPES = ("template", "project", "inspection", "photo", "issue", "report", "task")
MODELS: dict[str, Any] = {
    "template": ChecklistTemplate,
    "project": Project,
    "inspection": Inspection,
    "photo": Photo,
    "issue": Issue,
    "report": DeputyReport,
    "task": InspectionTask,
}


def _foreign_key(entity: Any, relationship: str) -> Any:
    """``entity.<relationship>_id``, also before a flush has copied it from a related object
    set through the relationship (new records are logged without flushing them first)."""
    value = getattr(entity, f"{relationship}_id")
    if value is None:
        related = entity.__dict__.get(relationship)
        if related is not None:
            value = related.id
    return value


def scope_of(session: Session, entity_type: str, entity: Any) -> Scope:
    """Where a record is visible now."""
    if entity_type == "template":
        return Scope(everyone=True)
    if entity_type == "project":
        return Scope(
            entity.region_path,
            _foreign_key(entity, "township"),
            _foreign_key(entity, "unit"),
            None,
            public=True,
        )
    if entity_type == "inspection":
        project = entity.project or session.get(Project, entity.project_id)
        return Scope(
            project.region_path, project.township_id, None, _foreign_key(entity, "inspector")
        )
    if entity_type == "issue":
        project = entity.project if _foreign_key(entity, "project") is not None else None
        township = project.township_id if project else None
        return Scope(
            entity.region_path,
            township,
            _foreign_key(entity, "unit"),
            _foreign_key(entity, "created_by"),
        )
    if entity_type == "report":
        return Scope(entity.region_path, None, None, entity.deputy_id)
    if entity_type == "task":
        # the assignee's alone on the phones; the office of the project's region sees it too
        project = entity.project or session.get(Project, entity.project_id)
        return Scope(project.region_path, None, None, _foreign_key(entity, "assignee"))
    if entity_type == "photo":
        owner_type = _owner_type(entity)
        owner = session.get(MODELS[owner_type], entity.owner_id)
        owner_scope = None if owner is None else scope_of(session, owner_type, owner)
        return _photo_scope(entity, owner_scope)
    raise ValueError(f"unknown entity type {entity_type}")


def _owner_type(photo: Any) -> str:
    return "issue" if photo.owner_type == "event" else photo.owner_type


def _photo_scope(photo: Any, owner_scope: Scope | None) -> Scope:
    """A photo is visible where its owner is (its uploader's alone while the owner is unknown)."""
    if owner_scope is None:
        return Scope(owner_id=photo.uploaded_by_id)
    return Scope(
        owner_scope.region_path,
        owner_scope.township_id,
        owner_scope.unit_id,
        owner_scope.owner_id,
    )


def readable_now(
    session: Session, user: User, entity_type: str, records: dict[str, Any]
) -> set[str]:
    """The ids among ``records`` (current records by id) that ``user`` may see now: a change
    row says a record changed, never that it may still be sent."""
    if entity_type == "photo":
        owners = _owner_scopes(session, records.values())
        scopes = {
            record_id: _photo_scope(photo, owners.get((_owner_type(photo), photo.owner_id)))
            for record_id, photo in records.items()
        }
    else:
        scopes = {
            record_id: scope_of(session, entity_type, record)
            for record_id, record in records.items()
        }
    return {record_id for record_id, scope in scopes.items() if can_see(user, scope)}


def _owner_scopes(session: Session, photos: Iterable[Any]) -> dict[tuple[str, str], Scope]:
    """The scope of each photo's owner, one query per owner type."""
    wanted: dict[str, set[str]] = {}
    for photo in photos:
        wanted.setdefault(_owner_type(photo), set()).add(photo.owner_id)
    scopes: dict[tuple[str, str], Scope] = {}
    for owner_type, ids in wanted.items():
        model = MODELS[owner_type]
        options = [selectinload(model.project)] if owner_type in ("inspection", "issue") else []
        for owner in session.scalars(select(model).where(model.id.in_(ids)).options(*options)):
            scopes[(owner_type, owner.id)] = scope_of(session, owner_type, owner)
    return scopes


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
    if moved and entity_type in ("inspection", "issue", "report"):
        _photos_follow(session, entity_type, moved)
    if entity_type == "issue":
        _reports_follow(session, entities)


def _reports_follow(session: Session, issues: list[Any]) -> None:
    """A deputy follows their report's problem through the report (they never see problems):
    a change to the problem is a change to the report as the deputy's phone shows it."""
    report_ids = {issue.report_id for issue in issues if issue.report_id is not None}
    if report_ids:
        reports = session.scalars(select(DeputyReport).where(DeputyReport.id.in_(report_ids)))
        log_changes(session, "report", list(reports))


def _photos_follow(session: Session, owner_type: str, owner_ids: list[str]) -> None:
    """A record that moved scope takes its photos along (they are visible where it is)."""
    owner_types = ("issue", "event") if owner_type == "issue" else (owner_type,)
    photos = list(
        session.scalars(
            select(Photo).where(Photo.owner_type.in_(owner_types), Photo.owner_id.in_(owner_ids))
        )
    )
    if photos:
        log_changes(session, "photo", photos)


def log_change(session: Session, entity_type: str, entity: Any, new: bool = False) -> None:
    log_changes(session, entity_type, [entity], new=new)


def log_delete(session: Session, entity_type: str, entity_id: str) -> None:
    """A tombstone in the record's last known scope."""
    serialise_writers(session)
    old = latest_scopes(session, entity_type, [entity_id]).get(entity_id)
    if old is not None:
        session.add(_row(entity_type, entity_id, "del", old))
        session.flush()
