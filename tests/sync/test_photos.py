"""photo.attach before or after the bytes; evidence once both are known; who may see it."""

from __future__ import annotations

import hashlib

import pytest

from server.db import db
from server.inspections.models import Inspection
from server.media.access import can_view_photo
from server.media.models import Blob, Photo
from server.media.photos import blob_arrived
from tests.media.arrived import bytes_arrived
from tests.sync.conftest import NOW, new_id

BYTES = b"pretend these are the bytes of a JPEG"
SHA = hashlib.sha256(BYTES).hexdigest()


@pytest.fixture
def setting(phone, make_user, make_project, townships):  # type: ignore[no-untyped-def]
    east = townships[0]
    project = make_project(township=east, region_path=east.path, lat=28.1500, lon=120.2900)
    inspector = make_user("inspector", townships=[east])
    p = phone(inspector)
    inspection_id = new_id()
    p.do(
        "inspection.create", id=inspection_id, project_id=project.id, kind="revisit", started_at=NOW
    )
    return p, inspection_id, inspector


def attach(p, inspection_id, photo_id=None, sha=SHA):  # type: ignore[no-untyped-def]
    return p.do(
        "photo.attach",
        id=photo_id or new_id(),
        sha256=sha,
        size=len(BYTES),
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=inspection_id,
        taken_at=NOW,
        location={"lat": 28.1501, "lon": 120.2901, "accuracy_m": 8, "at": NOW},
    )


def add_blob(holder, **facts) -> Blob:  # type: ignore[no-untyped-def]
    """The bytes arrive, sent by ``holder`` (a finished upload)."""
    blob = Blob(
        sha256=SHA, size=len(BYTES), content_type="image/jpeg", width=4000, height=3000, **facts
    )
    db.session.add(blob)
    db.session.flush()
    blob_arrived(db.session, blob, holder.id)
    db.session.commit()
    return blob


def test_photo_before_its_bytes_is_pending(setting) -> None:
    p, inspection_id, _ = setting
    photo_id = new_id()
    assert attach(p, inspection_id, photo_id)["status"] == "applied"
    assert db.session.get(Photo, photo_id).status == "pending"


def test_bytes_arriving_make_the_photo_ready_and_tell_the_phone(setting) -> None:
    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    p.pull()
    add_blob(p.user)
    p.pull()
    assert p.local[("photo", photo_id)]["status"] == "ready"


def test_bytes_first_then_attach_is_ready_at_once(setting) -> None:
    p, inspection_id, _ = setting
    add_blob(p.user)
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    assert db.session.get(Photo, photo_id).status == "ready"


def test_evidence_flags_a_photo_far_from_the_project(setting) -> None:
    from datetime import datetime

    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    add_blob(
        p.user, exif_lat=28.2500, exif_lon=120.2900, exif_taken_at=datetime(2023, 7, 31, 9, 29)
    )
    evidence = db.session.get(Photo, photo_id).evidence
    assert evidence["distance_to_project_m"] == pytest.approx(15.6, abs=1)
    codes = {flag["code"] for flag in evidence["flags"]}
    assert "exif_device_far" in codes


def test_same_bytes_in_another_inspection_are_flagged(setting, make_project, townships) -> None:
    p, inspection_id, _ = setting
    add_blob(p.user)
    attach(p, inspection_id)
    other_project = make_project(township=townships[0], region_path=townships[0].path)
    second = new_id()
    p.do(
        "inspection.create", id=second, project_id=other_project.id, kind="revisit", started_at=NOW
    )
    photo_id = new_id()
    attach(p, second, photo_id)
    flags = db.session.get(Photo, photo_id).evidence["flags"]
    assert any(flag["code"] == "duplicate_photo" for flag in flags)


def test_photo_on_someone_elses_inspection_is_refused(setting, phone, make_user, townships) -> None:
    _, inspection_id, _ = setting
    other = phone(make_user("inspector", townships=[townships[0]]))
    assert attach(other, inspection_id)["code"] == "not_found"


def test_same_photo_id_replayed_from_the_same_user_is_idempotent(setting) -> None:
    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    assert attach(p, inspection_id, photo_id)["status"] == "applied"


def test_who_may_view_a_photo(setting, make_user, townships, make_unit) -> None:
    p, inspection_id, inspector = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    photo = db.session.get(Photo, photo_id)
    assert can_view_photo(db.session, inspector, photo)
    assert can_view_photo(db.session, make_user("supervisor"), photo)
    assert not can_view_photo(db.session, make_user("inspector", townships=[townships[1]]), photo)
    assert not can_view_photo(db.session, make_user("unit", unit=make_unit()), photo)


def test_nearly_the_same_picture_on_the_same_project_is_flagged(setting) -> None:
    p, inspection_id, _ = setting
    old_sha = hashlib.sha256(b"old visit").hexdigest()
    db.session.add(
        Blob(sha256=old_sha, size=len(BYTES), content_type="image/jpeg", phash="f0e1d2c3b4a59687")
    )
    db.session.commit()
    first = new_id()
    attach(p, inspection_id, first, sha=old_sha)
    second_inspection = new_id()
    project = db.session.get(Inspection, inspection_id).project_id
    p.do(
        "inspection.create",
        id=second_inspection,
        project_id=project,
        kind="revisit",
        started_at=NOW,
    )
    photo_id = new_id()
    attach(p, second_inspection, photo_id)
    add_blob(p.user, phash="f0e1d2c3b4a59686")  # one bit away
    codes = {flag["code"] for flag in db.session.get(Photo, photo_id).evidence["flags"]}
    assert "similar_photo" in codes


# --- knowing a SHA-256 is not having the photo -----------------------------------------------


@pytest.fixture
def stranger(phone, make_user, make_project, townships):  # type: ignore[no-untyped-def]
    """An inspector of another township, with an inspection of their own."""
    west = townships[1]
    project = make_project(township=west, region_path=west.path)
    s = phone(make_user("inspector", townships=[west]))
    inspection_id = new_id()
    s.do(
        "inspection.create", id=inspection_id, project_id=project.id, kind="revisit", started_at=NOW
    )
    return s, inspection_id


def test_anothers_hash_on_ones_own_inspection_stays_pending(setting, stranger) -> None:
    p, inspection_id, _ = setting
    attach(p, inspection_id)
    add_blob(p.user)
    s, own = stranger
    photo_id = new_id()
    assert attach(s, own, photo_id)["status"] == "applied"
    assert db.session.get(Photo, photo_id).status == "pending"


def test_anothers_bytes_are_not_served_for_ones_own_photo(setting, stranger) -> None:
    p, inspection_id, _ = setting
    attach(p, inspection_id)
    add_blob(p.user)
    s, own = stranger
    photo_id = new_id()
    attach(s, own, photo_id)
    response = s.client.get(f"/api/v1/photos/{photo_id}/original")
    assert (response.status_code, response.get_json()["code"]) == (404, "photo_pending")


def test_a_declared_size_unlike_the_stored_bytes_is_refused(setting, stranger) -> None:
    p, _, _ = setting
    add_blob(p.user)
    s, own = stranger
    result = s.do(
        "photo.attach",
        id=new_id(),
        sha256=SHA,
        size=1,
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=own,
    )
    assert result["code"] == "photo_size_mismatch"
    assert "大小" in result["message"]


def test_sending_the_bytes_oneself_makes_the_photo_ready(setting, stranger) -> None:
    p, _, _ = setting
    add_blob(p.user)
    s, own = stranger
    photo_id = new_id()
    attach(s, own, photo_id)
    bytes_arrived(SHA, len(BYTES), s.user.id)
    assert db.session.get(Photo, photo_id).status == "ready"


def test_head_of_a_blob_answers_only_who_sent_it(setting, stranger) -> None:
    p, _, _ = setting
    add_blob(p.user)
    s, _ = stranger
    assert p.client.head(f"/api/v1/blobs/{SHA}").status_code == 200
    assert s.client.head(f"/api/v1/blobs/{SHA}").status_code == 404


def _reused_photo(setting, stranger) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The same bytes on two inspections of two townships: (the first id, the second id)."""
    p, inspection_id, _ = setting
    first = new_id()
    attach(p, inspection_id, first)
    add_blob(p.user)
    s, own = stranger
    second = new_id()
    attach(s, own, second)
    bytes_arrived(SHA, len(BYTES), s.user.id)
    return first, second


def test_reused_in_does_not_name_what_the_reader_may_not_see(setting, stranger) -> None:
    _, second = _reused_photo(setting, stranger)
    s, _ = stranger
    s.sync_all()
    evidence = s.local[("photo", second)]["evidence"]
    assert evidence["reused_in"] == []
    assert evidence["reused_elsewhere"]["count"] == 1
    assert evidence["reused_elsewhere"]["message"] == "另有 1 处使用"


def test_reused_in_names_what_the_reader_may_see(setting, stranger, phone, make_user) -> None:
    first, second = _reused_photo(setting, stranger)
    office = phone(make_user("supervisor"))
    office.sync_all()
    evidence = office.local[("photo", second)]["evidence"]
    assert [entry["photo_id"] for entry in evidence["reused_in"]] == [first]
    assert "reused_elsewhere" not in evidence
