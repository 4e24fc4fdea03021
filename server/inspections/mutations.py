"""inspection.create / inspection.update / answer.set / inspection.submit: their arguments;
the rules are the lifecycle's commands (server/inspections/lifecycle.py)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, validate, validates

from server.inspections import lifecycle
from server.inspections.models import INSPECTION_KINDS, Inspection
from server.mutations import ROW_ID, UUID, Args, LocationSchema
from server.text import Text, refusal, text_problem
from sync.context import MutationContext
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


@mutation("inspection.create", InspectionCreateArgs, creates=Inspection)
def create(ctx: MutationContext, args: dict[str, Any]) -> None:
    lifecycle.create(ctx, args)


@mutation("inspection.update", InspectionUpdateArgs)
def update(ctx: MutationContext, args: dict[str, Any]) -> None:
    lifecycle.update(ctx, args["inspection_id"], args)


@mutation("answer.set", AnswerSetArgs)
def set_answer(ctx: MutationContext, args: dict[str, Any]) -> None:
    lifecycle.set_answer(
        ctx, args["inspection_id"], args["item_id"], args["value"], args.get("note")
    )


@mutation("inspection.submit", InspectionSubmitArgs)
def submit(ctx: MutationContext, args: dict[str, Any]) -> None:
    lifecycle.submit(ctx, args["inspection_id"])
