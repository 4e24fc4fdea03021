"""Checking an answer's value against its checklist item's kind."""

from __future__ import annotations

import math
from typing import Any

from server.inspections.models import ChecklistItem
from sync.errors import Rejected


def _bad(item: ChecklistItem, zh: str, en: str) -> Rejected:
    return Rejected("invalid_value", f"「{item.label}」{zh}", f"{item.label}: {en}")


def check_answer_value(item: ChecklistItem, value: Any) -> Any:
    """The value to store, or Rejected when it does not fit the item (None clears an answer)."""
    if value is None:
        return None
    kind = item.kind
    if kind == "yes_no_na":
        if value not in ("yes", "no", "na"):
            raise _bad(item, "只能回答 是 / 否 / 不适用", "must be yes, no or na")
        return value
    if kind == "number":
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
        ):
            raise _bad(item, "请填写数字", "must be a number")
        return value
    if kind == "text":
        if not isinstance(value, str) or len(value) > 5000:
            raise _bad(item, "请填写文字(5000 字以内)", "must be text up to 5000 characters")
        return value
    if kind == "choice":
        if value not in (item.options or []):
            raise _bad(item, "不是可选的选项", "is not one of the options")
        return value
    if kind == "photo":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _bad(item, "应为照片编号列表", "must be a list of photo ids")
        return value
    if kind == "gps":
        ok = isinstance(value, dict) and all(
            isinstance(value.get(k), int | float) for k in ("lat", "lon")
        )
        if not ok or not (-90 <= value["lat"] <= 90 and -180 <= value["lon"] <= 180):
            raise _bad(item, "应为定位(纬度、经度)", "must be a location with lat and lon")
        return value
    raise _bad(item, "检查项类型未知", "unknown item kind")
