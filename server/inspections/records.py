"""Checklist templates and inspections as pull sends them, and where each is visible."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.inspections.models import ChecklistTemplate, Inspection
from server.projects.models import Project
from server.refs import PersonRefSchema, location_of
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class ItemData(Schema):
    id = fields.String()
    position = fields.Integer()
    kind = fields.String()
    label = fields.String()
    required = fields.Boolean()
    options = fields.Raw(allow_none=True)
    unit = fields.String(allow_none=True)
    hint = fields.String(allow_none=True)


class TemplateData(Schema):
    id = fields.String()
    category = fields.String()
    name = fields.String()
    version = fields.Integer()
    active = fields.Boolean()
    items = fields.List(fields.Nested(ItemData))


class AnswerData(Schema):
    item_id = fields.String()
    value = fields.Raw(allow_none=True)
    note = fields.String(allow_none=True)
    answered_at = fields.DateTime()


class InspectionData(Schema):
    id = fields.String()
    project_id = fields.Integer()
    kind = fields.String()
    template_id = fields.String(allow_none=True)
    status = fields.String()
    inspector = fields.Nested(PersonRefSchema)
    started_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    notes = fields.String(allow_none=True)
    location = fields.Function(location_of)
    replaces_id = fields.String(allow_none=True)
    version = fields.Integer()
    answers = fields.List(fields.Nested(AnswerData))
    # the office's review: status approved, or returned with the reason the phone shows
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)


_TEMPLATE = TemplateData()
_INSPECTION = InspectionData()


def inspection_scope(session: Session, inspection: Inspection) -> Scope:
    """Its inspector's, and its project's township and region."""
    project = inspection.project or session.get(Project, inspection.project_id)
    return Scope(
        project.region_path, project.township_id, None, foreign_key(inspection, "inspector")
    )


def _inspection_moved(session: Session, inspections: list[Any], moved: list[str]) -> None:
    from server.media.records import photos_follow

    photos_follow(session, "inspection", moved)


TEMPLATES = register_record_type(
    RecordType(
        name="template",
        model=ChecklistTemplate,
        scope_of=lambda session, template: Scope(everyone=True),
        serialize=lambda template, user: _TEMPLATE.dump(template),
        load_options=(selectinload(ChecklistTemplate.items),),
    )
)
INSPECTIONS = register_record_type(
    RecordType(
        name="inspection",
        model=Inspection,
        scope_of=inspection_scope,
        serialize=lambda inspection, user: _INSPECTION.dump(inspection),
        load_options=(
            selectinload(Inspection.answers),
            selectinload(Inspection.inspector),
            selectinload(Inspection.project),  # where it is visible (inspection_scope)
        ),
        after_change=_inspection_moved,
    )
)
