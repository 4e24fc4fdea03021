"""Projects as pull sends them, and where each is visible (public facts of its region)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.projects.models import Project
from server.projects.schemas import ProjectRecordFields
from server.projects.visibility import hidden_fields
from server.refs import NamedRefSchema, location_of
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class ProjectData(ProjectRecordFields):
    """The project's fields (server/projects/schemas.py), its unit by name, and where it is."""

    unit = fields.Nested(NamedRefSchema, allow_none=True)
    location = fields.Function(location_of)


_FULL = ProjectData()
_PUBLIC = ProjectData(exclude=tuple(hidden_fields("project", "deputy")))


def project_scope(session: Session, project: Project) -> Scope:
    """Public facts of the project's region, its township's and its unit's."""
    return Scope(
        project.region_path,
        foreign_key(project, "township"),
        foreign_key(project, "unit"),
        None,
        public=True,
    )


def serialize_project(project: Project, user: Any) -> dict[str, Any]:
    schema = _PUBLIC if hidden_fields("project", user.role) else _FULL
    return schema.dump(project)


PROJECTS = register_record_type(
    RecordType(
        name="project",
        model=Project,
        scope_of=project_scope,
        serialize=serialize_project,
        load_options=tuple(
            selectinload(r)
            for r in (
                Project.series,
                Project.county,
                Project.township,
                Project.village,
                Project.unit,
            )
        ),
        integer_ids=True,
    )
)
