"""The bulletin's period and scope: local days in the office's time zone, one region."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement
from sqlalchemy.orm import InstrumentedAttribute

from core.problems import period_detail
from server.audience import holds_clause, in_region
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.regions.models import Region

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The earliest day a period may start, and its longest span (ten years: 2014-01-01 to
#: 2023-12-31 is fine, to 2024-01-01 is not)
FIRST_DAY = date(2000, 1, 1)
MAX_YEARS = 10


@dataclass(frozen=True)
class Period:
    """From the start of ``first`` to the end of ``last``, both local days (Asia/Shanghai).

    ``start`` and ``end`` are the UTC instants of local midnight before ``first`` and after
    ``last``: an event belongs to the period when ``start <= at < end``.
    """

    first: date
    last: date
    start: datetime
    end: datetime

    @classmethod
    def of_days(cls, first: date, last: date, timezone: str) -> Period:
        zone = ZoneInfo(timezone)
        start = datetime.combine(first, time(0), zone)
        end = datetime.combine(last + timedelta(days=1), time(0), zone)
        return cls(first, last, start, end)


def _bad(field: str, detail: str, **params: object) -> AppError:
    """400 ``bad_period``: one of core.problems' PERIOD_DETAILS, also the field's error."""
    text = period_detail(detail, **params)
    return AppError("bad_period", errors={field: [text.zh]}, detail=text)


def _day(args: Mapping[str, str], field: str) -> date | None:
    text = (args.get(field) or "").strip()
    if not text:
        return None
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise _bad(field, "not_a_date", text=text) from None


def parse_period(args: Mapping[str, str], today: date, timezone: str) -> Period:
    """``from`` and ``to`` (YYYY-MM-DD); ``to`` defaults to today, ``from`` to 1 January of
    ``to``'s year (year to date). Bad or reversed dates are a 400 ``bad_period``."""
    last = _day(args, "to") or today
    first = _day(args, "from") or date(last.year, 1, 1)
    if first > last:
        raise _bad("from", "from_after_to")
    if last > today:
        raise _bad("to", "to_after_today")
    check_bounds(first, last)
    return Period.of_days(first, last, timezone)


def check_bounds(first: date, last: date) -> None:
    """Not before ``FIRST_DAY`` and at most ``MAX_YEARS`` long: longer periods take minutes
    to count and no report covers them (400 ``bad_period``)."""
    if first < FIRST_DAY:
        raise _bad("from", "too_early", first=FIRST_DAY.isoformat())
    if last >= _years_after(first, MAX_YEARS):
        raise _bad("to", "too_long", years=MAX_YEARS)


def _years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Scope:
    """The region a bulletin covers: ``path`` is its path (``None`` = everywhere) and
    ``name`` what the title calls it."""

    path: str | None
    name: str
    region_id: int | None = None

    def covers(self, column: InstrumentedAttribute[str]) -> ColumnElement[bool]:
        """``region_path`` column inside the scope."""
        return holds_clause(self.path, column)


def resolve_scope(user: User, region_id: int | None) -> Scope:
    """The user's region, or one region inside it (``?county=``); 404 outside it."""
    if region_id is None:
        region = user.region
    else:
        region = db.session.get(Region, region_id)
        if region is None or not in_region(user, region.path):
            raise AppError("not_found")
    if region is None:
        return Scope(None, "全部地区")
    return Scope(region.path, region.name, region.id)
