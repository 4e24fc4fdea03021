"""What the bulletin's JSON looks like (marshmallow, so the OpenAPI document shows it)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from server.i18n import level_label
from server.projects.services import STATUS_CODES


def _rate() -> fields.Decimal:
    """A percentage with two decimals as text ("84.50"), null when there is nothing to divide."""
    return fields.Decimal(
        as_string=True, allow_none=True, places=2, metadata={"type": "string", "example": "84.50"}
    )


class LevelMixin(Schema):
    level = fields.String()
    level_label = fields.Function(lambda row: level_label(row["level"]))


class CompletionSchema(Schema):
    total = fields.Integer()
    completed = fields.Integer()
    rate = _rate()


class LevelCompletionSchema(LevelMixin, CompletionSchema):
    pass


class ProjectsFigureSchema(Schema):
    levels = fields.List(fields.Nested(LevelCompletionSchema))
    total = fields.Nested(CompletionSchema)


StatusCountsSchema = Schema.from_dict(
    {code: fields.Integer() for code in STATUS_CODES}, name="BulletinStatusCounts"
)
LevelStatusCountsSchema = Schema.from_dict(
    {
        "level": fields.String(),
        "level_label": fields.Function(lambda row: level_label(row["level"])),
        **{code: fields.Integer() for code in STATUS_CODES},
    },
    name="BulletinLevelStatusCounts",
)


class StatusesFigureSchema(Schema):
    levels = fields.List(fields.Nested(LevelStatusCountsSchema))
    total = fields.Nested(StatusCountsSchema)


class FundsSchema(Schema):
    planned_yuan = fields.Integer()
    released_yuan = fields.Integer()
    spent_yuan = fields.Integer()
    released_share = _rate()


class LevelFundsSchema(LevelMixin, FundsSchema):
    pass


class FundsFigureSchema(Schema):
    levels = fields.List(fields.Nested(LevelFundsSchema))
    total = fields.Nested(FundsSchema)


class ListedProjectSchema(LevelMixin):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)
    township_id = fields.Integer(allow_none=True)
    township_name = fields.String(allow_none=True)
    progress_pct = fields.Decimal(
        as_string=True, places=1, allow_none=True, metadata={"type": "string", "example": "45.5"}
    )
    reason = fields.String(allow_none=True)


class ListedProjectsField(fields.List):
    """A list of ``ListedProjectSchema`` (so the OpenAPI document shows it) written directly:
    a province's bulletin can list thousands of lagging projects, and marshmallow's per-field
    dump of them took longer than every figure's SQL. tests/bulletins check both agree."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(fields.Nested(ListedProjectSchema), **kwargs)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> Any:
        if value is None:
            return None
        labels = {}
        out = []
        for row in value:
            level = row["level"]
            if level not in labels:
                labels[level] = level_label(level)
            progress = row["progress_pct"]
            out.append(
                {
                    "level": level,
                    "level_label": labels[level],
                    "id": row["id"],
                    "code": row["code"],
                    "name": row["name"],
                    "unit_id": row["unit_id"],
                    "unit_name": row["unit_name"],
                    "township_id": row["township_id"],
                    "township_name": row["township_name"],
                    "progress_pct": None if progress is None else f"{progress:.1f}",
                    "reason": row["reason"],
                }
            )
        return out


class ProblemCountsSchema(Schema):
    found = fields.Integer()
    rectified = fields.Integer()
    closed = fields.Integer()
    open = fields.Integer()
    overdue = fields.Integer()


class UnitProblemCountsSchema(ProblemCountsSchema):
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)


class ProblemsFigureSchema(Schema):
    total = fields.Nested(ProblemCountsSchema)
    units = fields.List(fields.Nested(UnitProblemCountsSchema))


class InspectionsFigureSchema(Schema):
    kinds = fields.Dict(keys=fields.String(), values=fields.Integer())
    total = fields.Integer()


class RatingsSchema(Schema):
    grades = fields.Dict(keys=fields.String(), values=fields.Integer())
    total = fields.Integer()
    satisfaction_rate = _rate()


class DeputyReportsFigureSchema(Schema):
    received = fields.Integer()
    accepted = fields.Integer()
    declined = fields.Integer()
    replied = fields.Integer()
    ratings = fields.Nested(RatingsSchema)


class BulletinRegionSchema(Schema):
    id = fields.Integer(allow_none=True)
    name = fields.String()


class BulletinSchema(Schema):
    """Stock figures are the ledger on ``to``; flow figures count what happened from ``from``
    to ``to`` (local days, Asia/Shanghai). Money in whole yuan; rates in percent."""

    title = fields.String()
    number = fields.Integer(allow_none=True)
    region = fields.Nested(BulletinRegionSchema)
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()
    issued_on = fields.Date()
    projects = fields.Nested(ProjectsFigureSchema)
    statuses = fields.Nested(StatusesFigureSchema)
    funds = fields.Nested(FundsFigureSchema)
    lagging = ListedProjectsField()
    postponed = ListedProjectsField()
    problems = fields.Nested(ProblemsFigureSchema)
    inspections = fields.Nested(InspectionsFigureSchema)
    deputy_reports = fields.Nested(DeputyReportsFigureSchema)
