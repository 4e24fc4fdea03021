"""inspection.create / inspection.update / answer.set / inspection.submit."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, validate, validates
from sqlalchemy import select

from server.inspections.models import (
    INSPECTION_KINDS,
    Answer,
    ChecklistItem,
    ChecklistTemplate,
    Inspection,
)
from server.inspections.values import check_answer_value
from server.mutations import (
    ROW_ID,
    UUID,
    Args,
    LocationSchema,
    check_new_id,
    location_columns,
    visible_project,
)
from server.planning.services import complete_tasks
from server.text import Text, refusal, text_problem
from sync.changes import log_change
from sync.context import MutationContext
from sync.errors import Rejected, forbidden, not_found
from sync.registry import mutation


class InspectionCreateArgs(Args):
    id = fields.String(required=True, validate=UUID)
    project_id = fields.Integer(required=True, validate=ROW_ID)
    kind = fields.String(required=True, validate=validate.OneOf(INSPECTION_KINDS))
    started_at = fields.AwareDateTime(required=True, default_timezone=UTC)
    template_id = Text(allow_none=True)
    location = fields.Nested(LocationSchema, allow_none=True)
    notes = Text(multiline=True, allow_none=True, validate=validate.Length(max=5000))
    replaces_id = fields.String(allow_none=True, validate=UUID)


class InspectionUpdateArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)
    notes = Text(multiline=True, allow_none=True, validate=validate.Length(max=5000))
    location = fields.Nested(LocationSchema, allow_none=True)
    kind = fields.String(validate=validate.OneOf(INSPECTION_KINDS))
    template_id = Text(allow_none=True)


class AnswerSetArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)
    item_id = Text(required=True)
    value = fields.Raw(required=True, allow_none=True)
    note = Text(multiline=True, allow_none=True, validate=validate.Length(max=2000))

    @validates("value")
    def typed_text(self, value: Any, **kwargs: Any) -> None:
        """A text answer is person-typed text like any other."""
        problem = text_problem(value, multiline=True) if isinstance(value, str) else None
        if problem is not None:
            raise refusal(problem)


class InspectionSubmitArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)


INSPECTING_ROLES = ("inspector", "supervisor", "admin")
# a correction is a new version of a submitted inspection, or of one the office returned
CORRECTABLE = ("submitted", "returned")


def _template(ctx: MutationContext, template_id: str | None) -> ChecklistTemplate | None:
    if template_id is None:
        return None
    template = ctx.session.get(ChecklistTemplate, template_id)
    if template is None:
        raise not_found("检查表", "Checklist")
    return template


def own_draft(ctx: MutationContext, inspection_id: str) -> Inspection:
    """The user's own inspection, still a draft (submitted ones are immutable)."""
    inspection = ctx.session.get(Inspection, inspection_id)
    if inspection is None or inspection.inspector_id != ctx.user.id:
        raise not_found("检查记录", "Inspection")
    if inspection.status != "draft":
        raise Rejected(
            "inspection_submitted",
            "该检查已提交,不能再修改;如需更正请新建一版检查",
            "The inspection is submitted and can no longer change; create a correction instead",
        )
    return inspection


@mutation("inspection.create", InspectionCreateArgs, creates=Inspection)
def create(ctx: MutationContext, args: dict[str, Any]) -> None:
    if ctx.user.role not in INSPECTING_ROLES:
        raise forbidden("只有督查员可以新建检查", "Only inspectors create inspections")
    if check_new_id(ctx, Inspection, args["id"], "检查记录") is not None:
        return
    project = visible_project(ctx, args["project_id"])
    template = _template(ctx, args.get("template_id"))
    replaces = args.get("replaces_id")
    if replaces is not None:
        old = ctx.session.get(Inspection, replaces)
        if old is None or old.inspector_id != ctx.user.id:
            raise not_found("被更正的检查记录", "Inspection to correct")
        if old.status not in CORRECTABLE:
            raise Rejected(
                "not_submitted",
                "只能更正已提交或被退回的检查",
                "Only a submitted or returned inspection can be corrected",
            )
    inspection = Inspection(
        id=args["id"],
        project=project,
        kind=args["kind"],
        template=template,
        inspector=ctx.user,
        started_at=args["started_at"],
        notes=args.get("notes"),
        replaces_id=replaces,
        **location_columns(args.get("location")),
    )
    ctx.session.add(inspection)
    log_change(ctx.session, "inspection", inspection, new=True)


@mutation("inspection.update", InspectionUpdateArgs)
def update(ctx: MutationContext, args: dict[str, Any]) -> None:
    inspection = own_draft(ctx, args["inspection_id"])
    if "notes" in args:
        inspection.notes = args["notes"]
    if "kind" in args:
        inspection.kind = args["kind"]
    if "template_id" in args:
        if inspection.answers and args["template_id"] != inspection.template_id:
            raise Rejected(
                "template_locked",
                "已有答案,不能更换检查表",
                "Answers exist; the checklist cannot change",
            )
        inspection.template = _template(ctx, args["template_id"])
    if args.get("location"):
        for key, value in location_columns(args["location"]).items():
            setattr(inspection, key, value)
    inspection.version += 1
    log_change(ctx.session, "inspection", inspection)


@mutation("answer.set", AnswerSetArgs)
def set_answer(ctx: MutationContext, args: dict[str, Any]) -> None:
    inspection = own_draft(ctx, args["inspection_id"])
    item = ctx.session.get(ChecklistItem, args["item_id"])
    if item is None or item.template_id != inspection.template_id:
        raise not_found("检查项", "Checklist item")
    value = check_answer_value(item, args["value"])
    answer = ctx.session.scalar(
        select(Answer).where(Answer.inspection_id == inspection.id, Answer.item_id == item.id)
    )
    if answer is None:
        answer = Answer(inspection=inspection, item=item)
        ctx.session.add(answer)
    answer.value, answer.note, answer.answered_at = value, args.get("note"), ctx.now
    inspection.version += 1
    log_change(ctx.session, "inspection", inspection)


@mutation("inspection.submit", InspectionSubmitArgs)
def submit(ctx: MutationContext, args: dict[str, Any]) -> None:
    inspection = own_draft(ctx, args["inspection_id"])
    if inspection.template is not None:
        answered = {a.item_id for a in inspection.answers if a.value not in (None, "", [])}
        missing = [
            i.label for i in inspection.template.items if i.required and i.id not in answered
        ]
        if missing:
            raise Rejected(
                "incomplete",
                "还有必填项未回答: " + "、".join(missing),
                "Required items are unanswered: " + ", ".join(missing),
            )
    inspection.status = "submitted"
    inspection.submitted_at = ctx.now
    inspection.version += 1
    log_change(ctx.session, "inspection", inspection)
    complete_tasks(ctx.session, inspection)
