"""Text clean-up shared by the header and cell readers."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

PLACEHOLDERS = frozenset(
    {"/", "\\", "-", "--", "—", "——", "–", "无", "暂无", "n/a", "na", "null", "none", "#n/a"}
)
_LINE_BREAKS = re.compile(r"[\r\n]+")


def half_width(text: str) -> str:
    """Full-width digits, letters and punctuation (１２３．５％（）) to their ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def number_to_text(value: float | int | Decimal) -> str:
    """A number as a clerk typed it: 13800000000.0 → "13800000000", 2.50 → "2.5"."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def display(value: object) -> str:
    """A cell value as it should read in an error message."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float | Decimal):
        return number_to_text(value)
    return " ".join(str(value).split())


def is_blank(value: object) -> bool:
    """Empty, whitespace, or a placeholder such as "/", "—" or "无"."""
    if value is None:
        return True
    if not isinstance(value, str):
        return False
    return half_width(value).strip().lower() in PLACEHOLDERS or not value.strip()


def _join_lines(text: str) -> str:
    parts = [part.strip() for part in _LINE_BREAKS.split(text) if part.strip()]
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        separator = " " if joined[-1].isascii() and part[0].isascii() else ""
        joined += separator + part
    return joined


def clean_text(value: object, multiline: bool = False) -> str | None:
    """Stripped text, or None for blanks; line breaks kept only when ``multiline``."""
    if is_blank(value):
        return None
    text = display(value) if not isinstance(value, str) else value
    if multiline:
        lines = [line.strip() for line in _LINE_BREAKS.split(text)]
        return "\n".join(line for line in lines if line) or None
    return _join_lines(text) or None


def compact(value: object) -> str:
    """Half-width text without any whitespace, for matching words."""
    return re.sub(r"\s+", "", half_width(display(value) if not isinstance(value, str) else value))
