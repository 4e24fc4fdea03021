"""Marshmallow fields that keep numbers inside what the database columns hold.

A JSON or query integer has no size limit; a column does (INTEGER ids: 32 bits, BIGINT: 64).
Out of range is the client's mistake, so it is a 422 with the field named, never a database
error.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from marshmallow import fields, validate

if TYPE_CHECKING:
    from flask_smorest import Api

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1


class BoundedInteger(fields.Integer):
    """An integer from ``min`` to ``max`` (default: any signed 64-bit value)."""

    def __init__(self, *, min: int = -INT64_MAX - 1, max: int = INT64_MAX, **kwargs: Any) -> None:
        validators = [validate.Range(min=min, max=max)]
        extra = kwargs.pop("validate", None)
        if callable(extra):
            validators.append(extra)
        elif extra:
            validators.extend(extra)
        super().__init__(validate=validators, **kwargs)


class RowId(BoundedInteger):
    """A row id: 1 up to the largest INTEGER column value."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min=1, max=INT32_MAX, **kwargs)


class Offset(BoundedInteger):
    """How many rows to skip: 0 up to the largest value SQL ``OFFSET`` takes."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min=0, max=INT64_MAX, **kwargs)


def _numeric_bounds(
    converter: Any, field: fields.Field, ret: dict[str, Any], **_: Any
) -> dict[str, Any]:
    """apispec writes a Decimal field's Range through the field, so as "0.0": make it 0.0."""
    return {
        key: float(value) if isinstance(value, Decimal) else value
        for key, value in ret.items()
        if key in _BOUND_KEYS
    }


_BOUND_KEYS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def document_numbers(api: Api) -> None:
    """Numeric ``minimum``/``maximum`` in the OpenAPI document (call before registering the
    blueprints: their schemas are converted then)."""
    api.ma_plugin.converter.add_attribute_function(_numeric_bounds)  # type: ignore[union-attr]
