"""Output schemas of the small references every API nests: a person, a named row, a project."""

from __future__ import annotations

from typing import Any

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


def location_of(obj: Any) -> dict[str, Any] | None:
    """A record's location as DESIGN.md writes it: ``{lat, lon, accuracy_m, at}`` or None."""
    if obj.lat is None or obj.lon is None:
        return None
    location = {"lat": obj.lat, "lon": obj.lon, "accuracy_m": getattr(obj, "accuracy_m", None)}
    at = getattr(obj, "located_at", None)
    location["at"] = at.isoformat() if at else None
    return location
