"""Problems found and closed per local month, and overdue problems per unit, hand-worked.

Times are UTC; a Shanghai month starts at 16:00Z on the previous month's last day.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.bulletins.conftest import client_for, utc

JUNE_TO_AUGUST = {"from": "2023-06-01", "to": "2023-08-31"}


def closed_at(at, deadline: str = "2023-12-31"):  # type: ignore[no-untyped-def]
    """The steps from found to closed (销号), the last at ``at``."""
    minute = timedelta(minutes=1)
    return [
        (at - 4 * minute, "assigned", {"deadline": deadline}),
        (at - 3 * minute, "rectifying", None),
        (at - 2 * minute, "rectified", None),
        (at - minute, "verified", None),
        (at, "closed", None),
    ]


@pytest.fixture
def project(make_project, townships):  # type: ignore[no-untyped-def]
    return make_project(code="E1", township=townships[0])


def months(figures):  # type: ignore[no-untyped-def]
    return [(m["month"], m["found"], m["closed"]) for m in figures["problems_by_month"]]


def test_found_and_closed_fall_in_the_local_month(dashboard, make_problem, project):  # type: ignore[no-untyped-def]
    # 23:59:59 on 30 June in Shanghai
    make_problem(project, utc(2023, 6, 30, 15, 59, 59))
    # 00:00 on 1 July; closed at 00:30 on 1 August
    make_problem(project, utc(2023, 6, 30, 16), closed_at(utc(2023, 7, 31, 16, 30)))
    # found in May (before the period), closed in June
    make_problem(project, utc(2023, 5, 20), closed_at(utc(2023, 6, 10)))
    # 00:00 on 1 September: after the period
    make_problem(project, utc(2023, 8, 31, 16))
    assert months(dashboard(**JUNE_TO_AUGUST)) == [
        ("2023-06", 1, 1),
        ("2023-07", 1, 0),
        ("2023-08", 0, 1),
    ]


def test_a_problem_closed_twice_counts_once_a_month(dashboard, make_problem, project):  # type: ignore[no-untyped-def]
    """Closed on 07-09, reopened and closed on 07-15, reopened and closed again on 08-10."""
    steps = [
        *closed_at(utc(2023, 7, 9)),
        (utc(2023, 7, 12), "rectifying", {"deadline": "2023-07-20", "reopened": True}),
        (utc(2023, 7, 14), "rectified", None),
        (utc(2023, 7, 14, 1), "verified", None),
        (utc(2023, 7, 15), "closed", None),
        (utc(2023, 7, 20), "rectifying", {"deadline": "2023-08-20", "reopened": True}),
        (utc(2023, 8, 9), "rectified", None),
        (utc(2023, 8, 9, 1), "verified", None),
        (utc(2023, 8, 10), "closed", None),
    ]
    make_problem(project, utc(2023, 7, 5), steps)
    assert months(dashboard(**JUNE_TO_AUGUST)) == [
        ("2023-06", 0, 0),
        ("2023-07", 1, 1),
        ("2023-08", 0, 1),
    ]


def test_months_are_clipped_to_the_period(dashboard, make_problem, project):  # type: ignore[no-untyped-def]
    make_problem(project, utc(2023, 6, 10))  # before 06-15
    make_problem(project, utc(2023, 6, 20))
    make_problem(project, utc(2023, 7, 12))  # after 07-10
    figures = dashboard(**{"from": "2023-06-15", "to": "2023-07-10"})
    assert months(figures) == [("2023-06", 1, 0), ("2023-07", 0, 0)]


def test_a_year_has_twelve_months(dashboard, cast):  # type: ignore[no-untyped-def]
    labels = [m["month"] for m in dashboard(year=2023)["problems_by_month"]]
    assert labels == [f"2023-{n:02d}" for n in range(1, 13)]


def test_months_count_only_the_office_s_region(app, make_project, make_problem, townships, cast):  # type: ignore[no-untyped-def]
    east, west = townships
    make_problem(make_project(code="E", township=east), utc(2023, 7, 3))
    make_problem(make_project(code="W", township=west), utc(2023, 7, 4))
    make_problem(make_project(code="W2", township=west), utc(2023, 7, 5))
    response = client_for(app, cast["west_office"]).get(
        "/api/v1/dashboard", query_string={"from": "2023-07-01", "to": "2023-07-31"}
    )
    assert response.get_json()["problems_by_month"] == [
        {"month": "2023-07", "found": 2, "closed": 0}
    ]


def test_overdue_problems_per_unit_largest_first(dashboard, make_problem, project, cast):  # type: ignore[no-untyped-def]
    water, roads = cast["water"], cast["roads"]

    def late(deadline: str, unit, then=()):  # type: ignore[no-untyped-def]
        steps = [(utc(2023, 7, 1, 2), "assigned", {"deadline": deadline}), *then]
        return make_problem(project, utc(2023, 7, 1), steps, unit=unit)

    late("2023-07-10", water, [(utc(2023, 7, 2), "rectifying", None)])
    late("2023-07-20", water, [(utc(2023, 7, 2), "rectifying", None)])
    late("2023-07-15", roads)
    late("2023-08-15", roads)  # not due yet on 07-31
    late("2023-07-31", roads)  # due on the last day itself: not yet overdue
    make_problem(project, utc(2023, 6, 1), closed_at(utc(2023, 7, 8), "2023-07-05"), unit=water)
    overdue = dashboard(**{"from": "2023-07-01", "to": "2023-07-31"})["overdue_by_unit"]
    assert overdue == [
        {"unit_id": water.id, "unit_name": "水利局", "count": 2},
        {"unit_id": roads.id, "unit_name": "交通局", "count": 1},
    ]
