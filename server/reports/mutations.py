"""report.create / report.rate (deputies)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate

from server.mutations import (
    ROW_ID,
    UUID,
    Args,
    LocationSchema,
    check_new_id,
    location_columns,
    visible_project,
)
from server.reports import lifecycle as reports
from server.reports.models import REPORT_RATINGS, DeputyReport
from server.text import Text
from sync.changes import log_change
from sync.context import MutationContext
from sync.errors import Rejected, forbidden, not_found
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
    if ctx.user.role != "deputy":
        raise forbidden("只有人大代表可以提交代表反映", "Only deputies file reports")
    if check_new_id(ctx, DeputyReport, args["id"], "代表反映") is not None:
        return
    project = (
        visible_project(ctx, args["project_id"]) if args.get("project_id") is not None else None
    )
    if project is None and ctx.user.region is None:
        raise Rejected("project_required", "请选择反映的项目或所在地区", "Choose a project")
    report = DeputyReport(
        id=args["id"],
        deputy_id=ctx.user.id,
        project_id=project.id if project else None,
        title=args["title"],
        description=args["description"],
        region_path=project.region_path if project else ctx.user.region.path,  # type: ignore[union-attr]
        **location_columns(args.get("location")),
    )
    ctx.session.add(report)
    log_change(ctx.session, "report", report, new=True)


@mutation("report.rate", ReportRateArgs)
def rate(ctx: MutationContext, args: dict[str, Any]) -> None:
    report = ctx.session.get(DeputyReport, args["report_id"])
    if report is None or report.deputy_id != ctx.user.id:
        raise not_found("代表反映", "Report")
    reports.rate(
        ctx.session,
        ctx.user,
        report,
        args["rating"],
        args.get("comment"),
        ctx.now,
        ctx.settings,
        (ctx.client_id, ctx.mutation_id),
    )
