"""Inspections by kind and deputies' ratings by grade within the period (July 2023)."""

from __future__ import annotations

from tests.bulletins.conftest import utc

JULY = {"from": "2023-07-01", "to": "2023-07-31"}


def test_inspections_by_kind(dashboard, make_project, make_inspection):  # type: ignore[no-untyped-def]
    project = make_project(code="I1")
    make_inspection(project, "revisit", utc(2023, 7, 3))
    make_inspection(project, "revisit", utc(2023, 7, 20))
    make_inspection(project, "random", utc(2023, 7, 31, 15))  # 23:00 local on 07-31
    make_inspection(project, "focused", utc(2023, 7, 31, 16))  # 00:00 on 08-01: August's
    make_inspection(project, "joint", None)  # a draft
    assert dashboard(**JULY)["inspections"] == {
        "revisit": 2,
        "random": 1,
        "focused": 0,
        "joint": 0,
        "routine": 0,
    }


def test_satisfaction_by_grade(dashboard, make_deputy_report):  # type: ignore[no-untyped-def]
    for rating in ("satisfied", "satisfied", "dissatisfied"):
        make_deputy_report(utc(2023, 6, 20), "rated", rating=rating, rated=utc(2023, 7, 10))
    make_deputy_report(
        utc(2023, 6, 1), "rated", rating="basically_satisfied", rated=utc(2023, 6, 5)
    )
    assert dashboard(**JULY)["ratings"] == {
        "grades": {"satisfied": 2, "basically_satisfied": 0, "dissatisfied": 1},
        "total": 3,
        "satisfaction_rate": "66.67",
    }
