"""A unit's 整改清单, extensions (延期) and 退回: it sees and changes only its own problems."""

from __future__ import annotations

from server.db import db
from server.issues.models import Issue
from tests.issues.conftest import in_days, move
from tests.sync.conftest import Phone


def _assigned(cast, make_issue, unit="water", days=10):  # type: ignore[no-untyped-def]
    return make_issue(state="assigned", unit=cast[unit], deadline=in_days(days))


def test_the_unit_lists_its_own_problems_with_colours(cast, make_issue, as_user) -> None:
    mine = _assigned(cast, make_issue, days=1)
    _assigned(cast, make_issue, unit="roads")
    body = as_user(cast["water_unit"]).get("/api/v1/issues/mine").get_json()
    assert [i["id"] for i in body["items"]] == [mine.id]
    assert body["items"][0]["colour"] == "yellow"


def test_a_unit_neither_sees_nor_changes_another_units_problem(cast, make_issue, as_user) -> None:
    other = _assigned(cast, make_issue, unit="roads")
    water = as_user(cast["water_unit"])
    assert water.get(f"/api/v1/issues/{other.id}").status_code == 404
    assert move(water, other.id, "assigned", "rectifying").status_code == 404
    ask = {"deadline": in_days(20).isoformat(), "reason": "雨季"}
    assert water.post(f"/api/v1/issues/{other.id}/extensions", ask).status_code == 404
    assert db.session.get(Issue, other.id).state == "assigned"


def test_a_unit_cannot_do_the_offices_moves(cast, make_issue, as_user) -> None:
    issue = make_issue(state="rectified", unit=cast["water"], deadline=in_days(3))
    response = move(as_user(cast["water_unit"]), issue.id, "rectified", "verified")
    assert response.status_code == 403
    assert (
        response.get_json()["message"] == "您的角色不能把问题从「已整改（待复核）」改为「已复核」"
    )


def test_extension_approved_moves_the_deadline(cast, make_issue, as_user) -> None:
    issue = _assigned(cast, make_issue)
    unit, office = as_user(cast["water_unit"]), as_user(cast["office"])
    asked = unit.post(
        f"/api/v1/issues/{issue.id}/extensions",
        {"deadline": in_days(30).isoformat(), "reason": "管材到货延迟"},
    )
    assert asked.status_code == 201, asked.get_json()
    assert asked.get_json()["pending_extension_until"] == in_days(30).isoformat()
    assert asked.get_json()["can_request_extension"] is False
    pending = office.get("/api/v1/issues?extension_pending=true").get_json()
    assert [i["id"] for i in pending["items"]] == [issue.id]
    assert office.get(f"/api/v1/issues/{issue.id}").get_json()["can_decide_extension"] is True
    approved = office.post(f"/api/v1/issues/{issue.id}/extensions/decision", {"approve": True})
    body = approved.get_json()
    assert body["deadline"] == in_days(30).isoformat()
    assert body["pending_extension_until"] is None
    kinds = [e["kind"] for e in body["events"]]
    assert kinds[-2:] == ["extension_requested", "extension_approved"]
    assert body["events"][-1]["data"]["previous_deadline"] == in_days(10).isoformat()
    again = office.post(f"/api/v1/issues/{issue.id}/extensions/decision", {"approve": True})
    assert (again.status_code, again.get_json()["code"]) == (409, "no_pending_extension")


def test_extension_refused_keeps_the_deadline(cast, make_issue, as_user) -> None:
    issue = _assigned(cast, make_issue)
    unit, office = as_user(cast["water_unit"]), as_user(cast["office"])
    ask = {"deadline": in_days(30).isoformat(), "reason": "管材到货延迟"}
    unit.post(f"/api/v1/issues/{issue.id}/extensions", ask)
    twice = unit.post(f"/api/v1/issues/{issue.id}/extensions", ask)
    assert (twice.status_code, twice.get_json()["code"]) == (409, "extension_pending")
    no_reason = office.post(f"/api/v1/issues/{issue.id}/extensions/decision", {"approve": False})
    assert no_reason.status_code == 422
    refused = office.post(
        f"/api/v1/issues/{issue.id}/extensions/decision", {"approve": False, "reason": "可调配"}
    ).get_json()
    assert refused["deadline"] == in_days(10).isoformat()
    assert refused["events"][-1]["kind"] == "extension_refused"


def test_an_earlier_date_is_refused(cast, make_issue, as_user) -> None:
    issue = _assigned(cast, make_issue)
    response = as_user(cast["water_unit"]).post(
        f"/api/v1/issues/{issue.id}/extensions",
        {"deadline": in_days(5).isoformat(), "reason": "x"},
    )
    assert (response.status_code, response.get_json()["code"]) == (422, "deadline_not_later")


def test_extension_request_through_sync(app, cast, make_issue) -> None:
    issue = _assigned(cast, make_issue)
    phone = Phone(app, cast["water_unit"])
    ask = {"issue_id": issue.id, "deadline": in_days(20).isoformat(), "reason": "雨季"}
    assert phone.do("issue.extension_request", **ask)["status"] == "applied"
    second = phone.do("issue.extension_request", **ask)
    assert (second["status"], second["code"]) == ("rejected", "extension_pending")
    other = _assigned(cast, make_issue, unit="roads")
    result = phone.do("issue.extension_request", **{**ask, "issue_id": other.id})
    assert (result["status"], result["code"]) == ("rejected", "not_found")
    db.session.expire_all()
    assert db.session.get(Issue, issue.id).pending_extension_until == in_days(20)


def test_assigning_through_sync_also_issues_a_slip(app, cast, make_issue) -> None:
    issue = make_issue()
    phone = Phone(app, cast["office"])
    result = phone.do(
        "issue.transition",
        issue_id=issue.id,
        expected_from="found",
        to="assigned",
        unit_id=cast["water"].id,
        deadline=in_days(7).isoformat(),
        requirements="恢复供水",
    )
    assert result["status"] == "applied"
    db.session.expire_all()
    slips = db.session.get(Issue, issue.id).slips
    assert len(slips) == 1 and slips[0].requirements == "恢复供水"


def test_the_units_phone_pulls_its_pending_extension(app, cast, make_issue) -> None:
    issue = _assigned(cast, make_issue)
    phone = Phone(app, cast["water_unit"])
    ask = {"issue_id": issue.id, "deadline": in_days(20).isoformat(), "reason": "雨季"}
    assert phone.do("issue.extension_request", **ask)["status"] == "applied"
    phone.sync_all()
    pulled = phone.local[("issue", issue.id)]
    assert pulled["pending_extension_until"] == in_days(20).isoformat()
    assert pulled["events"][-1]["kind"] == "extension_requested"
