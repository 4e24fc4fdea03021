"""What pull sends for each record type (marshmallow schemas, one per type)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.auth.models import User
from server.inspections.models import ChecklistTemplate, Inspection
from server.issues.models import Issue
from server.media.models import Photo
from server.planning.models import InspectionTask
from server.projects.models import Project
from server.projects.visibility import hidden_fields
from server.reports.models import DeputyReport


class Ref(Schema):
    id = fields.Integer()
    name = fields.String()


class PersonRef(Schema):
    id = fields.Integer()
    display_name = fields.String()


def _location(obj: Any) -> dict[str, Any] | None:
    if obj.lat is None or obj.lon is None:
        return None
    location = {"lat": obj.lat, "lon": obj.lon, "accuracy_m": getattr(obj, "accuracy_m", None)}
    at = getattr(obj, "located_at", None)
    location["at"] = at.isoformat() if at else None
    return location


class ProjectData(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    level = fields.String()
    series = fields.Nested(Ref, allow_none=True)
    county = fields.Nested(Ref)
    township = fields.Nested(Ref, allow_none=True)
    village = fields.Nested(Ref, allow_none=True)
    unit = fields.Nested(Ref, allow_none=True)
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
    location = fields.Function(_location)


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
    inspector = fields.Nested(PersonRef)
    started_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    notes = fields.String(allow_none=True)
    location = fields.Function(_location)
    replaces_id = fields.String(allow_none=True)
    version = fields.Integer()
    answers = fields.List(fields.Nested(AnswerData))
    # the office's review: status approved, or returned with the reason the phone shows
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)


class PhotoData(Schema):
    id = fields.String()
    sha256 = fields.String()
    size = fields.Integer()
    content_type = fields.String()
    owner_type = fields.String()
    owner_id = fields.String()
    status = fields.String()
    taken_at = fields.DateTime(allow_none=True)
    location = fields.Function(_location)
    evidence = fields.Raw(allow_none=True)
    version = fields.Integer()


class EventData(Schema):
    id = fields.Integer()
    kind = fields.String()
    from_state = fields.String(allow_none=True)
    to_state = fields.String(allow_none=True)
    actor = fields.Nested(PersonRef)
    at = fields.DateTime()
    reason = fields.String(allow_none=True)
    data = fields.Raw(allow_none=True)


# a problem's latest events on the phones (its history only grows; the office pages back)
SYNCED_EVENTS = 50
_EVENTS = EventData(many=True)


def _latest_events(issue: Issue) -> list[dict[str, Any]]:
    return _EVENTS.dump(issue.events[-SYNCED_EVENTS:])


class IssueData(Schema):
    id = fields.String()
    project_id = fields.Integer(allow_none=True)
    inspection_id = fields.String(allow_none=True)
    report_id = fields.String(allow_none=True)
    title = fields.String()
    description = fields.String()
    severity = fields.String()
    state = fields.String()
    unit = fields.Nested(Ref, allow_none=True)
    deadline = fields.Date(allow_none=True)
    suggested_unit = fields.String(allow_none=True)
    suggested_deadline = fields.Date(allow_none=True)
    duplicate_of_id = fields.String(allow_none=True)
    pending_extension_until = fields.Date(allow_none=True)  # 延期 asked for, awaiting the office
    location = fields.Function(_location)
    created_by = fields.Nested(PersonRef)
    created_at = fields.DateTime()
    version = fields.Integer()
    events = fields.Function(_latest_events)
    events_more = fields.Function(lambda issue: len(issue.events) > SYNCED_EVENTS)


def _linked(report: DeputyReport) -> Issue | None:
    return report.linked_issues[0] if report.linked_issues else None


class ReportStep(Schema):
    key = fields.String()  # accepted 受理 · assigned 交办 · rectified 整改 · replied 答复
    done = fields.Boolean()
    at = fields.DateTime(allow_none=True)


def _report_steps(report: DeputyReport) -> list[dict[str, Any]]:
    """What the deputy follows: 受理 → 交办 → 整改 → 答复 (a declined report has none)."""
    issue = _linked(report)
    moves = [e for e in issue.events if e.kind == "transition"] if issue else []

    def last(*states: str) -> Any:
        return max((e.at for e in moves if e.to_state in states), default=None)

    fixed = issue is not None and issue.state in ("rectified", "verified", "closed")
    return ReportStep(many=True).dump(
        [
            {"key": "accepted", "done": issue is not None, "at": issue and issue.created_at},
            {"key": "assigned", "done": last("assigned") is not None, "at": last("assigned")},
            {"key": "rectified", "done": fixed, "at": last("rectified") if fixed else None},
            {"key": "replied", "done": report.status in ("replied", "rated"), "at": None},
        ]
    )


def _reopened(report: DeputyReport) -> dict[str, Any] | None:
    """The latest 不满意 that sent the problem back to 整改中, with its new deadline."""
    issue = _linked(report)
    for event in reversed(issue.events if issue else []):
        if (event.data or {}).get("reopened"):
            return {"at": event.at.isoformat(), "deadline": event.data["deadline"]}
    return None


class ReportData(Schema):
    id = fields.String()
    project_id = fields.Integer(allow_none=True)
    title = fields.String()
    description = fields.String()
    location = fields.Function(_location)
    status = fields.String()
    reply = fields.String(allow_none=True)  # the office's answer, or why it declined
    rating = fields.String(allow_none=True)
    rating_comment = fields.String(allow_none=True)
    rated_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    version = fields.Integer()
    issue_id = fields.Function(lambda r: _linked(r) and _linked(r).id)
    issue_state = fields.Function(lambda r: _linked(r) and _linked(r).state)
    issue_deadline = fields.Function(
        lambda r: _linked(r) and _linked(r).deadline and _linked(r).deadline.isoformat()
    )
    steps = fields.Function(_report_steps)
    reopened = fields.Function(_reopened)


class TaskPlanRef(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class TaskProjectRef(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class TaskData(Schema):
    """An inspection task: which project to visit, for which plan and kind, by when."""

    id = fields.String()
    plan = fields.Nested(TaskPlanRef)
    kind = fields.String(attribute="plan.kind")
    project_id = fields.Integer()
    project = fields.Nested(TaskProjectRef)
    assignee_id = fields.Integer(allow_none=True)
    due_date = fields.Date(allow_none=True)
    status = fields.String()
    schedule_status = fields.String()
    completed_at = fields.DateTime(allow_none=True)
    inspection_id = fields.String(allow_none=True)


_PUBLIC_PROJECT = ProjectData(exclude=tuple(hidden_fields("project", "deputy")))
_SCHEMAS: dict[str, Schema] = {
    "template": TemplateData(),
    "project": ProjectData(),
    "inspection": InspectionData(),
    "photo": PhotoData(),
    "issue": IssueData(),
    "report": ReportData(),
    "task": TaskData(),
}
_LOADERS: dict[str, Any] = {
    "template": (ChecklistTemplate, [selectinload(ChecklistTemplate.items)]),
    "project": (
        Project,
        [
            selectinload(r)
            for r in (
                Project.series,
                Project.county,
                Project.township,
                Project.village,
                Project.unit,
            )
        ],
    ),
    "inspection": (
        Inspection,
        [
            selectinload(Inspection.answers),
            selectinload(Inspection.inspector),
            selectinload(Inspection.project),  # where it is visible (sync.changes.scope_of)
        ],
    ),
    "photo": (Photo, []),
    "issue": (
        Issue,
        [
            selectinload(Issue.events),
            selectinload(Issue.unit),
            selectinload(Issue.created_by),
            selectinload(Issue.project),
        ],
    ),
    "report": (
        DeputyReport,
        [selectinload(DeputyReport.linked_issues).selectinload(Issue.events)],
    ),
    "task": (
        InspectionTask,
        [selectinload(InspectionTask.plan), selectinload(InspectionTask.project)],
    ),
}
_INTEGER_KEYS = ("project", "task")


def load_records(session: Session, entity_type: str, ids: list[str]) -> dict[str, Any]:
    """The current records of one type, by id as a string (one query)."""
    model, options = _LOADERS[entity_type]
    key = model.id
    typed_ids: list[Any] = [int(i) for i in ids] if entity_type in _INTEGER_KEYS else ids
    rows = session.scalars(select(model).where(key.in_(typed_ids)).options(*options))
    return {str(row.id): row for row in rows}


def serialize(entity_type: str, record: Any, user: User) -> dict[str, Any]:
    if entity_type == "project" and hidden_fields("project", user.role):
        return _PUBLIC_PROJECT.dump(record)
    data: dict[str, Any] = _SCHEMAS[entity_type].dump(record)
    if entity_type == "photo" and data.get("evidence"):
        from server.media.access import evidence_for  # names only the photos the reader sees

        data["evidence"] = evidence_for(user, data["evidence"])
    return data
