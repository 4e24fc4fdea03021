"""What the dashboard's and the map's JSON look like (marshmallow, for the OpenAPI document)."""

from __future__ import annotations

from marshmallow import Schema, fields

from server.bulletins.schemas import (
    BulletinRegionSchema,
    CompletionSchema,
    FundsFigureSchema,
    LevelCompletionSchema,
    RatingsSchema,
    StatusCountsSchema,
)
from server.i18n import current_locale, level_label
from server.projects.services import STATUS_CODES, STATUS_LABELS_EN, STATUS_LABELS_ZH


class GroupCompletionSchema(CompletionSchema):
    """A series or a township (``id`` and ``name`` null: projects outside any)."""

    id = fields.Integer(allow_none=True)
    name = fields.String(allow_none=True)


class CompletionFigureSchema(Schema):
    levels = fields.List(fields.Nested(LevelCompletionSchema))
    total = fields.Nested(CompletionSchema)
    series = fields.List(fields.Nested(GroupCompletionSchema))
    townships = fields.List(fields.Nested(GroupCompletionSchema))


class MonthProblemsSchema(Schema):
    month = fields.String(metadata={"example": "2023-07"})
    found = fields.Integer()
    closed = fields.Integer()


class UnitCountSchema(Schema):
    unit_id = fields.Integer(allow_none=True)
    unit_name = fields.String(allow_none=True)
    count = fields.Integer()


class DashboardSchema(Schema):
    """Stock figures (completion, statuses, funds, overdue) are the ledger on ``to``; flows
    (problems per month, inspections, ratings) count what happened from ``from`` to ``to``
    (local days). ``years``: the years the region's projects run through, newest first."""

    region = fields.Nested(BulletinRegionSchema)
    year = fields.Integer(allow_none=True)
    years = fields.List(fields.Integer())
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()
    completion = fields.Nested(CompletionFigureSchema)
    statuses = fields.Nested(StatusCountsSchema)
    funds = fields.Nested(FundsFigureSchema)
    problems_by_month = fields.List(fields.Nested(MonthProblemsSchema))
    overdue_by_unit = fields.List(fields.Nested(UnitCountSchema))
    inspections = fields.Dict(keys=fields.String(), values=fields.Integer())
    ratings = fields.Nested(RatingsSchema)


def _status_label(row: dict[str, object]) -> str | None:
    labels = STATUS_LABELS_EN if current_locale() == "en" else STATUS_LABELS_ZH
    return labels.get(str(row["status"]))


class MapProjectSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    level = fields.String()
    level_label = fields.Function(lambda row: level_label(row["level"]))
    status = fields.String(metadata={"enum": list(STATUS_CODES)})
    status_label = fields.Function(_status_label)
    lon = fields.Float()
    lat = fields.Float()
    open_problems = fields.Integer()


class TileLayerSchema(Schema):
    url = fields.String()
    subdomains = fields.String()
    attribution = fields.String()


class TilesSchema(Schema):
    provider = fields.String(metadata={"enum": ["none", "tianditu", "xyz"]})
    layers = fields.List(fields.Nested(TileLayerSchema))
    max_zoom = fields.Integer()


class MapSchema(Schema):
    """Projects with coordinates (WGS84 / CGCS2000), their status on ``as_of`` and the
    problems open at its end; ``tiles`` is the configured background (``none``: plain)."""

    region = fields.Nested(BulletinRegionSchema)
    as_of = fields.Date()
    # the batch year (年度) shown, and every one with projects in the region, newest first
    year = fields.Integer()
    years = fields.List(fields.Integer())
    tiles = fields.Nested(TilesSchema)
    projects = fields.List(fields.Nested(MapProjectSchema))
