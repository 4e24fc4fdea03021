"""Pull: full copy, increments, scoping, tombstones, reset on scope change, paging."""

from __future__ import annotations

import pytest

from server.db import db
from server.inspections.templates import DEFAULT_TEMPLATES
from tests.sync.conftest import NOW, Phone, new_id


@pytest.fixture
def world(make_user, make_unit, make_project, townships, templates):  # type: ignore[no-untyped-def]
    east, west = townships
    water, roads = make_unit("水利局"), make_unit("交通局")
    return {
        "east_project": make_project(
            code="E1", township=east, region_path=east.path, unit=water, contact_phone="13900000000"
        ),
        "west_project": make_project(code="W1", township=west, region_path=west.path, unit=roads),
        "inspector": make_user("inspector", townships=[east]),
        "office": make_user("supervisor"),
        "water": water,
        "roads": roads,
    }


def test_first_pull_is_a_full_copy_of_what_the_user_may_see(phone, world) -> None:
    p = phone(world["inspector"])
    body = p.pull()
    assert body["reset"] is True
    assert p.ids("project") == {str(world["east_project"].id)}
    assert len(p.ids("template")) == len(DEFAULT_TEMPLATES)
    assert body["cookie"].startswith("3.c.")


def test_template_arrives_with_its_items(phone, world) -> None:
    p = phone(world["inspector"])
    p.pull()
    template = next(
        v for (t, _), v in p.local.items() if t == "template" and v["category"] == "tap_water"
    )
    assert template["items"][0]["label"] == "管网铺设完成"


def test_next_pull_brings_only_what_changed(phone, world) -> None:
    p = phone(world["inspector"])
    p.pull()
    inspection_id = new_id()
    p.do(
        "inspection.create",
        id=inspection_id,
        project_id=world["east_project"].id,
        kind="revisit",
        started_at=NOW,
    )
    body = p.pull()
    assert body["reset"] is False
    assert [(c["op"], c["type"], c["id"]) for c in body["changes"]] == [
        ("put", "inspection", inspection_id)
    ]
    assert body["last_mutation_id"] == 1


def test_nothing_new_means_no_changes(phone, world) -> None:
    p = phone(world["inspector"])
    p.pull()
    body = p.pull()
    assert body["changes"] == [] and body["has_more"] is False


def test_office_sees_everything_in_its_region(phone, world) -> None:
    p = phone(world["office"])
    p.pull()
    assert p.ids("project") == {str(world["east_project"].id), str(world["west_project"].id)}


def test_deputy_gets_public_facts_without_contacts(phone, world, make_user, county) -> None:
    p = phone(make_user("deputy", region=county))
    p.pull()
    data = p.local[("project", str(world["east_project"].id))]
    assert "contact_phone" not in data and data["code"] == "E1"


def test_reassigned_problem_leaves_the_old_unit_with_a_tombstone(phone, world, make_user) -> None:
    office, inspector = phone(world["office"]), phone(world["inspector"])
    water_user, roads_user = (
        phone(make_user("unit", unit=world["water"])),
        phone(make_user("unit", unit=world["roads"])),
    )
    issue_id = new_id()
    inspector.do(
        "issue.create",
        id=issue_id,
        project_id=world["east_project"].id,
        title="t",
        description="d",
        severity="low",
    )
    office.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="found",
        to="assigned",
        unit_id=world["water"].id,
        deadline="2023-09-01",
    )
    water_user.pull()
    assert issue_id in water_user.ids("issue")
    water_user.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="assigned",
        to="returned",
        reason="不属于本单位职责",
    )
    office.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="returned",
        to="assigned",
        unit_id=world["roads"].id,
        deadline="2023-09-15",
    )
    body = water_user.pull()
    assert ("del", "issue", issue_id) in [(c["op"], c["type"], c["id"]) for c in body["changes"]]
    assert issue_id not in water_user.ids("issue")
    roads_user.pull()
    assert roads_user.local[("issue", issue_id)]["unit"]["name"] == "交通局"


def test_scope_change_resets_the_copy(phone, world, townships) -> None:
    p = phone(world["inspector"])
    p.pull()
    user = world["inspector"]
    user.townships = list(townships)
    db.session.commit()
    body = p.pull()
    assert body["reset"] is True
    assert p.ids("project") == {str(world["east_project"].id), str(world["west_project"].id)}


def test_losing_a_township_drops_its_projects(phone, world, townships) -> None:
    user = world["inspector"]
    user.townships = list(townships)
    db.session.commit()
    p = phone(user)
    p.pull()
    user.townships = [townships[1]]
    db.session.commit()
    p.pull()
    assert p.ids("project") == {str(world["west_project"].id)}


def test_paging_delivers_everything_once(phone, world, make_project, townships) -> None:
    east = townships[0]
    for n in range(7):
        make_project(code=f"E{n + 10}", township=east, region_path=east.path)
    from server.projects.models import Project
    from sync.changes import log_changes

    log_changes(db.session, "project", db.session.query(Project).all())
    db.session.commit()
    p = phone(world["inspector"])
    pages = []
    while True:
        body = p.pull(limit=3)
        pages.append(len(body["changes"]))
        if not body["has_more"]:
            break
    assert len(pages) > 2 and max(pages) <= 3
    assert len(p.ids("project")) == 8


def test_rejections_come_back_once(phone, world) -> None:
    p = phone(world["inspector"])
    p.pull()
    p.do(
        "inspection.create",
        id=new_id(),
        project_id=world["west_project"].id,
        kind="revisit",
        started_at=NOW,
    )
    body = p.pull()
    assert [(r["mutation_id"], r["code"]) for r in body["rejections"]] == [(1, "not_found")]
    assert p.pull()["rejections"] == []


def test_unreadable_cookie_gets_a_full_copy(phone, world) -> None:
    p = phone(world["inspector"])
    p.cookie = "garbage"
    assert p.pull()["reset"] is True


def test_incremental_copy_equals_a_fresh_full_copy(app, phone, world, make_user) -> None:
    office = phone(world["office"])
    office.pull()
    inspector = phone(world["inspector"])
    for n in range(3):
        issue_id = new_id()
        inspector.do(
            "issue.create",
            id=issue_id,
            project_id=world["east_project"].id,
            title=f"问题{n}",
            description="d",
            severity="low",
        )
        if n:
            office.do(
                "issue.transition",
                issue_id=issue_id,
                expected_from="found",
                to="rejected",
                reason="不予处理",
            )
    office.sync_all()
    fresh = Phone(app, world["office"])
    fresh.sync_all()
    assert office.local == fresh.local


def test_pull_of_another_users_client_is_refused(phone, world, make_user) -> None:
    p = phone(world["inspector"])
    p.pull()
    thief = phone(world["office"])
    thief.client_id = p.client_id
    response = thief.client.post(
        "/api/v1/sync/pull", json={"client_id": p.client_id}, headers={"X-CSRF-Token": thief.csrf}
    )
    assert response.status_code == 403


def test_problem_without_a_project_reaches_its_creator(phone, world) -> None:
    p = phone(world["inspector"])
    issue_id = new_id()
    result = p.do("issue.create", id=issue_id, title="路灯不亮", description="村口", severity="low")
    assert result["status"] == "applied", result
    p.pull()
    assert issue_id in p.ids("issue")


def test_lost_answer_after_a_scope_change_still_resets(phone, world, townships) -> None:
    p = phone(world["inspector"])
    p.pull()
    cookie_before = p.cookie
    world["inspector"].townships = list(townships)
    db.session.commit()
    p.pull()  # this answer is lost on the way to the phone
    p.cookie = cookie_before
    assert p.pull()["reset"] is True
    assert str(world["west_project"].id) in p.ids("project")


def test_photos_follow_their_problem_to_the_new_unit(phone, world, make_user) -> None:
    office, inspector = phone(world["office"]), phone(world["inspector"])
    issue_id, photo_id = new_id(), new_id()
    inspector.do(
        "issue.create",
        id=issue_id,
        project_id=world["east_project"].id,
        title="t",
        description="d",
        severity="low",
    )
    inspector.do(
        "photo.attach",
        id=photo_id,
        sha256="a" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="issue",
        owner_id=issue_id,
    )
    office.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="found",
        to="assigned",
        unit_id=world["roads"].id,
        deadline="2023-09-01",
    )
    roads = phone(make_user("unit", unit=world["roads"]))
    roads.pull()
    assert photo_id in roads.ids("photo")


def test_a_rejection_carries_the_args_the_client_sent(phone, world) -> None:
    p = phone(world["inspector"])
    p.pull()
    inspection_id = new_id()
    p.do(
        "inspection.create",
        id=inspection_id,
        project_id=world["west_project"].id,
        kind="revisit",
        started_at=NOW,
    )
    (rejection,) = p.pull()["rejections"]
    assert (rejection["name"], rejection["args"]["id"]) == ("inspection.create", inspection_id)
