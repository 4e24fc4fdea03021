"""Approve, return with a reason, refused double review, the phone's pull, the correction."""

from __future__ import annotations

import pytest

from server.db import db
from server.inspections.models import Inspection
from server.notifications.models import Notification
from sync.models import ChangeLog
from tests.review.conftest import submit
from tests.sync.conftest import NOW, new_id


def _stored(inspection_id: str) -> Inspection:
    inspection = db.session.get(Inspection, inspection_id)
    db.session.refresh(inspection)
    return inspection


def test_approve_records_reviewer_time_and_version(field, office, site) -> None:
    inspection_id = submit(field, site["east"])
    before = _stored(inspection_id).version
    response = office.approve(inspection_id)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["status"], body["reviewed_by"]["id"]) == ("approved", site["supervisor"].id)
    assert body["reviewed_at"] is not None
    stored = _stored(inspection_id)
    assert (stored.status, stored.reviewed_by_id, stored.review_note) == (
        "approved",
        site["supervisor"].id,
        None,
    )
    assert stored.version == before + 1
    assert db.session.query(ChangeLog).filter_by(entity_id=inspection_id).count() >= 2


def test_return_requires_a_reason(field, office, site) -> None:
    inspection_id = submit(field, site["east"])
    for reason in (None, "", "   "):
        response = office.send_back(inspection_id, reason)
        assert response.status_code == 422, response.get_json()
        assert "review_note" in response.get_json()["errors"]
    assert _stored(inspection_id).status == "submitted"


def test_return_keeps_the_reason(field, office, site) -> None:
    inspection_id = submit(field, site["east"])
    response = office.send_back(inspection_id, "  照片看不清公厕内部,请补拍  ")
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["review_note"] == "照片看不清公厕内部,请补拍"
    stored = _stored(inspection_id)
    assert (stored.status, stored.reviewed_by_id) == ("returned", site["supervisor"].id)
    assert stored.reviewed_at is not None
    # the inspector is told (server/notifications listens to the status change on flush)
    told = db.session.query(Notification).filter_by(inspection_id=inspection_id).all()
    assert [(n.user_id, n.kind, n.body) for n in told] == [
        (site["inspector"].id, "returned", "照片看不清公厕内部,请补拍")
    ]


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        ("approve", "approve", "该检查已审核通过"),
        ("approve", "return", "该检查已审核通过"),
        ("return", "approve", "该检查已退回督查员"),
        ("return", "return", "该检查已退回督查员"),
    ],
)
def test_a_second_review_is_refused_with_409(
    field, office, office_of, site, first, second, message
) -> None:
    inspection_id = submit(field, site["east"])
    other = office_of(site["admin"])
    act = {
        "approve": lambda o: o.approve(inspection_id),
        "return": lambda o: o.send_back(inspection_id, "请补拍"),
    }
    assert act[first](office).status_code == 200
    version = _stored(inspection_id).version
    response = act[second](other)
    assert response.status_code == 409
    body = response.get_json()
    assert body["code"] == "already_reviewed"
    assert body["message"].startswith(message)
    assert _stored(inspection_id).version == version


def test_a_draft_cannot_be_reviewed(field, office, site) -> None:
    draft = new_id()
    field.do(
        "inspection.create", id=draft, project_id=site["east"].id, kind="random", started_at=NOW
    )
    response = office.approve(draft)
    assert (response.status_code, response.get_json()["code"]) == (409, "not_submitted")
    assert response.get_json()["message"] == "该检查尚未提交，不能审核"


def test_the_phone_pulls_the_status_and_the_reason(field, office, site) -> None:
    returned = submit(field, site["east"])
    approved = submit(field, site["east"])
    field.sync_all()
    assert field.local[("inspection", returned)]["review_note"] is None
    office.send_back(returned, "缺少整改前后对比照片")
    office.approve(approved)
    field.sync_all()
    data = field.local[("inspection", returned)]
    assert (data["status"], data["review_note"]) == ("returned", "缺少整改前后对比照片")
    assert data["reviewed_at"] is not None
    assert field.local[("inspection", approved)]["status"] == "approved"


def test_a_returned_inspection_is_corrected_through_sync(field, office, site) -> None:
    old = submit(field, site["east"], problem="high")
    office.send_back(old, "照片与项目位置不符")
    correction = submit(field, site["east"], minutes=60, replaces_id=old)
    stored_old = _stored(old)
    assert (stored_old.status, stored_old.review_note) == ("returned", "照片与项目位置不符")
    assert _stored(correction).replaces_id == old

    [item] = office.queue()
    assert item["id"] == correction
    assert item["replaces"]["id"] == old
    assert (item["replaces"]["status"], item["replaces"]["review_note"]) == (
        "returned",
        "照片与项目位置不符",
    )
    shown_old = office.get(f"/api/v1/review/inspections/{old}").get_json()
    assert [c["id"] for c in shown_old["corrected_by"]] == [correction]
    assert office.approve(correction).status_code == 200


def test_an_approved_inspection_cannot_be_corrected(field, office, site) -> None:
    old = submit(field, site["east"])
    office.approve(old)
    result = field.do(
        "inspection.create",
        id=new_id(),
        project_id=site["east"].id,
        kind="random",
        started_at=NOW,
        replaces_id=old,
    )
    assert (result["status"], result["code"]) == ("rejected", "not_submitted")


def test_a_returned_inspection_is_not_submitted_again(field, office, site) -> None:
    """Nothing leads back from 退回: the phone answers it with a correction, a new inspection."""
    returned = submit(field, site["east"])
    office.send_back(returned, "请补拍")
    for name, args in (
        ("inspection.submit", {}),
        ("inspection.update", {"notes": "补拍了"}),
    ):
        result = field.do(name, inspection_id=returned, **args)
        assert (result["status"], result["code"]) == ("rejected", "inspection_submitted")
    assert _stored(returned).status == "returned"
