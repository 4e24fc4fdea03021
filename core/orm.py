"""Declarative base, naming convention and column types shared by every domain.

Pure SQLAlchemy: ``sync/`` and ``server/`` build their models on it; it imports neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# a moment that stands in for the wall clock in this context (``clock_at``); None: the real clock
_NOW: ContextVar[datetime | None] = ContextVar("xianchang_now", default=None)


def utcnow() -> datetime:
    """Now in UTC: the wall clock, or the moment ``clock_at`` set for this context."""
    return _NOW.get() or datetime.now(UTC)


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Run the block as if it were ``moment`` (aware): every ``utcnow`` (record times,
    ``received_at``, deadlines, sessions, the office's today) reads it. For the demo history
    (server/demo/history), which replays 2023 through the real API; never used by a request."""
    token = _NOW.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _NOW.reset(token)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps stored as naive UTC (SQLite has no time zones) and read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Tenths(TypeDecorator[Decimal]):
    """A decimal with one fractional digit stored exactly as an integer number of tenths."""

    impl = Integer
    cache_ok = True

    def process_bind_param(
        self, value: Decimal | float | int | None, dialect: object
    ) -> int | None:
        if value is None:
            return None
        tenths = (Decimal(str(value)) * 10).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return int(tenths)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else Decimal(value) / 10


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


def foreign_key(entity: Any, relationship: str) -> Any:
    """``entity.<relationship>_id``, also before a flush has copied it from a related object
    set through the relationship (new records are logged without flushing them first)."""
    value = getattr(entity, f"{relationship}_id")
    if value is None:
        related = entity.__dict__.get(relationship)
        if related is not None:
            value = related.id
    return value
