"""What production writes on a problem's history is what server/issues/events.py says it is:
notifications (and every other reader) can read the kinds and data keys it names and no others.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server.db import db
from server.issues import events as contract
from server.issues.models import EVENT_KINDS, IssueEvent
from server.notifications.events import HANDLERS
from tests.media.arrived import bytes_arrived
from tests.notifications.conftest import post
from tests.sync.conftest import Phone, attach_issue_photo, evidence, found_problem, move, new_id

OLD_PHASH = "f0e1d2c3b4a59687"


def test_the_contract_is_the_tables_list_of_kinds() -> None:
    assert set(contract.KINDS) == set(EVENT_KINDS) == set(contract.SHAPES)
    assert set(HANDLERS) <= set(contract.KINDS)


def _arrive(photo_id: str, phone: Phone, phash: str) -> None:
    bytes_arrived(photo_id.replace("-", "").ljust(64, "0"), 10, phone.user.id, phash=phash)


def _applied(result: dict[str, Any]) -> None:
    assert result["status"] == "applied", result


def test_a_problems_whole_life_writes_only_what_the_contract_names(
    phone_of, people, project
) -> None:  # type: ignore[no-untyped-def]
    office, inspector, deputy = phone_of("office"), phone_of("inspector"), phone_of("deputy")
    unit, late_unit = phone_of("water_1"), phone_of("water_2")
    report_id = new_id()
    _applied(
        deputy.do(
            "report.create",
            id=report_id,
            project_id=project.id,
            title="没水",
            description="三组停水",
        )
    )
    accepted = post(office, f"/api/v1/reports/{report_id}/accept", {})
    assert accepted.status_code == 200, accepted.get_json()
    issue_id = accepted.get_json()["issue"]["id"]
    found_problem(inspector, project.id, "护栏倒塌", "村口护栏倒塌")  # created on a phone
    assign = {"unit_id": people["water"].id, "deadline": "2030-09-01"}
    _applied(move(office, issue_id, "found", "assigned", **assign))
    decision = f"/api/v1/issues/{issue_id}/extensions/decision"
    for answer in ({"approve": False, "reason": "可调配人手"}, {"approve": True}):
        ask = {"issue_id": issue_id, "deadline": "2030-09-15", "reason": "材料未到"}
        _applied(unit.do("issue.extension_request", **ask))
        assert post(office, decision, answer).status_code == 200
    _applied(unit.do("issue.comment", issue_id=issue_id, body="已到现场"))
    _applied(move(unit, issue_id, "assigned", "rectifying"))
    conflict = move(late_unit, issue_id, "assigned", "returned", reason="不归我们管")
    assert conflict["status"] == "conflict"
    # 待照片, then refused: the photo turns out a near copy of the inspector's
    attach_issue_photo(inspector, issue_id, phash=OLD_PHASH)
    copy = attach_issue_photo(unit, issue_id, arrives=False)
    _applied(move(unit, issue_id, "rectifying", "rectified", photo_ids=[copy]))
    _arrive(copy, unit, "f0e1d2c3b4a59686")
    # 待照片, then applied: a new picture
    fresh = attach_issue_photo(unit, issue_id, arrives=False)
    _applied(move(unit, issue_id, "rectifying", "rectified", photo_ids=[fresh]))
    _arrive(fresh, unit, "0f1e2d3c4b5a6978")
    _applied(move(office, issue_id, "rectified", "rectifying", reason="照片不清"))
    photos = evidence(unit, issue_id)
    _applied(move(unit, issue_id, "rectifying", "rectified", photo_ids=photos))
    checked = evidence(inspector, issue_id)
    _applied(move(inspector, issue_id, "rectified", "verified", photo_ids=checked))
    _applied(move(office, issue_id, "verified", "closed"))
    # the deputy is not satisfied twice: the closed problem reopens, then a comment on it
    for comment in ("还有一户没有来水", "还是没有来水"):
        assert (
            post(office, f"/api/v1/reports/{report_id}/reply", {"text": "已通水"}).status_code
            == 200
        )
        rated = deputy.do(
            "report.rate", report_id=report_id, rating="dissatisfied", comment=comment
        )
        _applied(rated)
    again = {"unit_id": people["roads"].id, "deadline": "2030-10-01", "reason": "改由交通局办理"}
    _applied(move(office, issue_id, "rectifying", "assigned", **again))  # 改派: a slip voided

    written = list(db.session.scalars(select(IssueEvent).order_by(IssueEvent.id)))
    assert {e.kind for e in written} == set(contract.KINDS)
    for event in written:
        assert contract.conforms(event.kind, event.data), (event.kind, event.data)
    shapes = {(e.kind, frozenset(e.data or ())) for e in written}
    assert ("comment", frozenset({"via", "rating", "report_id"})) in shapes
    assert any(k == "transition" and "reopened" in keys for k, keys in shapes)
    assert any(k == "transition" and "voided_slips" in keys for k, keys in shapes)
