"""Projects by level, schedule statuses, funds and lagging projects on a hand-built ledger.

Every project runs 2023-01-01 → 2023-12-31 unless told: on 2023-07-31 the planned progress is
211 / 364 days = 57.97% → 58.0%, so with the ±10 band under 48.0 is 滞后 and over 68.0 超序时.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.bulletins.conftest import JULY


def by_level(rows):  # type: ignore[no-untyped-def]
    return {row["level"]: row for row in rows}


@pytest.fixture
def ledger(make_project, report_progress, townships):  # type: ignore[no-untyped-def]
    east = townships[0]
    made = {
        "early": make_project(code="A", progress=100, actual_completion_date=date(2023, 6, 30)),
        "on_the_day": make_project(
            code="B",
            progress=100,
            planned_completion_date=date(2023, 7, 31),
            actual_completion_date=date(2023, 7, 31),
        ),
        "ahead": make_project(code="C", progress=70),
        "later_done": make_project(code="H", progress=30),
        "behind": make_project(
            code="D", level="township", township=east, progress=40, lag_reason="林地审批未完成"
        ),
        "on_schedule": make_project(code="E", level="township", township=east, progress=50),
        "postponed": make_project(
            code="F", level="township", township=east, progress=10, postponed_reason="专项债未到位"
        ),
        "province": make_project(
            code="G",
            level="province",
            progress=100,
            report_date=date(2023, 5, 1),
            planned_completion_date=date(2023, 6, 30),
        ),
    }
    # finished after the bulletin's day: on 2023-07-31 it was still at 30% (滞后)
    made["later_done"].actual_completion_date = date(2023, 8, 15)
    report_progress(made["later_done"], date(2023, 8, 15), 100)
    return made


def test_projects_by_level_total_completed_and_rate(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    figures = bulletin(*JULY)["projects"]
    levels = by_level(figures["levels"])
    assert [row["level"] for row in figures["levels"]] == ["province", "county", "township"]
    assert (levels["county"]["total"], levels["county"]["completed"]) == (4, 2)
    assert levels["county"]["rate"] == "50.00"
    assert (levels["township"]["completed"], levels["township"]["rate"]) == (0, "0.00")
    assert levels["province"]["rate"] == "100.00"
    assert figures["total"] == {"total": 8, "completed": 3, "rate": "37.50"}


def test_schedule_statuses_overall(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    assert bulletin(*JULY)["statuses"]["total"] == {
        "completed_early": 2,  # A before its day; G reached 100% on 05-01, due 06-30
        "completed": 1,  # B on its planned day is not early
        "ahead": 1,  # C 70 − 58 = 12 > 10
        "on_schedule": 1,  # E 50 − 58 = −8
        "behind": 2,  # D 40 − 58 = −18; H at 30% on the day, its later 100% not yet known
        "postponed": 1,
    }


def test_schedule_statuses_by_level(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    township = by_level(bulletin(*JULY)["statuses"]["levels"])["township"]
    assert (township["behind"], township["on_schedule"], township["postponed"]) == (1, 1, 1)


def test_a_project_finished_on_its_planned_day_is_completed_not_early(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    county = by_level(bulletin("2023-07-31", "2023-07-31")["statuses"]["levels"])["county"]
    assert (county["completed_early"], county["completed"]) == (1, 1)


def test_the_day_before_it_finished_it_is_not_completed(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    """B is due and done on 07-31: on 07-30 its completion and its report are not known yet."""
    county = by_level(bulletin("2023-07-01", "2023-07-30")["statuses"]["levels"])["county"]
    assert county["completed"] == 0 and county["completed_early"] == 1


def test_lagging_projects_with_reasons_in_level_order(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    lagging = bulletin(*JULY)["lagging"]
    assert [(p["code"], p["reason"]) for p in lagging] == [("H", None), ("D", "林地审批未完成")]
    assert lagging[1]["township_name"] == "东镇"
    assert lagging[1]["progress_pct"] == "40.0"


def test_postponed_projects_with_reasons(ledger, bulletin) -> None:  # type: ignore[no-untyped-def]
    assert [(p["code"], p["reason"]) for p in bulletin(*JULY)["postponed"]] == [
        ("F", "专项债未到位")
    ]


@pytest.fixture
def funded(make_project, report_progress, townships):  # type: ignore[no-untyped-def]
    first = make_project(code="M1", planned_investment_yuan=10_000)
    report_progress(first, date(2023, 6, 30), 40, released=8_000, spent=2_000)
    report_progress(first, date(2023, 8, 10), 60, released=10_000, spent=9_000)  # after the day
    second = make_project(code="M2", planned_investment_yuan=10_000)
    report_progress(second, date(2023, 7, 1), 30, released=8_901, spent=1_500)
    report_progress(second, date(2023, 7, 20), 45)  # progress only: the funds stay as they were
    make_project(code="M3", level="township", township=townships[0], planned_investment_yuan=5_000)


def test_funds_as_of_the_day_by_level(funded, bulletin) -> None:  # type: ignore[no-untyped-def]
    county = by_level(bulletin(*JULY)["funds"]["levels"])["county"]
    assert county == {
        "level": "county",
        "level_label": "县（区）级",
        "planned_yuan": 20_000,
        "released_yuan": 16_901,
        "spent_yuan": 3_500,
        "released_share": "84.51",  # 84.505 rounded half up, not to even
    }


def test_funds_total_and_a_level_with_nothing_released(funded, bulletin) -> None:  # type: ignore[no-untyped-def]
    funds = bulletin(*JULY)["funds"]
    assert by_level(funds["levels"])["township"]["released_share"] == "0.00"
    assert funds["total"] == {
        "planned_yuan": 25_000,
        "released_yuan": 16_901,
        "spent_yuan": 3_500,
        "released_share": "67.60",  # 16901 / 25000 = 67.604
    }


def test_no_projects(cast, bulletin) -> None:  # type: ignore[no-untyped-def]
    figures = bulletin(*JULY)
    assert figures["projects"] == {
        "levels": [],
        "total": {"total": 0, "completed": 0, "rate": None},
    }
    assert set(figures["statuses"]["total"].values()) == {0}
    assert figures["funds"]["total"]["released_share"] is None
    assert figures["lagging"] == figures["postponed"] == []
    assert figures["problems"]["total"] == dict.fromkeys(
        ("found", "rectified", "closed", "open", "overdue"), 0
    )
    assert figures["inspections"]["total"] == 0
    assert figures["deputy_reports"]["ratings"]["satisfaction_rate"] is None
