"""Schedule-status rules, especially at the band's edges."""

from datetime import date
from decimal import Decimal

import pytest

from server.projects.schedule import (
    AHEAD,
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    POSTPONED,
    ScheduleFacts,
    planned_progress,
    schedule_status,
)

START = date(2023, 1, 1)
END = date(2023, 11, 28)  # 331 days: day 100 is 30.2% of the period
AS_OF = date(2023, 4, 11)  # 100 days after the start


def facts(progress: str | None = None, **overrides: object) -> ScheduleFacts:
    values: dict[str, object] = {
        "start_date": START,
        "planned_completion_date": END,
        "completed_on": None,
        "progress_pct": None if progress is None else Decimal(progress),
    }
    values.update(overrides)
    return ScheduleFacts(**values)  # type: ignore[arg-type]


def test_planned_progress_is_elapsed_share_of_period() -> None:
    assert planned_progress(START, END, AS_OF) == Decimal("30.2")


def test_planned_progress_is_zero_before_start_and_full_after_end() -> None:
    assert planned_progress(START, END, date(2022, 12, 1)) == 0
    assert planned_progress(START, END, date(2024, 1, 1)) == 100


def test_planned_progress_unknown_without_dates() -> None:
    assert planned_progress(None, END, AS_OF) is None


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        ("40.2", ON_SCHEDULE),  # exactly +10: the edge is on schedule
        ("40.3", AHEAD),  # just past +10
        ("20.2", ON_SCHEDULE),  # exactly −10
        ("20.1", BEHIND),  # just past −10
        ("30.2", ON_SCHEDULE),
    ],
)
def test_band_edges(progress: str, expected: str) -> None:
    assert schedule_status(facts(progress), AS_OF).status == expected


def test_band_is_configurable() -> None:
    assert schedule_status(facts("36.0"), AS_OF, band=Decimal(5)).status == AHEAD


def test_completed_before_planned_date_is_early() -> None:
    result = schedule_status(facts("100", completed_on=date(2023, 4, 1)), AS_OF)
    assert result.status == COMPLETED_EARLY


def test_completed_on_planned_day_is_not_early() -> None:
    result = schedule_status(facts("100", completed_on=END), date(2023, 12, 5))
    assert result.status == COMPLETED


def test_completion_after_as_of_does_not_count_yet() -> None:
    result = schedule_status(facts("30", completed_on=date(2023, 6, 1)), AS_OF)
    assert result.status == ON_SCHEDULE


def test_full_progress_without_a_date_is_completed() -> None:
    assert schedule_status(facts("100"), AS_OF).status == COMPLETED


def test_postponed_needs_a_reason_and_wins_over_progress() -> None:
    assert schedule_status(facts("5", postponed_reason="专项债未到位"), AS_OF).status == POSTPONED


def test_empty_reason_is_not_postponed() -> None:
    assert schedule_status(facts("30", postponed_reason=""), AS_OF).status == ON_SCHEDULE


def test_past_planned_date_and_unfinished_is_behind_even_inside_band() -> None:
    assert schedule_status(facts("95"), date(2023, 12, 1)).status == BEHIND


def test_on_the_planned_day_unfinished_is_judged_by_the_band() -> None:
    assert schedule_status(facts("92"), END).status == ON_SCHEDULE


def test_completed_project_stays_completed_even_if_postponed_reason_left() -> None:
    result = schedule_status(
        facts("100", completed_on=date(2023, 3, 1), postponed_reason="旧原因"), AS_OF
    )
    assert result.status == COMPLETED_EARLY


def test_no_dates_means_on_schedule_without_planned_figure() -> None:
    result = schedule_status(facts("10", start_date=None, planned_completion_date=None), AS_OF)
    assert (result.status, result.planned_progress_pct) == (ON_SCHEDULE, None)


def test_missing_progress_counts_as_zero() -> None:
    assert schedule_status(facts(None), AS_OF).status == BEHIND
