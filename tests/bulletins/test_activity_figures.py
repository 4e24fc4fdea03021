"""Inspections by kind and deputies' reports in July 2023 (Asia/Shanghai), hand-worked."""

from __future__ import annotations

import pytest

from tests.bulletins.conftest import JULY, utc


@pytest.fixture
def inspections(make_project, make_inspection, make_region):  # type: ignore[no-untyped-def]
    project = make_project(code="INS")
    make_inspection(project, "revisit", utc(2023, 7, 5, 3))
    returned = make_inspection(project, "random", utc(2023, 7, 10, 3))
    returned.status = "returned"
    make_inspection(project, "random", utc(2023, 7, 12, 3), replaces_id=returned.id)
    make_inspection(project, "focused", None)  # a draft: not submitted
    make_inspection(project, "joint", utc(2023, 6, 30, 16))  # 00:00 on 1 July in Shanghai
    make_inspection(project, "routine", utc(2023, 7, 31, 16))  # 00:00 on 1 August
    elsewhere = make_region("别县", "county")
    other = make_project(code="ELSEWHERE", county=elsewhere, region_path=elsewhere.path)
    make_inspection(other, "revisit", utc(2023, 7, 5, 3))


def test_inspections_by_kind(inspections, bulletin) -> None:  # type: ignore[no-untyped-def]
    assert bulletin(*JULY)["inspections"] == {
        "kinds": {"revisit": 1, "random": 1, "focused": 0, "joint": 1, "routine": 0},
        "total": 3,
    }


@pytest.fixture
def reports(make_deputy_report):  # type: ignore[no-untyped-def]
    make = make_deputy_report
    make(utc(2023, 7, 3), "rated", utc(2023, 7, 4), "satisfied", utc(2023, 7, 20))
    make(utc(2023, 7, 5), "declined")
    make(utc(2023, 7, 6), "replied", utc(2023, 7, 7))
    make(utc(2023, 7, 8))
    # received in June, rated 不满意 in July: back to accepted for a new reply
    make(utc(2023, 6, 15), "accepted", utc(2023, 6, 16), "dissatisfied", utc(2023, 7, 10))
    # rated in August: replied in July's count, its rating is August's
    make(utc(2023, 7, 9), "rated", utc(2023, 7, 10), "basically_satisfied", utc(2023, 8, 2))
    # accepted only in August
    make(utc(2023, 7, 30), "accepted", utc(2023, 8, 1))


def test_deputy_reports_received_accepted_declined_replied(reports, bulletin) -> None:  # type: ignore[no-untyped-def]
    figures = bulletin(*JULY)["deputy_reports"]
    assert {k: figures[k] for k in ("received", "accepted", "declined", "replied")} == {
        "received": 6,
        "accepted": 3,
        "declined": 1,
        "replied": 3,
    }


def test_deputy_ratings_by_grade_in_the_period(reports, bulletin) -> None:  # type: ignore[no-untyped-def]
    assert bulletin(*JULY)["deputy_reports"]["ratings"] == {
        "grades": {"satisfied": 1, "basically_satisfied": 0, "dissatisfied": 1},
        "total": 2,
        "satisfaction_rate": "50.00",
    }


def test_deputy_ratings_of_august(reports, bulletin) -> None:  # type: ignore[no-untyped-def]
    ratings = bulletin("2023-08-01", "2023-08-31")["deputy_reports"]["ratings"]
    assert (ratings["grades"]["basically_satisfied"], ratings["satisfaction_rate"]) == (1, "100.00")
