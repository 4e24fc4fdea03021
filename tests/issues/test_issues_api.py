"""The office's problem ledger end to end: assign (with a slip), verify, close, send back,
reject, duplicate, return and re-assign; refusals with their Chinese reasons."""

from __future__ import annotations

from server.db import db
from server.issues.models import Issue
from tests.issues.conftest import in_days, move


def _assign(office, issue, unit, days=10, **extra):  # type: ignore[no-untyped-def]
    return move(
        office,
        issue.id,
        extra.pop("frm", "found"),
        "assigned",
        unit_id=unit.id,
        deadline=in_days(days).isoformat(),
        requirements="7日内恢复供水,并附整改前后照片",
        **extra,
    )


def test_assigning_issues_a_numbered_slip(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    response = _assign(office, issue, cast["water"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["state"] == "assigned" and body["unit"]["name"] == "水利局"
    slip = body["slips"][0]
    year = slip["year"]
    assert slip["code"] == f"督交〔{year}〕1号"
    assert slip["requirements"] == "7日内恢复供水,并附整改前后照片"
    assert slip["issued_by"]["id"] == cast["office"].id
    assert body["events"][-1]["data"]["slip_number"] == slip["code"]
    second = _assign(office, make_issue(), cast["roads"]).get_json()
    assert second["slip"]["code"] == f"督交〔{year}〕2号"
    got = office.get(f"/api/v1/slips/{slip['id']}").get_json()
    assert got["code"] == slip["code"] and got["unit"]["name"] == "水利局"
    assert got["issue_title"] == "管网铺设后无法供水"


def test_whole_loop_to_closed(cast, make_issue, make_evidence, as_user) -> None:
    office, unit = as_user(cast["office"]), as_user(cast["water_unit"])
    issue = make_issue()
    _assign(office, issue, cast["water"])
    assert move(unit, issue.id, "assigned", "rectifying").status_code == 200
    fixed = move(
        unit,
        issue.id,
        "rectifying",
        "rectified",
        photo_ids=make_evidence(issue),
        reason="已更换水泵",
    )
    assert fixed.status_code == 200
    sent_back = move(office, issue.id, "rectified", "rectifying", reason="末端仍无水")
    assert sent_back.get_json()["events"][-1]["reason"] == "末端仍无水"
    move(unit, issue.id, "rectifying", "rectified", photo_ids=make_evidence(issue))
    checked = make_evidence(issue, by=cast["office"])
    assert move(office, issue.id, "rectified", "verified", photo_ids=checked).status_code == 200
    closed = move(office, issue.id, "verified", "closed").get_json()
    assert closed["state"] == "closed" and closed["colour"] is None
    assert closed["allowed_targets"] == []


def test_a_lost_race_is_409_with_the_current_state(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    _assign(office, issue, cast["water"])
    again = _assign(office, issue, cast["roads"])
    assert again.status_code == 409
    body = again.get_json()
    assert body["code"] == "state_changed" and body["state"] == "assigned"
    assert "已是「已交办」" in body["message"]
    assert len(db.session.get(Issue, issue.id).slips) == 1


def test_a_move_not_in_the_machine_is_409(cast, make_issue, as_user) -> None:
    response = move(as_user(cast["office"]), make_issue().id, "found", "closed")
    assert response.status_code == 409
    assert response.get_json()["message"] == "问题当前为「发现」，不能改为「已销号」"


def test_missing_unit_or_reason_is_422(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    no_unit = move(office, issue.id, "found", "assigned", deadline=in_days(3).isoformat())
    assert no_unit.status_code == 422
    assert no_unit.get_json()["message"] == "交办需要选择责任单位并填写整改期限"
    no_reason = move(office, issue.id, "found", "rejected")
    assert (no_reason.status_code, no_reason.get_json()["code"]) == (422, "reason_required")


def test_reject_with_reason(cast, make_issue, as_user) -> None:
    response = move(
        as_user(cast["office"]), make_issue().id, "found", "rejected", reason="不属于民生实事"
    )
    assert response.get_json()["state"] == "rejected"


def test_duplicate_merges_into_another(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    original, copy = make_issue(), make_issue()
    response = move(office, copy.id, "found", "duplicate", duplicate_of=original.id)
    assert response.get_json()["duplicate_of_id"] == original.id
    itself = move(office, original.id, "found", "duplicate", duplicate_of=original.id)
    assert itself.get_json()["code"] == "duplicate_of_self"


def test_returned_problem_is_reassigned_with_a_new_slip(cast, make_issue, as_user) -> None:
    office, roads = as_user(cast["office"]), as_user(cast["roads_unit"])
    issue = make_issue()
    _assign(office, issue, cast["roads"])
    returned = move(roads, issue.id, "assigned", "returned", reason="供水不属于交通局")
    assert returned.get_json()["state"] == "returned"
    again = _assign(office, issue, cast["water"], frm="returned").get_json()
    assert again["unit"]["name"] == "水利局"
    assert [s["number"] for s in again["slips"]] == [1, 2]


def test_list_filters_colours_and_counts(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    red = make_issue(state="rectifying", unit=cast["water"], deadline=in_days(-1), title="红")
    make_issue(state="assigned", unit=cast["water"], deadline=in_days(2), title="黄")
    make_issue(state="assigned", unit=cast["roads"], deadline=in_days(9), title="绿")
    make_issue(project=cast["west_project"], title="西村厕所无水")
    body = office.get("/api/v1/issues").get_json()
    assert body["total"] == 4
    assert body["counts"]["colours"] == {"red": 1, "yellow": 1, "green": 1}
    assert body["counts"]["states"] == {"found": 1, "assigned": 2, "rectifying": 1}
    assert [i["title"] for i in body["items"]][:3] == ["红", "黄", "绿"]
    assert body["items"][0]["colour_label"] == "红" and body["items"][0]["days_left"] == -1
    only_red = office.get("/api/v1/issues?colour=red").get_json()
    assert [i["id"] for i in only_red["items"]] == [red.id]
    assert office.get(f"/api/v1/issues?unit_id={cast['roads'].id}").get_json()["total"] == 1
    assert office.get("/api/v1/issues?state=found").get_json()["total"] == 1
    west = cast["west_project"].township_id
    assert office.get(f"/api/v1/issues?township_id={west}").get_json()["total"] == 1
    project = cast["west_project"].id
    assert office.get(f"/api/v1/issues?project_id={project}").get_json()["total"] == 1
    assert office.get("/api/v1/issues?q=厕所").get_json()["total"] == 1


def test_search_by_slip_number(cast, make_issue, as_user) -> None:
    office = as_user(cast["office"])
    issue = make_issue()
    code = _assign(office, issue, cast["water"]).get_json()["slip"]["code"]
    found = office.get("/api/v1/issues", query_string={"q": code}).get_json()
    assert [i["id"] for i in found["items"]] == [issue.id]


def test_a_township_office_sees_only_its_township(cast, make_issue, as_user) -> None:
    east = make_issue()
    west = make_issue(project=cast["west_project"])
    office = as_user(cast["west_office"])
    assert [i["id"] for i in office.get("/api/v1/issues").get_json()["items"]] == [west.id]
    assert office.get(f"/api/v1/issues/{east.id}").status_code == 404
    assert _assign(office, east, cast["water"]).status_code == 404


def test_slip_numbers_are_per_office_region(cast, make_issue, as_user) -> None:
    county = _assign(as_user(cast["office"]), make_issue(), cast["water"]).get_json()
    west_issue = make_issue(project=cast["west_project"])
    west = _assign(as_user(cast["west_office"]), west_issue, cast["roads"]).get_json()
    assert county["slip"]["code"].endswith("〕1号") and west["slip"]["code"].endswith("〕1号")
