"""The review queue: what each submission carries, the order, the filters, who sees what."""

from __future__ import annotations

from tests.review.conftest import FAR, INFO, submit
from tests.sync.conftest import NOW, new_id


def test_queue_holds_submitted_inspections_with_their_evidence(
    field, office, site, templates
) -> None:
    template = templates["rural_toilet"]
    inspection_id = submit(field, site["east"], problem="medium", flags=[FAR, INFO])
    draft = new_id()
    field.do(
        "inspection.create",
        id=draft,
        project_id=site["east"].id,
        kind="random",
        started_at=NOW,
        template_id=template.id,
    )
    yes_no = next(i for i in template.items if i.kind == "yes_no_na")
    field.do("answer.set", inspection_id=draft, item_id=yes_no.id, value="no", note="门锁坏了")

    [item] = office.queue()
    assert item["id"] == inspection_id
    assert (item["status"], item["status_label"], item["kind_label"]) == (
        "submitted",
        "待审核",
        "随机查",
    )
    assert item["project"]["id"] == site["east"].id
    assert item["project"]["township"]["name"] == "东镇"
    assert item["inspector"]["id"] == site["inspector"].id
    assert item["submitted_at"].startswith("2023-07-31T01:00")
    assert item["position"]["accuracy_m"] == 9
    assert item["position"]["distance_to_project_m"] < 20
    [photo] = item["photos"]
    assert photo["thumb_url"] == f"/api/v1/photos/{photo['id']}/thumb"
    assert [f["message"] for f in photo["flags"]] == [FAR["message"], INFO["message"]]
    assert [(p["title"], p["severity"]) for p in item["problems"]] == [("厕所无水", "medium")]
    assert item["urgent"] is True
    assert [u["code"] for u in item["urgency"]] == ["evidence_flag"]
    assert item["replaces"] is None


def test_answers_carry_item_labels_in_checklist_order(field, office, site, templates) -> None:
    template = templates["rural_toilet"]
    inspection_id = new_id()
    field.do(
        "inspection.create",
        id=inspection_id,
        project_id=site["east"].id,
        kind="revisit",
        started_at=NOW,
        template_id=template.id,
    )
    items = sorted(template.items, key=lambda i: i.position)
    wanted = [i for i in items if i.kind in ("yes_no_na", "text")][:2]
    for it in reversed(wanted):
        value = "yes" if it.kind == "yes_no_na" else "干净"
        field.do("answer.set", inspection_id=inspection_id, item_id=it.id, value=value)
    for it in items:
        if it.required and it not in wanted:
            value = {
                "yes_no_na": "yes",
                "number": 1,
                "text": "好",
                "photo": [new_id()],
                "gps": {"lat": 28.1, "lon": 120.1},
            }.get(it.kind, (it.options or ["x"])[0])
            field.do("answer.set", inspection_id=inspection_id, item_id=it.id, value=value)
    assert field.do("inspection.submit", inspection_id=inspection_id)["status"] == "applied"

    body = office.get(f"/api/v1/review/inspections/{inspection_id}").get_json()
    positions = [a["position"] for a in body["answers"]]
    assert positions == sorted(positions)
    labels = {a["label"]: a["value"] for a in body["answers"]}
    assert labels[wanted[0].label] in ("yes", "干净")
    assert body["template_name"] == template.name


def test_urgent_first_then_newest(field, office, site) -> None:
    old_plain = submit(field, site["east"], minutes=0)
    new_plain = submit(field, site["east"], minutes=30)
    old_high = submit(field, site["east"], minutes=10, problem="high")
    new_flagged = submit(field, site["west"], minutes=20, flags=[FAR])
    info_only = submit(field, site["east"], minutes=40, flags=[INFO])
    low = submit(field, site["east"], minutes=50, problem="low")

    order = [i["id"] for i in office.queue()]
    assert order == [new_flagged, old_high, low, info_only, new_plain, old_plain]
    reasons = {i["id"]: [u["code"] for u in i["urgency"]] for i in office.queue()}
    assert reasons[old_high] == ["high_problem"]
    assert reasons[info_only] == []


def test_filters_kind_township_and_flagged(field, office, site, townships) -> None:
    revisit = submit(field, site["east"], kind="revisit")
    flagged = submit(field, site["west"], kind="random", flags=[FAR])
    info = submit(field, site["west"], kind="random", flags=[INFO])
    ids = lambda query: {i["id"] for i in office.queue(query)}  # noqa: E731
    assert ids("?kind=revisit") == {revisit}
    assert ids(f"?township_id={townships[1].id}") == {flagged, info}
    assert ids("?flagged=true") == {flagged}
    assert office.get("/api/v1/review/inspections?kind=bogus").status_code == 422


def test_drafts_and_reviewed_ones_are_not_in_the_queue(field, office, site) -> None:
    field.do(
        "inspection.create", id=new_id(), project_id=site["east"].id, kind="random", started_at=NOW
    )
    done = submit(field, site["east"])
    waiting = submit(field, site["east"])
    assert office.approve(done).status_code == 200
    assert [i["id"] for i in office.queue()] == [waiting]
    # reviewed ones can still be opened
    shown = office.get(f"/api/v1/review/inspections/{done}").get_json()
    assert (shown["status"], shown["status_label"]) == ("approved", "已审核通过")


def test_a_township_office_sees_only_its_township(field, office_of, site) -> None:
    east = submit(field, site["east"])
    west = submit(field, site["west"])
    east_office = office_of(site["east_office"])
    assert [i["id"] for i in east_office.queue()] == [east]
    assert east_office.get(f"/api/v1/review/inspections/{west}").status_code == 404
    assert east_office.approve(west).status_code == 404
    assert {i["id"] for i in office_of(site["admin"]).queue()} == {east, west}


def test_unknown_inspection_is_not_found(office) -> None:
    assert office.get(f"/api/v1/review/inspections/{new_id()}").status_code == 404
