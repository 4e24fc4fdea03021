"""The checklist designer's routes: design, publish versions, retire; who may do what, and
another county's checklists are not found."""

from __future__ import annotations

from typing import Any

from server.db import db
from server.inspections.models import ChecklistTemplate
from server.inspections.templates import ensure_default_templates
from server.regions.models import Series
from tests.inspections.conftest import checklist


def test_an_office_designs_a_checklist_published_at_once(office, county) -> None:
    response = office.post("/api/v1/templates", checklist(county_id=county.id))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["version"], body["active"], body["county_id"]) == (1, True, county.id)
    assert body["family_id"] == body["id"] and body["published_at"]
    first, number, choice, photo = body["items"]
    assert (first["bad_answer"], first["opens_problem"]) == ("yes", True)
    assert (number["minimum"], number["maximum"], number["unit"]) == (0, 100, "%")
    assert choice["bad_answer"] == ["较差"] and choice["options"] == ["干净整洁", "一般", "较差"]
    assert (photo["min_count"], photo["position"]) == (2, 4)


def test_the_office_of_a_county_designs_for_its_own_county_without_naming_it(
    office, county
) -> None:
    response = office.post("/api/v1/templates", checklist())
    assert response.status_code == 201
    assert response.get_json()["county_id"] == county.id


def test_a_bad_item_is_answered_with_its_position_and_field_and_nothing_is_stored(
    office, county
) -> None:
    body = checklist(county_id=county.id)
    body["items"][2]["bad_answer"] = ["很差"]  # not one of its options
    response = office.post("/api/v1/templates", body)
    assert response.status_code == 422
    answer = response.get_json()
    assert answer["code"] == "validation_error"
    assert answer["errors"]["items"]["2"]["bad_answer"] == [
        "“算作问题的答案”必须是这道题的答案之一"
    ]
    assert db.session.query(ChecklistTemplate).count() == 0


def test_the_designers_rules_each_refuse(office, county) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"kind": "choice", "label": "单选", "options": ["甲", "甲"]}, "options"),
        ({"kind": "multiple_choice", "label": "多选", "options": ["甲"]}, "options"),
        ({"kind": "number", "label": "数", "minimum": 5, "maximum": 1}, "maximum"),
        ({"kind": "photo", "label": "照片", "min_count": 21}, "min_count"),
        ({"kind": "yes_no_na", "label": "是否", "bad_answer": "maybe"}, "bad_answer"),
        ({"kind": "number", "label": "数", "bad_answer": 3}, "bad_answer"),
        ({"kind": "yes_no_na", "label": "是否", "opens_problem": True}, "opens_problem"),
        ({"kind": "text", "label": ""}, "label"),
    ]
    for item, field in cases:
        response = office.post("/api/v1/templates", checklist(county_id=county.id, items=[item]))
        assert response.status_code == 422, item
        assert field in response.get_json()["errors"]["items"]["0"], item
    empty = office.post("/api/v1/templates", checklist(county_id=county.id, items=[]))
    assert empty.get_json()["errors"]["items"] == ["检查表至少要有 1 道题（最多 200 道）"]


def test_series_of_another_county_are_refused(office, county, other_county) -> None:
    theirs = Series(name="养老托育", region_id=other_county.id)
    ours = Series(name="养老托育", region_id=county.id)
    db.session.add_all([theirs, ours])
    db.session.commit()
    refused = office.post("/api/v1/templates", checklist(series_ids=[theirs.id]))
    assert refused.status_code == 422
    assert refused.get_json()["errors"]["series_ids"] == ["系列不属于该县（区）"]
    accepted = office.post("/api/v1/templates", checklist(series_ids=[ours.id], kinds=["random"]))
    assert (accepted.get_json()["series_ids"], accepted.get_json()["kinds"]) == (
        [ours.id],
        ["random"],
    )


def test_a_new_version_takes_over_and_the_old_one_stays_readable(office, county) -> None:
    v1 = office.post("/api/v1/templates", checklist()).get_json()
    body = checklist(name="施工安全检查（2027）")
    body["items"] = body["items"][:2]
    response = office.post(f"/api/v1/templates/{v1['id']}/versions", body)
    assert response.status_code == 201, response.get_json()
    v2 = response.get_json()
    assert (v2["version"], v2["family_id"], v2["active"]) == (2, v1["id"], True)
    assert not {i["id"] for i in v2["items"]} & {i["id"] for i in v1["items"]}
    old = office.get(f"/api/v1/templates/{v1['id']}").get_json()
    assert (old["active"], len(old["items"])) == (False, 4)
    listed = office.get(f"/api/v1/templates?county_id={county.id}").get_json()["items"]
    assert [(t["id"], t["item_count"]) for t in listed] == [(v2["id"], 2)]
    everything = office.get("/api/v1/templates?include_inactive=1").get_json()["items"]
    assert {t["id"] for t in everything} == {v1["id"], v2["id"]}


def test_only_the_newest_version_gets_a_next_one(office) -> None:
    v1 = office.post("/api/v1/templates", checklist()).get_json()
    office.post(f"/api/v1/templates/{v1['id']}/versions", checklist())
    again = office.post(f"/api/v1/templates/{v1['id']}/versions", checklist())
    assert again.status_code == 409
    assert again.get_json()["code"] == "template_not_latest"


def test_retiring_leaves_no_version_offered(office) -> None:
    v1 = office.post("/api/v1/templates", checklist()).get_json()
    retired = office.post(f"/api/v1/templates/{v1['id']}/retire")
    assert retired.status_code == 200 and retired.get_json()["active"] is False
    assert office.get("/api/v1/templates").get_json()["items"] == []


def test_the_shipped_checklists_are_read_only_for_the_office(office, make_user, as_user) -> None:
    ensure_default_templates(db.session)
    db.session.commit()
    general = db.session.query(ChecklistTemplate).filter_by(category="general").one()
    for url in (
        f"/api/v1/templates/{general.id}/versions",
        f"/api/v1/templates/{general.id}/retire",
    ):
        response = office.post(url, checklist())
        assert response.status_code == 403
        assert response.get_json()["code"] == "template_read_only"
    admin = as_user(make_user("admin"))
    assert admin.post(f"/api/v1/templates/{general.id}/retire").status_code == 200
    assert db.session.get(ChecklistTemplate, general.id).active is False


def test_another_countys_checklist_is_not_found(office, other_county, make_user, as_user) -> None:
    theirs = as_user(make_user("supervisor", region=other_county))
    template = theirs.post("/api/v1/templates", checklist()).get_json()
    for response in (
        office.get(f"/api/v1/templates/{template['id']}"),
        office.get(f"/api/v1/templates/{template['id']}/xlsform"),
        office.post(f"/api/v1/templates/{template['id']}/versions", checklist()),
        office.post(f"/api/v1/templates/{template['id']}/retire"),
    ):
        assert response.status_code == 404
    assert office.get("/api/v1/templates").get_json()["items"] == []
    refused = office.post("/api/v1/templates", checklist(county_id=other_county.id))
    assert refused.status_code == 404


def test_an_inspector_reads_but_does_not_design(office, make_user, as_user, county) -> None:
    from server.regions.services import children

    template = office.post("/api/v1/templates", checklist()).get_json()
    inspector = as_user(make_user("inspector", townships=[children(county.id, "township")[0]]))
    assert inspector.get(f"/api/v1/templates/{template['id']}").status_code == 200
    assert [t["id"] for t in inspector.get("/api/v1/templates").get_json()["items"]] == [
        template["id"]
    ]
    assert inspector.post("/api/v1/templates", checklist()).status_code == 403
    unit = as_user(make_user("deputy", region=county))
    assert unit.get("/api/v1/templates").status_code == 403


def test_the_routes_need_a_login(client) -> None:
    assert client.get("/api/v1/templates").status_code == 401


def test_odd_bodies_are_refused_as_unfit_never_as_a_crash(office, county) -> None:
    odd_items: list[Any] = [
        "x",
        [1],
        [{"kind": "choice", "label": "单选", "options": [1, 2]}],
        [{"kind": "choice", "label": "单选", "options": ["甲", "乙"], "bad_answer": {"a": 1}}],
        [{"kind": "choice", "label": "单选", "options": ["甲", "乙"], "bad_answer": [["甲"]]}],
        [{"kind": "yes_no_na", "label": "是否", "bad_answer": ["yes"]}],
        [{"kind": "number", "label": "数", "minimum": "abc"}],
        [{"kind": "number", "label": "数", "maximum": 1e400}],
        [{"kind": "choice", "label": "单选", "options": [f"选项{n}" for n in range(101)]}],
        [{"kind": "bogus", "label": "未知"}],
    ]
    for items in odd_items:
        response = office.post("/api/v1/templates", checklist(county_id=county.id, items=items))
        assert response.status_code == 422, items
    for extra in ({"kinds": ["bogus"]}, {"series_ids": [-1]}, {"name": ""}, {"county_id": "x"}):
        assert office.post("/api/v1/templates", checklist(**extra)).status_code == 422, extra
