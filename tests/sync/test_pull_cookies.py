"""Pull cookies are the server's: a forged, edited, foreign or old unsigned one earns a full copy,
and no cookie brings the data of a problem its unit has lost."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from server.audience import fingerprint
from server.db import db
from sync.models import ChangeLog
from tests.sync.conftest import NOW, new_id


@pytest.fixture
def world(make_user, make_unit, make_project, townships, templates):  # type: ignore[no-untyped-def]
    east, _ = townships
    water, roads = make_unit("水利局"), make_unit("交通局")
    return {
        "project": make_project(code="E1", township=east, region_path=east.path, unit=water),
        "inspector": make_user("inspector", townships=[east]),
        "office": make_user("supervisor"),
        "water": water,
        "roads": roads,
    }


def _returned_and_reassigned(phone, world, make_user):  # type: ignore[no-untyped-def]
    """The issue's repro: 水利局 pulls its problem, returns it (退回); the office gives it to
    交通局 with new requirements and a comment. Returns 水利局's phone, the problem's id and
    the phone's cookie from before the return."""
    office, inspector = phone(world["office"]), phone(world["inspector"])
    water = phone(make_user("unit", unit=world["water"]))
    issue_id = new_id()
    inspector.do(
        "issue.create",
        id=issue_id,
        project_id=world["project"].id,
        title="护栏缺失",
        description="d",
        severity="high",
    )
    office.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="found",
        to="assigned",
        unit_id=world["water"].id,
        deadline="2023-09-01",
    )
    water.sync_all()
    assert issue_id in water.ids("issue")
    cookie_before = water.cookie
    water.do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="assigned",
        to="returned",
        reason="不属于本单位职责",
    )
    for result in (
        office.do(
            "issue.transition",
            issue_id=issue_id,
            expected_from="returned",
            to="assigned",
            unit_id=world["roads"].id,
            deadline="2023-09-15",
            requirements="三日内恢复护栏(秘密要求)",
        ),
        office.do("issue.comment", issue_id=issue_id, body="交通局请尽快处理(内部意见)"),
    ):
        assert result["status"] == "applied", result
    return water, issue_id, cookie_before


def _pull_pages(p, cookie, limit=1):  # type: ignore[no-untyped-def]
    """Every page of a pull started from ``cookie``, as the phone's raw answers."""
    p.cookie, pages = cookie, []
    while True:
        pages.append(p.pull(limit=limit))
        if not pages[-1]["has_more"]:
            return pages


def _sent(pages, issue_id):  # type: ignore[no-untyped-def]
    return [c for page in pages for c in page["changes"] if c["id"] == issue_id]


def _first_row_in_scope(issue_id: str, unit_id: int) -> int:
    return db.session.scalar(
        select(ChangeLog.seq)
        .where(ChangeLog.entity_id == issue_id, ChangeLog.unit_id == unit_id)
        .order_by(ChangeLog.seq)
    )


def test_forged_unsigned_cookie_does_not_show_the_reassigned_problem(
    phone, world, make_user
) -> None:
    water, issue_id, _ = _returned_and_reassigned(phone, world, make_user)
    seq = _first_row_in_scope(issue_id, world["water"].id) - 1
    scope = fingerprint(water.user)[:16]
    pages = _pull_pages(water, f"1.c.{seq}.0.{scope}")
    assert pages[0]["reset"] is True
    assert not [c for c in _sent(pages, issue_id) if c["op"] == "put"]
    assert issue_id not in water.ids("issue")


def test_the_units_own_old_cookie_brings_a_delete_not_the_new_data(phone, world, make_user) -> None:
    water, issue_id, cookie_before = _returned_and_reassigned(phone, world, make_user)
    pages = _pull_pages(water, cookie_before, limit=1)  # the page holds the 退回 change alone
    assert pages[0]["reset"] is False
    sent = _sent(pages, issue_id)
    assert sent and all(c["op"] == "del" and c["data"] is None for c in sent)
    assert issue_id not in water.ids("issue")


def test_a_tampered_cookie_gets_a_full_copy(phone, world) -> None:
    p = phone(world["inspector"])
    p.sync_all()
    version, kind, seq, rest = p.cookie.split(".", 3)
    p.cookie = f"{version}.{kind}.{int(seq) - 5}.{rest}"
    assert p.pull()["reset"] is True


def test_a_cookie_with_a_made_up_signature_gets_a_full_copy(phone, world) -> None:
    p = phone(world["inspector"])
    p.sync_all()
    body, _, mac = p.cookie.rpartition(".")
    p.cookie = f"{body}.{'0' * len(mac)}"
    assert p.pull()["reset"] is True


def test_another_installs_cookie_gets_a_full_copy(phone, world) -> None:
    first, second = phone(world["inspector"]), phone(world["inspector"])
    first.sync_all()
    second.sync_all()
    second.cookie = first.cookie
    assert second.pull()["reset"] is True


def test_a_signed_cookie_keeps_working(phone, world) -> None:
    p = phone(world["inspector"])
    p.sync_all()
    body = p.pull()
    assert (body["reset"], body["changes"]) == (False, [])


def test_an_old_unsigned_cookie_gets_a_full_copy_without_old_rejections(phone, world) -> None:
    p = phone(world["inspector"])
    refused = p.do(
        "inspection.create", id=new_id(), project_id=999_999, kind="revisit", started_at=NOW
    )
    assert refused["status"] == "rejected"
    p.sync_all()
    _, kind, _xid, seq, rejection, scope, _ = p.cookie.split(".")
    p.cookie = f"1.{kind}.{seq}.{rejection}.{scope}"  # as the phone kept it before the upgrade
    body = p.pull()
    assert body["reset"] is True and body["rejections"] == []
    assert str(world["project"].id) in p.ids("project")
