"""The one way a search box (``q``) matches text, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_
from sqlalchemy.orm import InstrumentedAttribute


def contains_text(
    q: str, *columns: InstrumentedAttribute[str] | InstrumentedAttribute[str | None]
) -> ColumnElement[bool]:
    """Any of ``columns`` contains ``q``, ignoring case; ``%`` and ``_`` are plain characters."""
    return or_(*(column.icontains(q, autoescape=True) for column in columns))
