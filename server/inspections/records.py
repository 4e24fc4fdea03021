"""Checklist templates and inspections as pull sends them, and where each is visible."""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.inspections.designer import template_scope
from server.inspections.models import ChecklistTemplate, Inspection
from server.inspections.schemas import (
    AnswerRecordFields,
    ChecklistFields,
    ChecklistItemFields,
    InspectionRecordFields,
)
from server.projects.models import Project
from server.refs import location_of
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class TemplateData(ChecklistFields):
    items = fields.List(fields.Nested(ChecklistItemFields))


class InspectionData(InspectionRecordFields):
    """The inspection's fields (server/inspections/schemas.py), where it was made, its answers."""

    location = fields.Function(location_of)
    answers = fields.List(fields.Nested(AnswerRecordFields))


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
        scope_of=template_scope,
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
