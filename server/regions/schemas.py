"""Marshmallow schemas for regions, units and series."""

from __future__ import annotations

from marshmallow import Schema, fields


class RegionRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class RegionSchema(RegionRefSchema):
    level = fields.String()
    code = fields.String(allow_none=True)
    parent_id = fields.Integer(allow_none=True)


class RegionListSchema(Schema):
    items = fields.List(fields.Nested(RegionSchema))


class RegionQuerySchema(Schema):
    parent_id = fields.Integer()
    level = fields.String()


class UnitRefSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class UnitListSchema(Schema):
    items = fields.List(fields.Nested(UnitRefSchema))


class SeriesRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
