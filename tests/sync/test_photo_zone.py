"""The camera's clock and the duplicate message's date are read in the office's TIMEZONE."""

from __future__ import annotations

from datetime import UTC, datetime

from server.db import db
from server.media.models import Photo
from tests.sync.conftest import NOW, new_id
from tests.sync.test_photos import add_blob, attach, setting  # noqa: F401  (the fixture)


def _codes(photo_id: str) -> set[str]:
    return {flag["code"] for flag in db.session.get(Photo, photo_id).evidence["flags"]}


def test_camera_clock_is_read_in_the_configured_zone(app, setting) -> None:  # noqa: F811
    # the phone's fix is 09:30 +08:00 (01:30 UTC); the camera says 01:29 on its own clock
    app.config["TIMEZONE"] = "UTC"
    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    add_blob(p.user, exif_taken_at=datetime(2023, 7, 31, 1, 29))
    assert "time_gap" not in _codes(photo_id)


def test_same_camera_clock_in_china_time_is_eight_hours_off(app, setting) -> None:  # noqa: F811
    p, inspection_id, _ = setting
    photo_id = new_id()
    attach(p, inspection_id, photo_id)
    add_blob(p.user, exif_taken_at=datetime(2023, 7, 31, 1, 29))
    assert "time_gap" in _codes(photo_id)


def test_duplicate_message_gives_the_local_date(setting) -> None:  # noqa: F811
    p, inspection_id, _ = setting
    add_blob(p.user)
    first = new_id()
    attach(p, inspection_id, first)
    # stored in UTC: 20:00 on 31 July is 04:00 on 1 August in Shanghai
    db.session.get(Photo, first).created_at = datetime(2023, 7, 31, 20, 0, tzinfo=UTC)
    db.session.commit()
    other = new_id()
    p.do(
        "inspection.create",
        id=other,
        project_id=_project(inspection_id),
        kind="revisit",
        started_at=NOW,
    )
    second = new_id()
    attach(p, other, second)
    flags = db.session.get(Photo, second).evidence["flags"]
    duplicate = next(flag for flag in flags if flag["code"] == "duplicate_photo")
    assert duplicate["message"] == "照片与 2023-08-01 的记录重复"


def _project(inspection_id: str) -> int:
    from server.inspections.models import Inspection

    return db.session.get(Inspection, inspection_id).project_id
