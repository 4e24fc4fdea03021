"""已整改 needs photos that prove the fix: the unit's own, taken after the assignment, new
pictures whose bytes have arrived; a move whose photos are still on their way waits (待照片)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from server.db import db
from server.issues.models import Issue
from server.media.models import EvidenceWait, Photo
from tests.media.arrived import bytes_arrived
from tests.sync.conftest import being_fixed, evidence, move, new_id, water_works

FIRST_PHASH = "f0e1d2c3b4a59687"


@pytest.fixture
def cast(phone, make_user, make_unit, make_project, townships):  # type: ignore[no-untyped-def]
    return water_works(phone, make_user, make_unit, make_project, townships[0])


@pytest.fixture
def issue_id(cast) -> str:  # type: ignore[no-untyped-def]
    return being_fixed(cast)


def attach(phone, issue_id, sha256=None, size=10):  # type: ignore[no-untyped-def]
    """A photo attached to the problem, its bytes not (yet) sent: (photo id, sha256)."""
    photo_id = new_id()
    sha256 = sha256 or photo_id.replace("-", "").ljust(64, "0")
    result = phone.do(
        "photo.attach",
        id=photo_id,
        sha256=sha256,
        size=size,
        content_type="image/jpeg",
        owner_type="issue",
        owner_id=issue_id,
    )
    assert result["status"] == "applied", result
    return photo_id, sha256


def fixed(cast, issue_id, photo_ids):  # type: ignore[no-untyped-def]
    return move(cast["unit"], issue_id, "rectifying", "rectified", photo_ids=photo_ids)


def problem(issue_id: str) -> Issue:
    db.session.expire_all()
    issue = db.session.get(Issue, issue_id)
    assert issue is not None
    return issue


def kinds(issue_id: str) -> list[str]:
    return [e.kind for e in problem(issue_id).events]


def waits() -> int:
    return db.session.scalar(select(func.count()).select_from(EvidenceWait)) or 0


# --- photos whose bytes have not arrived ----------------------------------------------------


def test_a_made_up_hash_never_moves_the_problem(cast, issue_id) -> None:
    photo_id, _ = attach(cast["unit"], issue_id, sha256="0" * 64)
    assert fixed(cast, issue_id, [photo_id])["status"] == "applied"  # kept, not refused
    assert problem(issue_id).state == "rectifying"


def test_the_office_sees_a_move_waiting_for_its_photos(cast, issue_id) -> None:
    photo_id, _ = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [photo_id])
    cast["office"].sync_all()
    events = cast["office"].local[("issue", issue_id)]["events"]
    assert (events[-1]["kind"], events[-1]["to_state"]) == ("evidence_waiting", "rectified")
    assert events[-1]["data"]["waiting_for"] == [photo_id]


def test_a_waiting_move_is_applied_when_its_bytes_arrive(cast, issue_id) -> None:
    photo_id, sha256 = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [photo_id])
    bytes_arrived(sha256, 10, cast["unit"].user.id)
    assert problem(issue_id).state == "rectified"
    assert kinds(issue_id)[-2:] == ["evidence_waiting", "transition"]
    assert waits() == 0


def test_a_waiting_move_needs_every_cited_photo(cast, issue_id) -> None:
    first, first_sha = attach(cast["unit"], issue_id)
    second, _ = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [first, second])
    bytes_arrived(first_sha, 10, cast["unit"].user.id)
    assert problem(issue_id).state == "rectifying"
    assert waits() == 1


def test_bytes_sent_by_someone_else_do_not_apply_the_move(cast, issue_id) -> None:
    photo_id, sha256 = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [photo_id])
    bytes_arrived(sha256, 10, cast["inspector"].user.id)
    assert problem(issue_id).state == "rectifying"


def test_a_waiting_move_on_a_problem_that_moved_on_is_a_conflict(cast, issue_id) -> None:
    photo_id, sha256 = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [photo_id])
    again = {"unit_id": cast["water"].id, "deadline": "2030-10-01", "reason": "改由水利局重新整改"}
    assert move(cast["office"], issue_id, "rectifying", "assigned", **again)["status"] == "applied"
    bytes_arrived(sha256, 10, cast["unit"].user.id)
    assert problem(issue_id).state == "assigned"
    assert kinds(issue_id)[-1] == "conflict"
    assert waits() == 0


# --- whose photos, from when, and new ones ---------------------------------------------------


def test_the_inspectors_found_photo_is_no_proof_of_a_fix(cast, issue_id) -> None:
    borrowed = evidence(cast["inspector"], issue_id)
    result = fixed(cast, issue_id, borrowed)
    assert result["code"] == "evidence_not_yours"
    assert "本单位" in result["message"]
    assert problem(issue_id).state == "rectifying"


def test_a_photo_attached_before_the_assignment_is_no_proof(cast, issue_id) -> None:
    [photo_id] = evidence(cast["unit"], issue_id)
    assigned_at = max(e.at for e in problem(issue_id).events if e.to_state == "assigned")
    photo = db.session.get(Photo, photo_id)
    photo.created_at = assigned_at - timedelta(minutes=5)
    db.session.commit()
    assert fixed(cast, issue_id, [photo_id])["code"] == "evidence_before_assignment"


def test_the_same_bytes_as_an_earlier_photo_are_refused(cast, issue_id) -> None:
    first = evidence(cast["unit"], issue_id)
    assert fixed(cast, issue_id, first)["status"] == "applied"
    back = move(cast["office"], issue_id, "rectified", "rectifying", reason="护栏仍未固定")
    assert back["status"] == "applied"
    sha256 = db.session.get(Photo, first[0]).sha256
    again, _ = attach(cast["unit"], issue_id, sha256=sha256)
    result = fixed(cast, issue_id, [again])
    assert result["code"] == "evidence_reused"
    assert problem(issue_id).state == "rectifying"


def test_a_near_duplicate_of_an_earlier_photo_is_refused(cast, issue_id) -> None:
    _, old_sha = attach(cast["inspector"], issue_id)
    bytes_arrived(old_sha, 10, cast["inspector"].user.id, phash=FIRST_PHASH)
    photo_id, sha256 = attach(cast["unit"], issue_id)
    bytes_arrived(sha256, 10, cast["unit"].user.id, phash="f0e1d2c3b4a59686")  # one bit away
    result = fixed(cast, issue_id, [photo_id])
    assert result["code"] == "evidence_similar"
    assert problem(issue_id).state == "rectifying"


def test_a_near_duplicate_arriving_late_refuses_the_waiting_move(cast, issue_id) -> None:
    _, old_sha = attach(cast["inspector"], issue_id)
    bytes_arrived(old_sha, 10, cast["inspector"].user.id, phash=FIRST_PHASH)
    photo_id, sha256 = attach(cast["unit"], issue_id)
    fixed(cast, issue_id, [photo_id])
    bytes_arrived(sha256, 10, cast["unit"].user.id, phash="f0e1d2c3b4a59686")
    issue = problem(issue_id)
    assert issue.state == "rectifying"
    refused = issue.events[-1]
    assert (refused.kind, refused.data["code"]) == ("evidence_refused", "evidence_similar")
    assert "几乎相同" in (refused.reason or "")


def test_a_different_new_photo_is_proof(cast, issue_id) -> None:
    _, old_sha = attach(cast["inspector"], issue_id)
    bytes_arrived(old_sha, 10, cast["inspector"].user.id, phash=FIRST_PHASH)
    photo_id, sha256 = attach(cast["unit"], issue_id)
    bytes_arrived(sha256, 10, cast["unit"].user.id, phash="0f1e2d3c4b5a6978")
    assert fixed(cast, issue_id, [photo_id])["status"] == "applied"
    assert problem(issue_id).state == "rectified"
