"""Deadline colours at every edge: 绿 more than 3 days left, 黄 0–3, 红 overdue; Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from server.issues.deadlines import colour_bounds, days_left, deadline_colour, local_date

TODAY = date(2023, 7, 31)


@pytest.mark.parametrize(
    ("offset", "colour"),
    [
        (-30, "red"),
        (-1, "red"),  # yesterday: overdue
        (0, "yellow"),  # due today
        (1, "yellow"),  # tomorrow
        (3, "yellow"),  # 3 days left
        (4, "green"),  # 4 days left
        (60, "green"),
    ],
)
def test_colour_by_days_left(offset: int, colour: str) -> None:
    assert deadline_colour("rectifying", TODAY + timedelta(days=offset), TODAY) == colour


@pytest.mark.parametrize("state", ["assigned", "rectifying", "rectified"])
def test_states_a_unit_still_owes_have_a_colour(state: str) -> None:
    assert deadline_colour(state, TODAY - timedelta(days=1), TODAY) == "red"


@pytest.mark.parametrize(
    "state", ["found", "verified", "closed", "returned", "duplicate", "rejected"]
)
def test_other_states_have_none(state: str) -> None:
    assert deadline_colour(state, TODAY - timedelta(days=1), TODAY) is None


def test_no_deadline_no_colour() -> None:
    assert deadline_colour("assigned", None, TODAY) is None


def test_days_left() -> None:
    assert days_left(TODAY, TODAY) == 0
    assert days_left(TODAY - timedelta(days=2), TODAY) == -2


@pytest.mark.parametrize(
    ("utc", "day"),
    [
        (datetime(2023, 7, 31, 15, 59, 59, tzinfo=UTC), date(2023, 7, 31)),  # 23:59:59 in Shanghai
        (datetime(2023, 7, 31, 16, 0, 0, tzinfo=UTC), date(2023, 8, 1)),  # midnight in Shanghai
    ],
)
def test_the_day_turns_at_midnight_in_shanghai(utc: datetime, day: date) -> None:
    assert local_date(utc) == day


def test_midnight_turns_due_today_into_overdue() -> None:
    deadline = date(2023, 7, 31)
    before = local_date(datetime(2023, 7, 31, 15, 59, 59, tzinfo=UTC))
    after = local_date(datetime(2023, 7, 31, 16, 0, 0, tzinfo=UTC))
    assert deadline_colour("assigned", deadline, before) == "yellow"
    assert deadline_colour("assigned", deadline, after) == "red"


def test_another_time_zone_is_honoured() -> None:
    assert local_date(datetime(2023, 7, 31, 16, 0, tzinfo=UTC), "UTC") == date(2023, 7, 31)


def test_naive_time_is_refused() -> None:
    with pytest.raises(ValueError):
        local_date(datetime(2023, 7, 31, 12, 0))


@pytest.mark.parametrize("offset", range(-5, 10))
def test_sql_bounds_agree_with_the_function(offset: int) -> None:
    deadline = TODAY + timedelta(days=offset)
    colour = deadline_colour("assigned", deadline, TODAY)
    low, high = colour_bounds(colour, TODAY)
    assert (low is None or deadline >= low) and (high is None or deadline <= high)
