"""Problems through sync: the lifecycle, roles, and a lost race kept as a conflict event."""

from __future__ import annotations

import pytest

from server.db import db
from server.issues.models import Issue
from tests.sync.conftest import evidence, found_problem, move, new_id


@pytest.fixture
def cast(phone, make_user, make_unit, make_project, townships):  # type: ignore[no-untyped-def]
    east = townships[0]
    water = make_unit("水利局")
    project = make_project(township=east, region_path=east.path, unit=water)
    return {
        "office": phone(make_user("supervisor")),
        "inspector": phone(make_user("inspector", townships=[east])),
        "unit": phone(make_user("unit", unit=water)),
        "water": water,
        "project": project,
    }


@pytest.fixture
def issue_id(cast) -> str:  # type: ignore[no-untyped-def]
    return found_problem(
        cast["inspector"], cast["project"].id, "管网铺设后无法供水", "村东头三户龙头无水"
    )


def state(issue_id: str) -> str:
    issue = db.session.get(Issue, issue_id)
    db.session.refresh(issue)
    return issue.state


def _rectifying(cast, issue_id: str) -> None:  # type: ignore[no-untyped-def]
    """The office assigns the problem to 水利局, which starts on it."""
    move(
        cast["office"],
        issue_id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline="2023-09-01",
    )
    move(cast["unit"], issue_id, "assigned", "rectifying")


def test_whole_loop_from_found_to_closed(cast, issue_id) -> None:
    office, unit, inspector = cast["office"], cast["unit"], cast["inspector"]
    assert (
        move(
            office, issue_id, "found", "assigned", unit_id=cast["water"].id, deadline="2023-09-01"
        )["status"]
        == "applied"
    )
    assert move(unit, issue_id, "assigned", "rectifying")["status"] == "applied"
    assert (
        move(
            unit,
            issue_id,
            "rectifying",
            "rectified",
            photo_ids=evidence(unit, issue_id),
            reason="已更换水泵",
        )["status"]
        == "applied"
    )
    checked = evidence(inspector, issue_id)
    assert (
        move(inspector, issue_id, "rectified", "verified", photo_ids=checked)["status"] == "applied"
    )
    assert move(office, issue_id, "verified", "closed")["status"] == "applied"
    issue = db.session.get(Issue, issue_id)
    assert [e.kind for e in issue.events] == [
        "created",
        "transition",
        "transition",
        "transition",
        "transition",
        "transition",
    ]
    assert issue.state == "closed"


def test_lost_race_is_kept_as_a_conflict_event(cast, issue_id, phone, make_user) -> None:
    office, other_office = cast["office"], phone(make_user("supervisor"))
    move(office, issue_id, "found", "rejected", reason="不属于民生实事")
    result = move(
        other_office, issue_id, "found", "assigned", unit_id=cast["water"].id, deadline="2023-09-01"
    )
    assert result["status"] == "conflict"
    assert "已是「不予处理」" in result["message"]
    issue = db.session.get(Issue, issue_id)
    db.session.refresh(issue)
    conflict = issue.events[-1]
    assert (conflict.kind, conflict.from_state, conflict.to_state) == (
        "conflict",
        "rejected",
        "assigned",
    )
    assert issue.state == "rejected"


def test_unit_cannot_assign(cast, issue_id) -> None:
    result = move(
        cast["unit"], issue_id, "found", "assigned", unit_id=cast["water"].id, deadline="2023-09-01"
    )
    assert result["code"] in ("forbidden", "not_found")
    assert state(issue_id) == "found"


def test_rectified_needs_photos(cast, issue_id) -> None:
    _rectifying(cast, issue_id)
    assert move(cast["unit"], issue_id, "rectifying", "rectified")["code"] == "evidence_required"


def test_a_made_up_photo_is_no_evidence(cast, issue_id) -> None:
    _rectifying(cast, issue_id)
    result = move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=[new_id()])
    assert (result["status"], result["code"]) == ("rejected", "evidence_not_found")
    assert state(issue_id) == "rectifying"


def test_another_problems_photo_is_no_evidence(cast, issue_id) -> None:
    other = new_id()
    cast["inspector"].do(
        "issue.create",
        id=other,
        project_id=cast["project"].id,
        title="另一处",
        description="x",
        severity="low",
    )
    borrowed = evidence(cast["inspector"], other)
    _rectifying(cast, issue_id)
    result = move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=borrowed)
    assert result["code"] == "evidence_not_found"


def test_a_photo_queued_just_before_the_move_counts(cast, issue_id) -> None:
    _rectifying(cast, issue_id)
    unit, photo_id = cast["unit"], new_id()
    attach = unit.mutation(
        "photo.attach",
        id=photo_id,
        sha256="d" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="issue",
        owner_id=issue_id,
    )
    fixed = unit.mutation(
        "issue.transition",
        issue_id=issue_id,
        expected_from="rectifying",
        to="rectified",
        photo_ids=[photo_id],
    )
    results = unit.push(attach, fixed).get_json()["results"]
    assert [r["status"] for r in results] == ["applied", "applied"]


def test_other_unit_cannot_touch_the_problem(cast, issue_id, phone, make_user, make_unit) -> None:
    move(
        cast["office"],
        issue_id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline="2023-09-01",
    )
    stranger = phone(make_user("unit", unit=make_unit("交通局")))
    assert move(stranger, issue_id, "assigned", "rectifying")["code"] == "not_found"


def test_verification_can_send_it_back(cast, issue_id) -> None:
    _rectifying(cast, issue_id)
    move(
        cast["unit"],
        issue_id,
        "rectifying",
        "rectified",
        photo_ids=evidence(cast["unit"], issue_id),
    )
    assert (
        move(cast["inspector"], issue_id, "rectified", "rectifying", reason="仍有两户无水")[
            "status"
        ]
        == "applied"
    )
    assert state(issue_id) == "rectifying"


def test_duplicate_merges_into_another_problem(cast, issue_id) -> None:
    other = new_id()
    cast["inspector"].do(
        "issue.create",
        id=other,
        project_id=cast["project"].id,
        title="同一问题",
        description="",
        severity="low",
    )
    assert (
        move(cast["office"], other, "found", "duplicate", duplicate_of=issue_id)["status"]
        == "applied"
    )
    assert db.session.get(Issue, other).duplicate_of_id == issue_id


def test_comment_is_an_event(cast, issue_id) -> None:
    assert (
        cast["unit"].do("issue.comment", issue_id=issue_id, body="x")["code"] == "not_found"
    )  # not assigned yet
    assert (
        cast["office"].do("issue.comment", issue_id=issue_id, body="请尽快核实")["status"]
        == "applied"
    )
    assert db.session.get(Issue, issue_id).events[-1].reason == "请尽快核实"


def test_deputy_cannot_create_problems_directly(phone, make_user, cast) -> None:
    result = phone(make_user("deputy")).do(
        "issue.create",
        id=new_id(),
        project_id=cast["project"].id,
        title="t",
        description="d",
        severity="low",
    )
    assert result["code"] == "forbidden"


def test_finder_suggests_a_unit_and_deadline_the_office_sees(cast) -> None:
    issue_id = new_id()
    cast["inspector"].do(
        "issue.create",
        id=issue_id,
        project_id=cast["project"].id,
        title="护栏缺失",
        description="桥头两侧无护栏",
        severity="medium",
        suggested_unit="县交通运输局",
        suggested_deadline="2023-09-15",
    )
    cast["office"].pull()
    pulled = cast["office"].local[("issue", issue_id)]
    assert (pulled["suggested_unit"], pulled["suggested_deadline"]) == (
        "县交通运输局",
        "2023-09-15",
    )
    assert (pulled["unit"], pulled["deadline"]) == (None, None)


def test_assigning_to_another_countys_unit_is_rejected(cast, issue_id, make_region) -> None:
    from server.regions.models import Unit

    other = Unit(name="邻县水利局", code="LX-SL", region_id=make_region("邻县", "county").id)
    db.session.add(other)
    db.session.commit()
    result = move(
        cast["office"], issue_id, "found", "assigned", unit_id=other.id, deadline="2023-09-01"
    )
    assert (result["status"], result["code"]) == ("rejected", "unit_out_of_area")
    assert "不是该问题所在县（区）的单位" in result["message"]
    issue = db.session.get(Issue, issue_id)
    db.session.refresh(issue)
    assert (issue.state, issue.unit_id, issue.slips) == ("found", None, [])


def test_reassigning_takes_the_problem_off_the_former_units_phone(
    cast, issue_id, phone, make_user, make_unit
) -> None:
    _rectifying(cast, issue_id)
    cast["unit"].sync_all()
    assert ("issue", issue_id) in cast["unit"].local
    roads = make_unit("交通局")
    result = move(
        cast["office"],
        issue_id,
        "rectifying",
        "assigned",
        unit_id=roads.id,
        deadline="2023-10-01",
        reason="水利局无权处理,改派交通局",
    )
    assert result["status"] == "applied", result
    cast["unit"].sync_all()
    assert ("issue", issue_id) not in cast["unit"].local
    roads_phone = phone(make_user("unit", unit=roads))
    roads_phone.sync_all()
    assert roads_phone.local[("issue", issue_id)]["unit"]["id"] == roads.id
    assert move(roads_phone, issue_id, "assigned", "rectifying")["status"] == "applied"


def test_requirements_longer_than_a_slip_holds_are_rejected(cast, issue_id) -> None:
    result = move(
        cast["office"],
        issue_id,
        "found",
        "assigned",
        unit_id=cast["water"].id,
        deadline="2023-09-01",
        requirements="要" * 1001,
    )
    assert result["status"] == "rejected"
    assert state(issue_id) == "found"
