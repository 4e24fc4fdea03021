"""Units across counties and 改派: a problem goes only to a unit of its own county (or of no
county), and the office can give a problem a unit holds to another, voiding the old slip."""

from __future__ import annotations

import pytest

from server.db import db
from server.issues.models import AssignmentSlip, Issue
from server.regions.models import Unit
from tests.issues.conftest import in_days, move


@pytest.fixture
def neighbour_unit(make_region):  # type: ignore[no-untyped-def]
    """The 水利局 of the next county."""
    other = make_region("邻县", "county")
    unit = Unit(name="邻县水利局", code="LX-SL", region_id=other.id)
    db.session.add(unit)
    db.session.commit()
    return unit


def _assign(office, issue, unit, frm="found", **extra):  # type: ignore[no-untyped-def]
    body = {"unit_id": unit.id, "deadline": in_days(10).isoformat(), **extra}
    return move(office, issue.id, frm, "assigned", **body)


def test_assigning_to_another_countys_unit_is_422_and_changes_nothing(
    cast, make_issue, as_user, neighbour_unit
) -> None:
    issue = make_issue()
    response = _assign(as_user(cast["office"]), issue, neighbour_unit)
    assert response.status_code == 422, response.get_json()
    body = response.get_json()
    assert body["code"] == "unit_out_of_area"
    assert "不是该问题所在县（区）的单位" in body["message"]
    db.session.expire_all()
    kept = db.session.get(Issue, issue.id)
    assert (kept.state, kept.unit_id, kept.version, len(kept.events)) == ("found", None, 1, 1)
    assert db.session.query(AssignmentSlip).count() == 0


def test_an_office_over_everything_cannot_cross_counties_either(
    cast, make_issue, as_user, neighbour_unit
) -> None:
    response = _assign(as_user(cast["admin"]), make_issue(), neighbour_unit)
    assert response.status_code == 422
    assert response.get_json()["code"] == "unit_out_of_area"


def test_a_unit_of_no_county_takes_any_countys_problem(cast, make_issue, as_user) -> None:
    anywhere = Unit(name="市供电公司", code="GD", region_id=None)
    db.session.add(anywhere)
    db.session.commit()
    response = _assign(as_user(cast["office"]), make_issue(), anywhere)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["unit"]["name"] == "市供电公司"


def test_a_township_office_assigns_to_its_countys_units(cast, make_issue, as_user) -> None:
    west_issue = make_issue(project=cast["west_project"])
    response = _assign(as_user(cast["west_office"]), west_issue, cast["roads"])
    assert response.status_code == 200, response.get_json()


def test_the_units_list_holds_only_the_callers_area(
    cast, as_user, neighbour_unit, make_region
) -> None:
    anywhere = Unit(name="市供电公司", code="GD", region_id=None)
    db.session.add(anywhere)
    db.session.commit()
    names = {u["name"] for u in as_user(cast["office"]).get("/api/v1/units").get_json()["items"]}
    assert names == {"水利局", "交通局", "市供电公司"}
    west = {
        u["name"] for u in as_user(cast["west_office"]).get("/api/v1/units").get_json()["items"]
    }
    assert west == names
    everything = as_user(cast["admin"]).get("/api/v1/units").get_json()["items"]
    assert "邻县水利局" in {u["name"] for u in everything}


def test_the_pickers_list_puts_the_problems_county_first(
    cast, make_issue, as_user, neighbour_unit
) -> None:
    anywhere = Unit(name="0市供电公司", code="0GD", region_id=None)  # first by code
    db.session.add(anywhere)
    db.session.commit()
    issue = make_issue()
    body = as_user(cast["admin"]).get(f"/api/v1/units?issue_id={issue.id}").get_json()
    rows = [(u["name"], u["assignable"]) for u in body["items"]]
    assert rows == [
        ("交通局", True),
        ("水利局", True),
        ("0市供电公司", True),
        ("邻县水利局", False),
    ]


def test_the_pickers_list_of_a_problem_out_of_sight_is_404(cast, make_issue, as_user) -> None:
    issue = make_issue(project=cast["east_project"])
    response = as_user(cast["west_office"]).get(f"/api/v1/units?issue_id={issue.id}")
    assert response.status_code == 404


@pytest.mark.parametrize("held", ["assigned", "rectifying", "returned"])
def test_reassigning_issues_a_new_slip_and_voids_the_old(
    cast, make_issue, as_user, held: str
) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    first = _assign(office, issue, cast["water"]).get_json()["slip"]
    if held != "assigned":
        to = "rectifying" if held == "rectifying" else "returned"
        went = move(as_user(cast["water_unit"]), issue.id, "assigned", to, reason="不归我局")
        assert went.status_code == 200, went.get_json()
    response = _assign(office, issue, cast["roads"], frm=held, reason="水利局无权处理,改派交通局")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["state"] == "assigned" and body["unit"]["name"] == "交通局"
    assert body["slip"]["code"] != first["code"]
    old, new = body["slips"]
    assert old["id"] == first["id"] and old["voided_at"] is not None
    assert new["voided_at"] is None and new["unit"]["name"] == "交通局"
    assert body["events"][-1]["data"]["voided_slips"] == [first["code"]]


def test_reassigning_needs_a_reason(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    _assign(office, issue, cast["water"])
    response = _assign(office, issue, cast["roads"], frm="assigned")
    assert response.status_code == 422
    assert response.get_json()["code"] == "reason_required"


def test_after_reassigning_the_former_unit_loses_the_problem_and_its_slip(
    cast, make_issue, as_user
) -> None:
    office, water = as_user(cast["office"]), as_user(cast["water_unit"])
    issue = make_issue()
    slip_id = _assign(office, issue, cast["water"]).get_json()["slip"]["id"]
    assert water.get(f"/api/v1/slips/{slip_id}").status_code == 200
    _assign(office, issue, cast["roads"], frm="assigned", reason="改派交通局")
    assert water.get(f"/api/v1/issues/{issue.id}").status_code == 404
    assert water.get(f"/api/v1/slips/{slip_id}").status_code == 404
    assert move(water, issue.id, "assigned", "rectifying").status_code == 404
    roads = as_user(cast["roads_unit"])
    assert move(roads, issue.id, "assigned", "rectifying").status_code == 200


def test_reassigning_drops_the_former_units_extension_request(cast, make_issue, as_user) -> None:
    office, water = as_user(cast["office"]), as_user(cast["water_unit"])
    issue = make_issue()
    _assign(office, issue, cast["water"])
    ask = {"deadline": in_days(30).isoformat(), "reason": "管材未到"}
    assert water.post(f"/api/v1/issues/{issue.id}/extensions", ask).status_code == 201
    body = _assign(office, issue, cast["roads"], frm="assigned", reason="改派").get_json()
    assert body["pending_extension_until"] is None


def test_reassigning_across_counties_is_refused_like_assigning(
    cast, make_issue, as_user, neighbour_unit
) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    _assign(office, issue, cast["water"])
    response = _assign(office, issue, neighbour_unit, frm="assigned", reason="改派")
    assert response.status_code == 422
    db.session.expire_all()
    assert [s.voided_at for s in db.session.get(Issue, issue.id).slips] == [None]
