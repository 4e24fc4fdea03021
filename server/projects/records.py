"""Projects as pull sends them, and where each is visible (public facts of its region)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.projects.models import Project
from server.projects.visibility import hidden_fields
from server.refs import NamedRefSchema, location_of
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class ProjectData(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    level = fields.String()
    series = fields.Nested(NamedRefSchema, allow_none=True)
    county = fields.Nested(NamedRefSchema)
    township = fields.Nested(NamedRefSchema, allow_none=True)
    village = fields.Nested(NamedRefSchema, allow_none=True)
    unit = fields.Nested(NamedRefSchema, allow_none=True)
    lead_official = fields.String(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    progress_pct = fields.Float(allow_none=True)
    planned_investment_yuan = fields.Integer(allow_none=True)
    allocated_investment_yuan = fields.Integer(allow_none=True)
    spent_investment_yuan = fields.Integer(allow_none=True)
    start_date = fields.Date(allow_none=True)
    planned_completion_date = fields.Date(allow_none=True)
    actual_completion_date = fields.Date(allow_none=True)
    postponed_reason = fields.String(allow_none=True)
    lag_reason = fields.String(allow_none=True)
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
