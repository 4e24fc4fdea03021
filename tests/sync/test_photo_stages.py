"""A photo's stage (发现 / 整改 / 复核 / 代表): derived at photo.attach from the uploader's side and
the problem's state, asked for by the phone only within that side, fixed by the move citing it;
复核 needs the verifier's photo; 销号 over warning flags needs a reason."""

from __future__ import annotations

import pytest

from server.db import db
from server.issues.models import Issue
from server.media.models import Photo
from tests.media.arrived import bytes_arrived
from tests.sync.conftest import (
    attach_issue_photo,
    being_fixed,
    evidence,
    found_problem,
    move,
    new_id,
    photo_sha,
    water_works,
)


@pytest.fixture
def cast(phone, make_user, make_unit, make_project, townships, county):  # type: ignore[no-untyped-def]
    made = water_works(phone, make_user, make_unit, make_project, townships[0], county)
    return {**made, "deputy": phone(make_user("deputy", region=county))}


@pytest.fixture
def issue_id(cast) -> str:  # type: ignore[no-untyped-def]
    return being_fixed(cast)


def _stage(photo_id: str) -> str:
    db.session.expire_all()
    photo = db.session.get(Photo, photo_id)
    assert photo is not None
    return photo.stage


def _attach(phone, owner_type: str, owner_id: str, **extra):  # type: ignore[no-untyped-def]
    photo_id = new_id()
    result = phone.do(
        "photo.attach",
        id=photo_id,
        sha256=photo_sha(photo_id),
        size=10,
        content_type="image/jpeg",
        owner_type=owner_type,
        owner_id=owner_id,
        **extra,
    )
    return photo_id, result


def _fixed(cast, issue_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    photos = evidence(cast["unit"], issue_id)
    assert move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=photos)["status"] == (
        "applied"
    )
    return photos


def test_the_inspectors_photo_before_the_fix_is_found(cast) -> None:
    issue_id = found_problem(cast["inspector"], cast["project"].id, "护栏倒塌", "村口护栏倒塌")
    assert _stage(attach_issue_photo(cast["inspector"], issue_id)) == "found"


def test_the_units_photo_is_its_fix(cast, issue_id) -> None:
    assert _stage(attach_issue_photo(cast["unit"], issue_id)) == "rectify"


def test_the_inspectors_photo_after_the_fix_is_the_check(cast, issue_id) -> None:
    _fixed(cast, issue_id)
    assert _stage(attach_issue_photo(cast["inspector"], issue_id)) == "verify"


def test_the_deputys_photo_is_the_report(cast) -> None:
    report_id = new_id()
    cast["deputy"].do("report.create", id=report_id, title="护栏倒塌", description="村口")
    photo_id, result = _attach(cast["deputy"], "report", report_id)
    assert result["status"] == "applied", result
    assert _stage(photo_id) == "report"


def test_a_stage_the_uploaders_side_may_make_is_kept(cast, issue_id) -> None:
    photo_id, result = _attach(cast["inspector"], "issue", issue_id, stage="verify")
    assert result["status"] == "applied", result
    assert _stage(photo_id) == "verify"


@pytest.mark.parametrize(
    ("who", "stage"), [("unit", "verify"), ("unit", "found"), ("inspector", "rectify")]
)
def test_a_stage_of_the_other_side_is_refused(cast, issue_id, who: str, stage: str) -> None:
    photo_id, result = _attach(cast[who], "issue", issue_id, stage=stage)
    assert result["status"] == "rejected"
    assert result["code"] == "photo_stage_not_yours"
    assert db.session.get(Photo, photo_id) is None


def test_a_deputy_cannot_call_a_report_photo_a_fix(cast) -> None:
    report_id = new_id()
    cast["deputy"].do("report.create", id=report_id, title="护栏倒塌", description="村口")
    _, result = _attach(cast["deputy"], "report", report_id, stage="rectify")
    assert (result["status"], result["code"]) == ("rejected", "photo_stage_not_yours")
    assert "整改" in result["message"]


def test_the_check_citing_a_photo_makes_it_the_check(cast, issue_id) -> None:
    early = attach_issue_photo(cast["inspector"], issue_id)  # while the unit works: found
    assert _stage(early) == "found"
    _fixed(cast, issue_id)
    result = move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=[early])
    assert result["status"] == "applied", result
    assert _stage(early) == "verify"


def test_verifying_without_a_photo_is_refused(cast, issue_id) -> None:
    _fixed(cast, issue_id)
    result = move(cast["inspector"], issue_id, "rectified", "verified")
    assert (result["status"], result["code"]) == ("rejected", "evidence_required")
    assert "复核" in result["message"]
    assert db.session.get(Issue, issue_id).state == "rectified"


def test_verifying_with_the_units_photo_is_refused(cast, issue_id) -> None:
    photos = _fixed(cast, issue_id)
    result = move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=photos)
    assert (result["status"], result["code"]) == ("rejected", "evidence_not_yours")


def test_the_unit_cannot_cite_the_inspectors_found_photo(cast) -> None:
    issue_id = found_problem(cast["inspector"], cast["project"].id, "护栏倒塌", "村口护栏倒塌")
    found = attach_issue_photo(cast["inspector"], issue_id)
    assign = {"unit_id": cast["water"].id, "deadline": "2030-09-01"}
    assert move(cast["office"], issue_id, "found", "assigned", **assign)["status"] == "applied"
    assert move(cast["unit"], issue_id, "assigned", "rectifying")["status"] == "applied"
    result = move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=[found])
    assert (result["status"], result["code"]) == ("rejected", "evidence_not_yours")
    assert _stage(found) == "found"


def _unlocated_fix(cast, issue_id: str) -> str:  # type: ignore[no-untyped-def]
    """The unit reports the fix with a photo sent without any location (a warning flag)."""
    photo_id, result = _attach(cast["unit"], "issue", issue_id)
    assert result["status"] == "applied", result
    bytes_arrived(photo_sha(photo_id), 10, cast["unit"].user.id)
    fixed = move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=[photo_id])
    assert fixed["status"] == "applied", fixed
    checked = evidence(cast["inspector"], issue_id)
    verified = move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=checked)
    assert verified["status"] == "applied", verified
    return photo_id


def test_closing_over_a_warning_flag_needs_a_reason(cast, issue_id) -> None:
    _unlocated_fix(cast, issue_id)
    result = move(cast["office"], issue_id, "verified", "closed")
    assert (result["status"], result["code"]) == ("rejected", "close_flags_need_reason")
    assert "没有位置" in result["message"] and "理由" in result["message"]


def test_the_reason_and_the_overridden_flags_are_kept(cast, issue_id) -> None:
    photo_id = _unlocated_fix(cast, issue_id)
    result = move(cast["office"], issue_id, "verified", "closed", reason="现场已核实")
    assert result["status"] == "applied", result
    db.session.expire_all()
    event = db.session.get(Issue, issue_id).events[-1]
    assert (event.to_state, event.reason) == ("closed", "现场已核实")
    assert event.data["overridden_flags"] == [{"photo_id": photo_id, "code": "no_location"}]


def test_closing_clean_photos_needs_no_reason(cast, issue_id) -> None:
    _fixed(cast, issue_id)
    checked = evidence(cast["inspector"], issue_id)
    move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=checked)
    result = move(cast["office"], issue_id, "verified", "closed")
    assert result["status"] == "applied", result
    db.session.expire_all()
    assert "overridden_flags" not in db.session.get(Issue, issue_id).events[-1].data


def test_the_problem_page_says_a_close_needs_a_reason(cast, issue_id) -> None:
    photo_id = _unlocated_fix(cast, issue_id)
    office = cast["office"]
    body = office.client.get(f"/api/v1/issues/{issue_id}").get_json()
    assert body["close_needs_reason"] is True
    assert [(f["photo_id"], f["stage"], f["code"]) for f in body["warning_flags"]] == [
        (photo_id, "rectify", "no_location")
    ]
    assert body["warning_flags"][0]["message"] == "没有手机定位，也没有照片 GPS"


def test_the_problem_page_lists_each_photo_with_its_stage(cast, issue_id) -> None:
    fix = _fixed(cast, issue_id)
    check = attach_issue_photo(cast["inspector"], issue_id)
    body = cast["office"].client.get(f"/api/v1/issues/{issue_id}").get_json()
    assert [(p["id"], p["stage"]) for p in body["photos"]] == [
        (fix[0], "rectify"),
        (check, "verify"),
    ]
    assert body["photo_ids"] == [fix[0], check]
    assert body["photos"][0]["thumb_url"] == f"/api/v1/photos/{fix[0]}/thumb"
    assert body["close_needs_reason"] is False and body["warning_flags"] == []
