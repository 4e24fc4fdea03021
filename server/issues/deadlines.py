"""Deadline colours (绿 / 黄 / 红): pure, on dates in the office's time zone.

绿 green: more than 3 days left; 黄 yellow: 0–3 days left (due today is yellow); 红 red: overdue.
Only a problem a unit still owes has a colour: one assigned, being rectified, or reported fixed
and awaiting review. Verified, closed, returned, rejected, duplicate or unassigned: none.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Asia/Shanghai"
YELLOW_DAYS = 3
COLOURED_STATES = frozenset({"assigned", "rectifying", "rectified"})
COLOURS = ("green", "yellow", "red")
COLOUR_LABELS = {"green": ("绿", "Green"), "yellow": ("黄", "Yellow"), "red": ("红", "Red")}


def local_date(moment: datetime, timezone: str = DEFAULT_TIMEZONE) -> date:
    """The calendar day of an aware ``moment`` in ``timezone`` (the office's day)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given; use an aware datetime")
    return moment.astimezone(ZoneInfo(timezone)).date()


def days_left(deadline: date, today: date) -> int:
    """Whole days from ``today`` to ``deadline``: 0 when due today, negative when overdue."""
    return (deadline - today).days


def deadline_colour(state: str, deadline: date | None, today: date) -> str | None:
    """``green`` / ``yellow`` / ``red`` for a problem a unit still owes, else None."""
    if deadline is None or state not in COLOURED_STATES:
        return None
    left = days_left(deadline, today)
    if left < 0:
        return "red"
    if left <= YELLOW_DAYS:
        return "yellow"
    return "green"


def colour_bounds(colour: str, today: date) -> tuple[date | None, date | None]:
    """The inclusive deadline range of ``colour`` on ``today`` (None = open), for SQL filters."""
    if colour == "red":
        return None, today - timedelta(days=1)
    if colour == "yellow":
        return today, today + timedelta(days=YELLOW_DAYS)
    if colour == "green":
        return today + timedelta(days=YELLOW_DAYS + 1), None
    raise ValueError(f"unknown colour {colour!r}")


def rectified_late(
    deadline: date | None,
    at: datetime,
    received_at: datetime,
    timezone: str = DEFAULT_TIMEZONE,
) -> bool:
    """Whether a rectification (整改 reported, 已整改) done ``at`` by the unit's phone and
    received by the server at ``received_at`` missed ``deadline`` (a day in the office's zone).

    The rule goes by the later of the two, in practice ``received_at``: a report that reached
    the server after the deadline day is late, whatever the phone's clock said. The phone's time
    is what views and periods show (server/clock.py), but a clock set back cannot be told from a
    phone kept offline, and a deadline that a changed clock could meet would bind no one. A unit
    that fixed it in time syncs before the deadline passes, or asks for an extension (延期).
    """
    if deadline is None:
        return False
    return local_date(max(at, received_at), timezone) > deadline
