"""Evidence from real photo files (../shared/samples/photos), re-written with Pillow: the EXIF
clock is checked with no phone fix."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from PIL import Image

from server.media.evidence import RecordTimes, compute_evidence
from server.media.ingest import inspect_photo
from tests.media.test_sample_photos import read

EXIF_IFD, DATE_TIME_ORIGINAL = 0x8769, 0x9003


def with_exif_time(data: bytes, taken: str) -> bytes:
    """The photo re-saved with its DateTimeOriginal set to ``taken`` ("YYYY:MM:DD HH:MM:SS"),
    its GPS kept."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    exif.get_ifd(EXIF_IFD)[DATE_TIME_ORIGINAL] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def _codes(evidence: dict) -> set[str]:
    return {flag["code"] for flag in evidence["flags"]}


def test_a_year_old_photo_at_the_site_without_a_fix_is_flagged() -> None:
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)  # 10:00 in China
    facts = inspect_photo(with_exif_time(read("gps/DSCN0010.jpg"), "2025:12:07 10:00:00"))
    assert facts.exif_lat is not None and facts.exif_taken_at == datetime(2025, 12, 7, 10, 0)
    evidence = compute_evidence(
        facts, None, facts.exif_lat, facts.exif_lon, times=RecordTimes(now, now, now)
    )
    assert evidence["distance_to_project_m"] == 0
    assert {"exif_taken_gap", "exif_before_start"} <= _codes(evidence)
    gap = next(flag for flag in evidence["flags"] if flag["code"] == "exif_taken_gap")
    assert gap["message"] == "照片自带的拍摄时间与手机记录的拍摄时间相差 365 天"


def test_a_photo_taken_at_the_visit_without_a_fix_is_not_flagged_for_time() -> None:
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    facts = inspect_photo(with_exif_time(read("gps/DSCN0010.jpg"), "2026:12:07 10:05:00"))
    evidence = compute_evidence(
        facts, None, facts.exif_lat, facts.exif_lon, times=RecordTimes(now, now, now)
    )
    assert not {"exif_taken_gap", "exif_before_start", "exif_after_received"} & _codes(evidence)


def test_a_photo_from_after_the_server_got_it_is_flagged() -> None:
    now = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
    facts = inspect_photo(with_exif_time(read("gps/DSCN0010.jpg"), "2026:12:09 10:00:00"))
    evidence = compute_evidence(facts, None, None, None, times=RecordTimes(received=now))
    assert "exif_after_received" in _codes(evidence)


SOFTWARE, DATE_TIME = 0x0131, 0x0132


def resaved(data: bytes, software: str | None, saved: str | None) -> bytes:
    """The photo as an editor saves it: Software and DateTime (the save time) set."""
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    if software is not None:
        exif[SOFTWARE] = software
    if saved is not None:
        exif[DATE_TIME] = saved
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=90)
    return out.getvalue()


def test_a_photo_re_saved_by_an_editor_is_flagged() -> None:
    facts = inspect_photo(resaved(read("Canon_40D.jpg"), "Adobe Photoshop 25.0 (Windows)", None))
    assert facts.exif_software == "Adobe Photoshop 25.0 (Windows)"
    flags = compute_evidence(facts, None, None, None)["flags"]
    edited = next(flag for flag in flags if flag["code"] == "edited_software")
    assert edited["message"] == "照片经编辑软件保存（Adobe Photoshop 25.0 (Windows)）"


def test_a_photo_from_meitu_is_flagged() -> None:
    facts = inspect_photo(resaved(read("Canon_40D.jpg"), "Meitu 9.4.0", None))
    assert "edited_software" in _codes(compute_evidence(facts, None, None, None))


def test_a_photo_saved_again_a_day_after_it_was_taken_is_flagged() -> None:
    data = with_exif_time(read("gps/DSCN0010.jpg"), "2026:12:07 10:00:00")
    facts = inspect_photo(resaved(data, None, "2026:12:08 10:00:00"))
    assert "edited_later" in _codes(compute_evidence(facts, None, None, None))


def test_a_camera_s_own_software_and_save_time_are_not_flagged() -> None:
    data = with_exif_time(read("gps/DSCN0010.jpg"), "2026:12:07 10:00:00")
    facts = inspect_photo(resaved(data, "HUAWEI ALN-AL00 4.0.0", "2026:12:07 10:00:00"))
    assert not {"edited_software", "edited_later"} & _codes(
        compute_evidence(facts, None, None, None)
    )
