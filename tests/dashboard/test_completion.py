"""Completion per series and per township, statuses and funds, on a hand-built ledger.

As of 2023-12-31 (year=2023): 老年 has one project finished early and one at 50 % (behind the
100 % planned), 教育 one finished on its planned day; a county-wide project with no series
is at 30 %.
"""

from __future__ import annotations

from datetime import date

import pytest

from server.db import db
from server.regions.services import get_or_create_series


@pytest.fixture
def ledger(make_project, county, townships, report_progress):  # type: ignore[no-untyped-def]
    east, west = townships
    elders, _ = get_or_create_series("老年", county)
    schools, _ = get_or_create_series("教育", county)
    db.session.commit()
    early = make_project(
        code="A1", series=elders, township=east, progress=100,
        report_date=date(2023, 6, 30), actual_completion_date=date(2023, 6, 30),
        planned_investment_yuan=1_000_000,
    )  # fmt: skip
    half = make_project(code="A2", series=elders, township=west, planned_investment_yuan=2_000_000)
    report_progress(half, date(2023, 7, 31), 50, released=500_000, spent=200_000)
    on_day = make_project(
        code="B1", series=schools, township=east, progress=100,
        report_date=date(2023, 7, 31), planned_completion_date=date(2023, 7, 31),
    )  # fmt: skip
    county_wide = make_project(code="C1", progress=30)
    return {"east": east, "west": west, "elders": elders, "schools": schools,
            "projects": (early, half, on_day, county_wide)}  # fmt: skip


def test_completion_per_series_in_the_county_s_order_with_none_last(dashboard, ledger):  # type: ignore[no-untyped-def]
    series = dashboard(year=2023)["completion"]["series"]
    assert series == [
        {"id": ledger["elders"].id, "name": "老年", "total": 2, "completed": 1, "rate": "50.00"},
        {"id": ledger["schools"].id, "name": "教育", "total": 1, "completed": 1, "rate": "100.00"},
        {"id": None, "name": None, "total": 1, "completed": 0, "rate": "0.00"},
    ]


def test_completion_per_township_with_county_wide_projects_apart(dashboard, ledger):  # type: ignore[no-untyped-def]
    townships = dashboard(year=2023)["completion"]["townships"]
    assert townships == [
        {"id": ledger["east"].id, "name": "东镇", "total": 2, "completed": 2, "rate": "100.00"},
        {"id": ledger["west"].id, "name": "西乡", "total": 1, "completed": 0, "rate": "0.00"},
        {"id": None, "name": None, "total": 1, "completed": 0, "rate": "0.00"},
    ]


def test_completion_is_the_ledger_on_the_period_s_last_day(dashboard, ledger):  # type: ignore[no-untyped-def]
    """On 06-30 the 教育 project had not reported its 100 % yet."""
    figures = dashboard(**{"from": "2023-01-01", "to": "2023-06-30"})["completion"]
    east = figures["townships"][0]
    assert (east["total"], east["completed"], east["rate"]) == (2, 1, "50.00")
    assert figures["total"] == {"total": 4, "completed": 1, "rate": "25.00"}


def test_completion_by_level_and_overall(dashboard, ledger):  # type: ignore[no-untyped-def]
    completion = dashboard(year=2023)["completion"]
    assert completion["total"] == {"total": 4, "completed": 2, "rate": "50.00"}
    assert [(row["level"], row["completed"]) for row in completion["levels"]] == [("county", 2)]


def test_statuses_count_every_project_once(dashboard, ledger):  # type: ignore[no-untyped-def]
    assert dashboard(year=2023)["statuses"] == {
        "completed_early": 1,
        "completed": 1,
        "ahead": 0,
        "on_schedule": 0,
        "behind": 2,
        "postponed": 0,
    }


def test_funds_planned_released_and_spent(dashboard, ledger):  # type: ignore[no-untyped-def]
    assert dashboard(year=2023)["funds"]["total"] == {
        "planned_yuan": 3_000_000,
        "released_yuan": 500_000,
        "spent_yuan": 200_000,
        "released_share": "16.67",
    }


def test_no_projects_gives_empty_groups(dashboard, cast):  # type: ignore[no-untyped-def]
    completion = dashboard(year=2023)["completion"]
    assert completion["series"] == [] and completion["townships"] == []
    assert completion["total"] == {"total": 0, "completed": 0, "rate": None}
