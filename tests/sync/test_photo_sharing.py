"""A problem made from a deputy's report, told both ways through pull: the unit sees what it was
asked (the slip in force, the deputy's photos, where the problem came from); the deputy sees the
rectification and check photos of the problem made from their report, and nothing else of it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.media.arrived import bytes_arrived
from tests.sync.conftest import Phone, evidence, move, new_id, photo_sha

REQUIREMENTS = "7日内修复护栏,并附整改前后照片"


@pytest.fixture
def cast(phone, make_user, make_unit, make_project, townships, county):  # type: ignore[no-untyped-def]
    east = townships[0]
    water = make_unit("水利局")
    project = make_project(township=east, region_path=east.path, unit=water)
    deputy = make_user("deputy", region=county)
    deputy.display_name = "王代表"
    return {
        "office": phone(make_user("supervisor", region=county)),
        "inspector": phone(make_user("inspector", townships=[east])),
        "unit": phone(make_user("unit", unit=water)),
        "deputy": phone(deputy),
        "other_deputy": phone(make_user("deputy", region=county)),
        "water": water,
        "project": project,
    }


def _post(phone: Phone, url: str, payload: dict[str, Any]) -> Any:
    response = phone.client.post(url, json=payload, headers={"X-CSRF-Token": phone.csrf})
    assert response.status_code in (200, 201), response.get_json()
    return response.get_json()


def _report_photo(deputy: Phone, report_id: str) -> str:
    photo_id = new_id()
    result = deputy.do(
        "photo.attach",
        id=photo_id,
        sha256=photo_sha(photo_id),
        size=10,
        content_type="image/jpeg",
        owner_type="report",
        owner_id=report_id,
        location={"lat": 28.1, "lon": 120.1, "accuracy_m": 5},
    )
    assert result["status"] == "applied", result
    bytes_arrived(photo_sha(photo_id), 10, deputy.user.id)
    return photo_id


@pytest.fixture
def filed(cast) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A report with a photo, filed by the deputy (not yet accepted)."""
    report_id = new_id()
    result = cast["deputy"].do(
        "report.create",
        id=report_id,
        project_id=cast["project"].id,
        title="护栏倒塌",
        description="村口护栏倒塌",
    )
    assert result["status"] == "applied", result
    return {"report": report_id, "photo": _report_photo(cast["deputy"], report_id)}


@pytest.fixture
def assigned(cast, filed) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """…accepted as a problem and assigned to 水利局 with its requirements."""
    accepted = _post(cast["office"], f"/api/v1/reports/{filed['report']}/accept", {})
    issue_id = accepted["issue"]["id"]
    assign = {
        "unit_id": cast["water"].id,
        "deadline": "2030-09-01",
        "requirements": REQUIREMENTS,
    }
    assert move(cast["office"], issue_id, "found", "assigned", **assign)["status"] == "applied"
    return {**filed, "issue": issue_id}


def _pulled(phone: Phone, kind: str, record_id: str) -> dict[str, Any] | None:
    phone.sync_all()
    return phone.local.get((kind, record_id))


def test_the_unit_sees_the_slip_it_was_given(cast, assigned) -> None:
    issue = _pulled(cast["unit"], "issue", assigned["issue"])
    assert issue is not None
    slip = issue["slip"]
    assert slip["requirements"] == REQUIREMENTS and slip["deadline"] == "2030-09-01"
    assert slip["code"].startswith("督交〔") and slip["issued_at"]


def test_a_reassigned_problem_shows_the_new_slip(cast, assigned) -> None:
    again = {"unit_id": cast["water"].id, "deadline": "2030-10-01", "reason": "重新交办"}
    result = move(cast["office"], assigned["issue"], "assigned", "assigned", **again)
    assert result["status"] == "applied", result
    issue = _pulled(cast["unit"], "issue", assigned["issue"])
    assert issue is not None
    assert issue["slip"]["deadline"] == "2030-10-01" and issue["slip"]["requirements"] is None


def test_the_problem_says_whose_report_it_came_from(cast, assigned) -> None:
    issue = _pulled(cast["unit"], "issue", assigned["issue"])
    assert issue is not None
    deputy = cast["deputy"].user
    assert issue["source_report"] == {
        "id": assigned["report"],
        "deputy": {"id": deputy.id, "name": "王代表"},
    }
    page = cast["office"].client.get(f"/api/v1/issues/{assigned['issue']}").get_json()
    assert page["source_report"]["deputy"]["name"] == "王代表"


def test_the_office_list_says_whose_report_a_problem_came_from(cast, assigned) -> None:
    listed = cast["office"].client.get("/api/v1/issues").get_json()["items"]
    row = next(item for item in listed if item["id"] == assigned["issue"])
    assert row["source_report"]["deputy"]["name"] == "王代表"


def test_a_pulled_photo_says_when_the_server_got_it(cast, filed) -> None:
    photo = _pulled(cast["deputy"], "photo", filed["photo"])
    assert photo is not None
    assert photo["received_at"] and photo["clock_skew"] is False


def test_the_unit_sees_the_deputys_photo_once_the_problem_is_its(cast, filed) -> None:
    unit = cast["unit"]
    assert _pulled(unit, "photo", filed["photo"]) is None
    accepted = _post(cast["office"], f"/api/v1/reports/{filed['report']}/accept", {})
    assign = {"unit_id": cast["water"].id, "deadline": "2030-09-01"}
    move(cast["office"], accepted["issue"]["id"], "found", "assigned", **assign)
    photo = _pulled(unit, "photo", filed["photo"])
    assert photo is not None and photo["stage"] == "report"


def test_the_township_inspector_sees_the_deputys_photo_once_accepted(cast, filed) -> None:
    inspector = cast["inspector"]
    assert _pulled(inspector, "photo", filed["photo"]) is None
    _post(cast["office"], f"/api/v1/reports/{filed['report']}/accept", {})
    assert _pulled(inspector, "photo", filed["photo"]) is not None


def _fixed_and_checked(cast, issue_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The unit's 已整改 and the inspector's 复核, each with a photo: (fix, check)."""
    assert move(cast["unit"], issue_id, "assigned", "rectifying")["status"] == "applied"
    [fix] = evidence(cast["unit"], issue_id)
    assert move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=[fix])["status"] == (
        "applied"
    )
    [check] = evidence(cast["inspector"], issue_id)
    verified = move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=[check])
    assert verified["status"] == "applied", verified
    return fix, check


def test_the_deputy_sees_the_fix_and_the_check(cast, assigned) -> None:
    fix, check = _fixed_and_checked(cast, assigned["issue"])
    deputy = cast["deputy"]
    deputy.sync_all()
    assert deputy.local[("photo", fix)]["stage"] == "rectify"
    assert deputy.local[("photo", check)]["stage"] == "verify"
    assert ("issue", assigned["issue"]) not in deputy.local  # never the problem itself


def test_the_deputy_does_not_see_the_offices_found_photo(cast, assigned) -> None:
    from tests.sync.conftest import attach_issue_photo

    before = attach_issue_photo(cast["inspector"], assigned["issue"])
    assert _pulled(cast["deputy"], "photo", before) is None


def test_another_deputy_sees_no_fix_photo(cast, assigned) -> None:
    fix, check = _fixed_and_checked(cast, assigned["issue"])
    other = cast["other_deputy"]
    other.sync_all()
    assert ("photo", fix) not in other.local and ("photo", check) not in other.local


def test_a_found_photo_cited_as_the_check_reaches_the_deputy(cast, assigned) -> None:
    """The stage a move fixes moves the photo into the deputy's copy (a change pull sends)."""
    from tests.sync.conftest import attach_issue_photo

    issue_id = assigned["issue"]
    early = attach_issue_photo(cast["inspector"], issue_id)
    deputy = cast["deputy"]
    assert _pulled(deputy, "photo", early) is None
    move(cast["unit"], issue_id, "assigned", "rectifying")
    fix = evidence(cast["unit"], issue_id)
    move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=fix)
    assert move(cast["inspector"], issue_id, "rectified", "verified", photo_ids=[early])[
        "status"
    ] == ("applied")
    photo = _pulled(deputy, "photo", early)
    assert photo is not None and photo["stage"] == "verify"


def test_the_deputy_may_open_the_fix_photos_but_not_the_found_one(cast, assigned) -> None:
    """The photo files answer by the same scope (server/media/access.py): its thumbnails load."""
    from server.db import db
    from server.media.access import can_view_photo
    from server.media.models import Photo
    from tests.sync.conftest import attach_issue_photo

    found = attach_issue_photo(cast["inspector"], assigned["issue"])
    fix, check = _fixed_and_checked(cast, assigned["issue"])

    def may_open(phone: Phone, photo_id: str) -> bool:
        photo = db.session.get(Photo, photo_id)
        return can_view_photo(db.session, phone.user, photo)

    deputy, other = cast["deputy"], cast["other_deputy"]
    assert may_open(deputy, fix) and may_open(deputy, check)
    assert not may_open(deputy, found)
    assert not may_open(other, fix)
