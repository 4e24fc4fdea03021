"""Problems found, rectified, closed, open and overdue in July 2023, per unit, hand-worked.

Times are UTC; July in Asia/Shanghai runs from 2023-06-30T16:00Z to 2023-07-31T16:00Z.
"""

from __future__ import annotations

import pytest

from server.db import db
from tests.bulletins.conftest import JULY, utc


def assigned(at, deadline: str):  # type: ignore[no-untyped-def]
    return (at, "assigned", {"deadline": deadline})


@pytest.fixture
def problems(make_problem, cast):  # type: ignore[no-untyped-def]
    water, roads = cast["water"], cast["roads"]
    return {
        # found in June, still being fixed after its 07-15 deadline
        "june_overdue": make_problem(
            utc(2023, 6, 20, 2),
            [assigned(utc(2023, 6, 21), "2023-07-15"), (utc(2023, 6, 25), "rectifying", None)],
            unit=water,
        ),
        # found, fixed, verified and closed within July
        "closed": make_problem(
            utc(2023, 7, 5, 2),
            [
                assigned(utc(2023, 7, 6), "2023-08-31"),
                (utc(2023, 7, 10), "rectifying", None),
                (utc(2023, 7, 20), "rectified", None),
                (utc(2023, 7, 22), "verified", None),
                (utc(2023, 7, 25), "closed", None),
            ],
            unit=water,
        ),
        # closed on 07-09, reopened by a deputy's 不满意 on 07-20 with a deadline of 07-25
        "reopened": make_problem(
            utc(2023, 7, 2, 2),
            [
                assigned(utc(2023, 7, 3), "2023-07-10"),
                (utc(2023, 7, 4), "rectifying", None),
                (utc(2023, 7, 8), "rectified", None),
                (utc(2023, 7, 9, 1), "verified", None),
                (utc(2023, 7, 9, 2), "closed", None),
                (utc(2023, 7, 20), "rectifying", {"deadline": "2023-07-25", "reopened": True}),
            ],
            unit=roads,
        ),
        # 00:30 on 1 August in Shanghai: August's, not July's
        "after_midnight": make_problem(utc(2023, 7, 31, 16, 30)),
        # 23:59:59 on 31 July in Shanghai: July's, not yet assigned
        "before_midnight": make_problem(utc(2023, 7, 31, 15, 59, 59)),
        # assigned in July, fixed and closed in August: on 07-31 it was overdue
        "closed_later": make_problem(
            utc(2023, 7, 10, 2),
            [
                assigned(utc(2023, 7, 11), "2023-07-20"),
                (utc(2023, 8, 5), "rectifying", None),
                (utc(2023, 8, 6), "rectified", None),
                (utc(2023, 8, 7), "verified", None),
                (utc(2023, 8, 10), "closed", None),
            ],
            unit=roads,
        ),
        # extension approved only in August: on 07-31 the deadline was still 07-20
        "extended_later": make_problem(
            utc(2023, 7, 1, 2),
            [
                assigned(utc(2023, 7, 1, 3), "2023-07-20"),
                (utc(2023, 8, 2), "extension_approved", {"deadline": "2023-08-30"}),
            ],
            unit=water,
        ),
        # extension approved in July: on 07-31 the deadline was 08-15
        "extended": make_problem(
            utc(2023, 7, 1, 2),
            [
                assigned(utc(2023, 7, 1, 3), "2023-07-10"),
                (utc(2023, 7, 9), "extension_approved", {"deadline": "2023-08-15"}),
            ],
            unit=roads,
        ),
    }


def per_unit(figures):  # type: ignore[no-untyped-def]
    return {row["unit_name"]: row for row in figures["problems"]["units"]}


def test_problems_overall(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    assert bulletin(*JULY)["problems"]["total"] == {
        "found": 6,  # all but the June one and the one found after midnight
        "rectified": 2,  # closed, reopened (closed_later rectified in August)
        "closed": 1,  # the reopened one is not closed on 07-31
        "open": 6,  # june_overdue, reopened, before_midnight, closed_later, both extended
        "overdue": 4,  # june_overdue, reopened (07-25), closed_later, extended_later
    }


def test_problems_of_the_water_unit(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    water = per_unit(bulletin(*JULY))["水利局"]
    assert {k: water[k] for k in ("found", "rectified", "closed", "open", "overdue")} == {
        "found": 2,
        "rectified": 1,
        "closed": 1,
        "open": 2,
        "overdue": 2,
    }


def test_problems_of_the_roads_unit(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    roads = per_unit(bulletin(*JULY))["交通局"]
    assert {k: roads[k] for k in ("found", "rectified", "closed", "open", "overdue")} == {
        "found": 3,
        "rectified": 1,
        "closed": 0,
        "open": 3,
        "overdue": 2,
    }


def test_problems_not_assigned_yet_are_their_own_line(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    units = bulletin(*JULY)["problems"]["units"]
    assert units[-1]["unit_id"] is None
    assert (units[-1]["found"], units[-1]["open"], units[-1]["overdue"]) == (1, 1, 0)


def test_a_reopened_problem_counts_as_closed_before_it_was_reopened(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    roads = per_unit(bulletin("2023-07-01", "2023-07-15"))["交通局"]
    assert (roads["closed"], roads["overdue"]) == (1, 0)


def test_the_current_state_is_used_after_the_last_event(problems, bulletin) -> None:  # type: ignore[no-untyped-def]
    """By 08-14 closed_later is closed and extended_later's deadline is 08-30."""
    totals = bulletin("2023-08-01", "2023-08-14")["problems"]["total"]
    assert totals["found"] == 1  # after_midnight
    assert totals["closed"] == 1
    assert totals["overdue"] == 2  # june_overdue and reopened, still being fixed


def test_the_day_of_the_deadline_is_not_overdue(make_problem, cast, bulletin) -> None:  # type: ignore[no-untyped-def]
    make_problem(utc(2023, 7, 1, 2), [assigned(utc(2023, 7, 2), "2023-07-31")], unit=cast["water"])
    assert bulletin(*JULY)["problems"]["total"]["overdue"] == 0
    assert bulletin("2023-08-01", "2023-08-01")["problems"]["total"]["overdue"] == 1


def fixed_on_the_phone(make_problem, cast, received):  # type: ignore[no-untyped-def]
    """Assigned with a 07-20 deadline, reported fixed on the phone on 07-18, that report
    received by the server at ``received``."""
    issue = make_problem(
        utc(2023, 7, 1, 2),
        [
            assigned(utc(2023, 7, 1, 3), "2023-07-20"),
            (utc(2023, 7, 2), "rectifying", None),
            (utc(2023, 7, 18), "rectified", None),
        ],
        unit=cast["water"],
    )
    issue.events[-1].received_at = received
    db.session.commit()
    return issue


def test_a_fix_the_server_got_after_the_period_is_overdue_on_its_last_day(
    make_problem, cast, bulletin
) -> None:  # type: ignore[no-untyped-def]
    fixed_on_the_phone(make_problem, cast, received=utc(2023, 8, 2))
    totals = bulletin(*JULY)["problems"]["total"]
    assert (totals["rectified"], totals["overdue"]) == (1, 1)


def test_a_fix_the_server_got_in_the_period_is_not_overdue(make_problem, cast, bulletin) -> None:  # type: ignore[no-untyped-def]
    fixed_on_the_phone(make_problem, cast, received=utc(2023, 7, 18, 1))
    totals = bulletin(*JULY)["problems"]["total"]
    assert (totals["rectified"], totals["overdue"]) == (1, 0)
