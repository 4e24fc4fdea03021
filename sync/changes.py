"""The change log: every write to a synced record appends a row pull can read by sequence."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from server.inspections.models import ChecklistTemplate, Inspection
from server.issues.models import Issue
from server.media.models import Photo
from server.projects.models import Project
from server.reports.models import DeputyReport
from sync.models import ChangeLog
from sync.scope import Scope

CHANGE_LOG_LOCK = 0x5843_0001  # pg_advisory_xact_lock key for change-log writers
ENTITY_TYPES = ("template", "project", "inspection", "photo", "issue", "report")
MODELS: dict[str, Any] = {
    "template": ChecklistTemplate,
    "project": Project,
    "inspection": Inspection,
    "photo": Photo,
    "issue": Issue,
    "report": DeputyReport,
}


def scope_of(session: Session, entity_type: str, entity: Any) -> Scope:
    """Where a record is visible now."""
    if entity_type == "template":
        return Scope(everyone=True)
    if entity_type == "project":
        return Scope(entity.region_path, entity.township_id, entity.unit_id, None, public=True)
    if entity_type == "inspection":
        project = entity.project or session.get(Project, entity.project_id)
        return Scope(project.region_path, project.township_id, None, entity.inspector_id)
    if entity_type == "issue":
        project = entity.project if entity.project_id else None
        township = project.township_id if project else None
        return Scope(entity.region_path, township, entity.unit_id, entity.created_by_id)
    if entity_type == "report":
        return Scope(entity.region_path, None, None, entity.deputy_id)
    if entity_type == "photo":
        owner_type = "issue" if entity.owner_type == "event" else entity.owner_type
        owner = session.get(MODELS[owner_type], entity.owner_id)
        if owner is None:
            return Scope(owner_id=entity.uploaded_by_id)
        owner_scope = scope_of(session, owner_type, owner)
        return Scope(
            owner_scope.region_path,
            owner_scope.township_id,
            owner_scope.unit_id,
            owner_scope.owner_id,
        )
    raise ValueError(f"unknown entity type {entity_type}")


def _row(entity_type: str, entity_id: str, op: str, scope: Scope) -> ChangeLog:
    return ChangeLog(
        entity_type=entity_type,
        entity_id=entity_id,
        op=op,
        region_path=scope.region_path,
        township_id=scope.township_id,
        unit_id=scope.unit_id,
        owner_id=scope.owner_id,
        public=scope.public,
        everyone=scope.everyone,
    )


def _scope_of_row(row: ChangeLog) -> Scope:
    return Scope(
        row.region_path, row.township_id, row.unit_id, row.owner_id, row.public, row.everyone
    )


def latest_scopes(session: Session, entity_type: str, ids: Iterable[str]) -> dict[str, Scope]:
    """The scope each record had in its latest change row."""
    ids = list(ids)
    if not ids:
        return {}
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
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHANGE_LOG_LOCK})


def log_changes(
    session: Session, entity_type: str, entities: Iterable[Any], new: bool = False
) -> None:
    """Append a ``put`` per record; when a record left a scope, a ``del`` in the old scope first.

    ``new=True`` says the records were just created (no earlier scope to compare with).
    """
    entities = list(entities)
    serialise_writers(session)
    session.flush()  # foreign keys set through relationships are only filled in by a flush
    if new:
        for entity in entities:
            scope = scope_of(session, entity_type, entity)
            session.add(_row(entity_type, str(entity.id), "put", scope))
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
