"""Output schemas of the small references every API nests: a person, a named row, a project."""

from __future__ import annotations

from marshmallow import Schema, fields


class PersonRefSchema(Schema):
    id = fields.Integer()
    display_name = fields.String()


class NamedRefSchema(Schema):
    """A unit, a region or any row shown by its name."""

    id = fields.Integer()
    name = fields.String()


class ProjectRefSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
