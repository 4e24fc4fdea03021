"""Checking an answer's value against its checklist item's kind."""

from __future__ import annotations

import math
from typing import Any

from server.inspections.models import ChecklistItem
from sync.errors import Rejected


def check_answer_value(item: ChecklistItem, value: Any) -> Any:
    """The value to store, or Rejected when it does not fit the item (None clears an answer)."""
    if value is None:
        return None
    kind = item.kind
    if kind == "yes_no_na":
        if value not in ("yes", "no", "na"):
            raise Rejected("invalid_value.yes_no_na", item=item.label)
        return value
    if kind == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise Rejected("invalid_value.number", item=item.label)
        return value
    if kind == "text":
        if not isinstance(value, str) or len(value) > 5000:
            raise Rejected("invalid_value.text", item=item.label)
        return value
    if kind == "choice":
        if value not in (item.options or []):
            raise Rejected("invalid_value.choice", item=item.label)
        return value
    if kind == "photo":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Rejected("invalid_value.photo", item=item.label)
        return value
    if kind == "gps":
        ok = isinstance(value, dict) and all(
            isinstance(value.get(k), int | float) for k in ("lat", "lon")
        )
        if not ok or not (-90 <= value["lat"] <= 90 and -180 <= value["lon"] <= 180):
            raise Rejected("invalid_value.gps", item=item.label)
        return value
    raise Rejected("invalid_value.kind", item=item.label)
