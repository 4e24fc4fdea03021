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
