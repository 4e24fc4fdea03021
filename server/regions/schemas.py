"""Marshmallow schemas for regions, units and series."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.fields import RowId
from server.refs import NamedRefSchema


class RegionRefSchema(NamedRefSchema):
    """A region by its name."""


class RegionSchema(RegionRefSchema):
    level = fields.String()
    code = fields.String(allow_none=True)
    parent_id = fields.Integer(allow_none=True)


class RegionListSchema(Schema):
    items = fields.List(fields.Nested(RegionSchema))


class RegionQuerySchema(Schema):
    parent_id = RowId()
    level = fields.String()


class UnitRefSchema(NamedRefSchema):
    code = fields.String()


class UnitItemSchema(UnitRefSchema):
    """A unit in the office's picker: its county (none = any county's problems), and with
    ``issue_id`` whether it may take that problem (a unit of the problem's county or of none)."""

    region_id = fields.Integer(allow_none=True)
    assignable = fields.Boolean()


class UnitListSchema(Schema):
    items = fields.List(fields.Nested(UnitItemSchema))


class UnitQuerySchema(Schema):
    issue_id = fields.String(validate=validate.Length(max=36))


class SeriesRefSchema(NamedRefSchema):
    """A series (系列) by its name."""
