"""Marshmallow schemas for regions, units and series."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.fields import RowId
from server.refs import NamedRefSchema, PersonRefSchema
from server.regions.models import REGION_LEVELS
from server.text import Text


class RegionRefSchema(NamedRefSchema):
    """A region by its name."""


class RegionSchema(RegionRefSchema):
    level = fields.String()
    code = fields.String(allow_none=True)
    parent_id = fields.Integer(allow_none=True)


class RegionListSchema(Schema):
    items = fields.List(fields.Nested(RegionSchema))


class RegionNodeSchema(Schema):
    """A region in the tree, with its children."""

    id = fields.Integer()
    name = fields.String()
    level = fields.String()
    code = fields.String(allow_none=True)
    children = fields.List(fields.Nested(lambda: RegionNodeSchema()))
    # a township's: the active inspectors who cover it
    inspectors = fields.List(fields.Nested(PersonRefSchema))


class RegionTreeSchema(Schema):
    items = fields.List(fields.Nested(RegionNodeSchema))


class RegionCreateSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=100))
    level = fields.String(required=True, validate=validate.OneOf(REGION_LEVELS))
    parent_id = RowId(allow_none=True)
    code = Text(allow_none=True, validate=validate.Length(max=12))


class RegionQuerySchema(Schema):
    parent_id = RowId()
    level = fields.String()


class RegionUpdateSchema(Schema):
    name = Text(validate=validate.Length(min=1, max=100))
    code = Text(allow_none=True, validate=validate.Length(max=12))


class UnitRefSchema(NamedRefSchema):
    code = fields.String()


class UnitItemSchema(UnitRefSchema):
    """A unit in the office's picker: its county (none = any county's problems), and with
    ``issue_id`` whether it may take that problem (a unit of the problem's county or of none)."""

    region_id = fields.Integer(allow_none=True)
    assignable = fields.Boolean()


class UnitListSchema(Schema):
    items = fields.List(fields.Nested(UnitItemSchema))


class UnitSchema(UnitRefSchema):
    """A county's unit as the administrator keeps it."""

    region_id = fields.Integer(allow_none=True)
    contact_person = fields.String(allow_none=True)
    contact_phone = fields.String(allow_none=True)


class CountyUnitListSchema(Schema):
    items = fields.List(fields.Nested(UnitSchema))


class UnitCreateSchema(Schema):
    code = Text(required=True, validate=validate.Length(min=1, max=32))
    name = Text(required=True, validate=validate.Length(min=1, max=100))
    contact_person = Text(allow_none=True, validate=validate.Length(max=50))
    contact_phone = Text(allow_none=True, validate=validate.Length(max=32))


class UnitUpdateSchema(Schema):
    code = Text(validate=validate.Length(min=1, max=32))
    name = Text(validate=validate.Length(min=1, max=100))
    contact_person = Text(allow_none=True, validate=validate.Length(max=50))
    contact_phone = Text(allow_none=True, validate=validate.Length(max=32))


class UnitQuerySchema(Schema):
    issue_id = fields.String(validate=validate.Length(max=36))


class SeriesRefSchema(NamedRefSchema):
    """A series (系列) by its name."""


class RegionImportQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=False)


class RegionImportFileSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"})


class RegionRowErrorSchema(Schema):
    sheet = fields.String(allow_none=True)
    row = fields.Integer()
    column = fields.String(allow_none=True)
    message = fields.String()


class RegionImportSchema(Schema):
    dry_run = fields.Boolean()
    townships = fields.List(fields.String(), metadata={"description": "new townships"})
    villages = fields.List(fields.String(), metadata={"description": "new villages，乡镇/村"})
    units_created = fields.List(fields.String(), metadata={"description": "unit codes"})
    units_updated = fields.List(fields.String(), metadata={"description": "contact changed"})
    errors = fields.List(fields.Nested(RegionRowErrorSchema))
