"""report.create / report.rate (deputies): arguments in, the lifecycle's commands do the rest."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from server.clock import action_time
from server.mutations import ROW_ID, UUID, Args, LocationSchema
from server.reports import lifecycle
from server.reports.models import REPORT_RATINGS, DeputyReport
from server.text import Text
from sync.context import MutationContext
from sync.errors import not_found
from sync.registry import mutation


class ReportCreateArgs(Args):
    id = fields.String(required=True, validate=UUID)
    title = Text(required=True, validate=validate.Length(min=1, max=200))
    description = Text(multiline=True, required=True, validate=validate.Length(max=5000))
    project_id = fields.Integer(allow_none=True, validate=ROW_ID)
    location = fields.Nested(LocationSchema, allow_none=True)


class ReportRateArgs(Args):
    report_id = fields.String(required=True, validate=UUID)
    rating = fields.String(required=True, validate=validate.OneOf(REPORT_RATINGS))
    comment = Text(multiline=True, allow_none=True, validate=validate.Length(max=2000))


@mutation("report.create", ReportCreateArgs, creates=DeputyReport)
def create(ctx: MutationContext, args: dict[str, Any]) -> None:
    lifecycle.create(ctx, args)


@mutation("report.rate", ReportRateArgs)
def rate(ctx: MutationContext, args: dict[str, Any]) -> None:
    report = ctx.session.get(DeputyReport, args["report_id"])
    if report is None:
        raise not_found("report")
    lifecycle.rate(
        ctx.session,
        ctx.user,
        report,
        args["rating"],
        args.get("comment"),
        ctx.now,
        ctx.settings,
        (ctx.client_id, ctx.mutation_id),
        action_time(ctx, created_at=report.created_at),
    )
