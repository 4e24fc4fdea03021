"""Marshmallow schemas for the ledger API."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, post_dump, validate

from server.i18n import level_label, pick
from server.money import yuan_to_wan
from server.projects.models import PROJECT_LEVELS
from server.projects.schedule import STATUS_CODES, STATUS_LABELS_EN, STATUS_LABELS_ZH
from server.projects.visibility import viewer_role, without_hidden
from server.refs import PersonRefSchema, ProjectRefSchema
from server.regions.schemas import RegionRefSchema, SeriesRefSchema, UnitRefSchema
from server.text import Text

ROW_ID = validate.Range(min=1, max=2**31 - 1)
BATCH_YEAR = validate.Range(min=2000, max=2100, error="年度应在 2000–2100 之间")
#: 万元, up to 1 万亿元: more than any project's budget, far below what the yuan column holds
MONEY_WAN = validate.Range(min=0, max=100_000_000, error="金额（万元）应在 0 到 1 亿之间")


def status_label(code: str) -> str:
    return pick(STATUS_LABELS_ZH[code], STATUS_LABELS_EN[code])


def _wan(attribute: str) -> fields.Function:
    return fields.Function(
        lambda view: yuan_to_wan(getattr(view.project, attribute)), allow_none=True
    )


def _decimal_or_none(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


class ProjectFields(ProjectRefSchema):
    """A project's own facts, as the ledger and the phones' copy (server/projects/records.py)
    send them: from a Project, or a view reading through to one."""

    level = fields.String()
    # 年度: the year's batch the project belongs to (2023年民生实事项目)
    batch_year = fields.Integer()
    series = fields.Nested(SeriesRefSchema, allow_none=True)
    county = fields.Nested(RegionRefSchema)
    township = fields.Nested(RegionRefSchema, allow_none=True)
    village = fields.Nested(RegionRefSchema, allow_none=True)
    start_date = fields.Date(allow_none=True)
    planned_completion_date = fields.Date(allow_none=True)
    actual_completion_date = fields.Date(allow_none=True)


class ProjectNotesFields(Schema):
    """Who leads it and whom to phone, why it is postponed or lags: the detail page and the
    phones' copy (deputies see neither lead nor contacts, server/projects/visibility.py)."""

    lead_official = fields.String(allow_none=True)
    contact_name = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)
    postponed_reason = fields.String(allow_none=True)
    lag_reason = fields.String(allow_none=True)


class ProjectRecordFields(ProjectFields, ProjectNotesFields):
    """…and what the phones' copy (server/projects/records.py) adds: the latest progress and the
    money in yuan."""

    progress_pct = fields.Float(allow_none=True)
    planned_investment_yuan = fields.Integer(allow_none=True)
    allocated_investment_yuan = fields.Integer(allow_none=True)
    spent_investment_yuan = fields.Integer(allow_none=True)


class ProjectSummarySchema(ProjectFields):
    """A project as a list shows it, with its status as of the requested day (a ProjectView,
    which reads the project's own columns through)."""

    level_label = fields.Function(lambda view: level_label(view.project.level))
    unit = fields.Nested(UnitRefSchema, allow_none=True)
    progress_pct = fields.Function(
        lambda view: _decimal_or_none(view.progress_pct), allow_none=True
    )
    planned_progress_pct = fields.Function(
        lambda view: _decimal_or_none(view.schedule.planned_progress_pct), allow_none=True
    )
    schedule_status = fields.String(attribute="schedule.status")
    schedule_status_label = fields.Function(lambda view: status_label(view.schedule.status))
    planned_investment = _wan("planned_investment_yuan")
    allocated_investment = _wan("allocated_investment_yuan")
    spent_investment = _wan("spent_investment_yuan")

    @post_dump
    def _hide_from_role(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return without_hidden("project", viewer_role(), data)


class AuthorSchema(PersonRefSchema):
    """Who wrote a progress report."""


class ProgressReportSchema(Schema):
    id = fields.Integer()
    report_date = fields.Date()
    progress_pct = fields.Function(lambda report: float(report.progress_pct))
    allocated_investment = fields.Function(
        lambda report: yuan_to_wan(report.allocated_investment_yuan), allow_none=True
    )
    spent_investment = fields.Function(
        lambda report: yuan_to_wan(report.spent_investment_yuan), allow_none=True
    )
    note = fields.String(allow_none=True)
    source = fields.String()
    author = fields.Nested(AuthorSchema, allow_none=True)
    created_at = fields.DateTime()

    @post_dump
    def _hide_from_role(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        return without_hidden("progress_report", viewer_role(), data)


class LocationSchema(Schema):
    lat = fields.Float()
    lon = fields.Float()


class ProjectDetailSchema(ProjectSummarySchema, ProjectNotesFields):
    # whom to phone: only for who may see it (server/projects/scope.sees_contacts)
    contact_name = fields.Function(
        lambda view: view.project.contact_name if view.show_contacts else None, allow_none=True
    )
    contact_phone = fields.Function(
        lambda view: view.project.contact_phone if view.show_contacts else None, allow_none=True
    )
    location = fields.Function(
        lambda view: (
            {"lat": view.project.lat, "lon": view.project.lon}
            if view.project.lat is not None and view.project.lon is not None
            else None
        ),
        allow_none=True,
    )
    milestones = fields.Raw(allow_none=True)
    targets = fields.String(allow_none=True)
    progress_reports = fields.List(fields.Nested(ProgressReportSchema))


class ProjectListQuerySchema(Schema):
    as_of = fields.Date()
    status = fields.String(validate=validate.OneOf(STATUS_CODES))
    township = fields.Integer(validate=ROW_ID)
    unit = fields.Integer(validate=ROW_ID)
    level = fields.String(validate=validate.OneOf(PROJECT_LEVELS))
    series = fields.Integer(validate=ROW_ID)
    county = fields.Integer(validate=ROW_ID)
    # 年度: one year's batch (none: every year's)
    batch_year = fields.Integer(validate=BATCH_YEAR)
    q = Text(validate=validate.Length(max=100))
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class StatusCountsSchema(Schema):
    completed_early = fields.Integer()
    completed = fields.Integer()
    ahead = fields.Integer()
    on_schedule = fields.Integer()
    behind = fields.Integer()
    postponed = fields.Integer()


class ProjectPageSchema(Schema):
    items = fields.List(fields.Nested(ProjectSummarySchema))
    total = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()
    as_of = fields.Date()
    batch_year = fields.Integer(allow_none=True)
    counts = fields.Nested(StatusCountsSchema)


class AsOfQuerySchema(Schema):
    as_of = fields.Date()


class ProgressReportCreateSchema(Schema):
    report_date = fields.Date(required=True)
    progress_pct = fields.Decimal(
        required=True,
        places=1,
        validate=validate.Range(min=0, max=100, error="进度应在 0–100 之间"),
    )
    allocated_investment = fields.Decimal(allow_none=True, validate=MONEY_WAN)
    spent_investment = fields.Decimal(allow_none=True, validate=MONEY_WAN)
    note = Text(multiline=True, allow_none=True, validate=validate.Length(max=2000))


class LevelSchema(Schema):
    code = fields.String()
    label = fields.String()


class TownshipFacetSchema(RegionRefSchema):
    county_id = fields.Integer(attribute="parent_id")


class FacetsSchema(Schema):
    counties = fields.List(fields.Nested(RegionRefSchema))
    townships = fields.List(fields.Nested(TownshipFacetSchema))
    units = fields.List(fields.Nested(UnitRefSchema))
    series = fields.List(fields.Nested(SeriesRefSchema))
    levels = fields.List(fields.Nested(LevelSchema))
    statuses = fields.List(fields.Nested(LevelSchema))
    # the batch years (年度) with projects, newest first, and the one to show first: this
    # year's when it has projects, else the latest
    batch_years = fields.List(fields.Integer())
    batch_year = fields.Integer()
