"""Checking an answer's value against its checklist item's kind."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.problems import NUMBER_RANGES, Both, say
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
        if item.integer and value != int(value):
            raise Rejected("invalid_value.integer", item=item.label)
        low, high = item.minimum, item.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise Rejected("invalid_value.range", item=item.label, range=_range(low, high))
        return value
    if kind == "text":
        if not isinstance(value, str) or len(value) > 5000:
            raise Rejected("invalid_value.text", item=item.label)
        return value
    if kind == "choice":
        if value not in (item.options or []):
            raise Rejected("invalid_value.choice", item=item.label)
        return value
    if kind == "multiple_choice":
        options = item.options or []
        if (
            not isinstance(value, list)
            or not all(isinstance(v, str) and v in options for v in value)
            or len(set(value)) != len(value)
        ):
            raise Rejected("invalid_value.multiple_choice", item=item.label)
        return value
    if kind == "date":
        if not isinstance(value, str) or not _is_date(value):
            raise Rejected("invalid_value.date", item=item.label)
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


def _is_date(value: str) -> bool:
    """``YYYY-MM-DD``, a real day."""
    if len(value) != 10:
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


def _range(low: float | None, high: float | None) -> Both:
    """The bounds as the refusal says them: 在 0–100 之间, 不小于 0, 不大于 100."""
    if low is not None and high is not None:
        return say(NUMBER_RANGES, "between", low=_number(low), high=_number(high))
    if low is not None:
        return say(NUMBER_RANGES, "at_least", low=_number(low))
    return say(NUMBER_RANGES, "at_most", high=_number(high or 0))


def photo_shortfalls(items: list[ChecklistItem], answers: dict[str, Any]) -> list[ChecklistItem]:
    """The photo items whose answer (item id → value) holds fewer photos than their
    ``min_count`` (an unanswered optional item is not short: it was not taken)."""
    short = []
    for item in items:
        if item.kind != "photo" or not item.min_count:
            continue
        value = answers.get(item.id)
        if value in (None, []) and not item.required:
            continue
        if len(value or []) < item.min_count:
            short.append(item)
    return short
