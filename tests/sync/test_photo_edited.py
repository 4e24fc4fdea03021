"""A photo without camera EXIF from someone whose phone writes it: likely edited or exported."""

from __future__ import annotations

import hashlib

from server.db import db
from server.media.models import Blob, Photo
from server.media.photos import blob_arrived
from tests.sync.conftest import new_id
from tests.sync.test_photos import BYTES, add_blob, attach, setting  # noqa: F401  (the fixture)


def _codes(photo_id: str) -> set[str]:
    return {flag["code"] for flag in db.session.get(Photo, photo_id).evidence["flags"]}


def _second_photo(p, inspection_id: str) -> str:  # type: ignore[no-untyped-def]
    sha = hashlib.sha256(b"exported").hexdigest()
    db.session.add(Blob(sha256=sha, size=len(BYTES), content_type="image/jpeg"))
    db.session.flush()
    photo_id = new_id()
    attach(p, inspection_id, photo_id, sha=sha)
    blob_arrived(db.session, db.session.get(Blob, sha), p.user.id)
    db.session.commit()
    return photo_id


def test_missing_camera_exif_is_flagged_when_the_phone_writes_it(setting) -> None:  # noqa: F811
    p, inspection_id, _ = setting
    first = new_id()
    attach(p, inspection_id, first)
    add_blob(p.user, exif_make="HUAWEI", exif_model="ALN-AL00")
    assert "no_camera_exif" not in _codes(first)
    second = _second_photo(p, inspection_id)
    flag = next(
        f for f in db.session.get(Photo, second).evidence["flags"] if f["code"] == "no_camera_exif"
    )
    assert flag["message"].startswith("照片没有相机信息")


def test_no_camera_exif_from_a_phone_that_never_writes_it_is_not_flagged(setting) -> None:  # noqa: F811
    p, inspection_id, _ = setting
    first = new_id()
    attach(p, inspection_id, first)
    add_blob(p.user)
    assert "no_camera_exif" not in _codes(_second_photo(p, inspection_id))
