"""compute_evidence and haversine_m: distances, time gap and the flags reviewers read."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from server.media import evidence
from server.media.evidence import (
    EARTH_RADIUS_M,
    DeviceFix,
    camera_zone,
    compute_evidence,
    haversine_m,
)
from server.media.ingest import PhotoFacts

PROJECT = (30.2741, 120.1551)  # a village square near Hangzhou
TAKEN = datetime(2024, 5, 1, 10, 30, 0)  # the camera's clock: Beijing time, no zone
FIX_AT = datetime(2024, 5, 1, 2, 30, 0, tzinfo=UTC)  # the same moment, as the phone reports it

FACTS = PhotoFacts(
    content_type="image/jpeg",
    width=4000,
    height=3000,
    orientation=1,
    exif_taken_at=TAKEN,
    exif_lat=PROJECT[0],
    exif_lon=PROJECT[1],
    exif_make="HUAWEI",
    exif_model="NOVA 9",
    phash="0f4f4f0f0f0f0f0f",
)


def north_of(point: tuple[float, float], metres: float) -> tuple[float, float]:
    """The point ``metres`` due north (along a meridian the haversine distance is exact)."""
    return point[0] + math.degrees(metres / EARTH_RADIUS_M), point[1]


def fix(point: tuple[float, float] = PROJECT, **fields: Any) -> DeviceFix:
    values: dict[str, Any] = {"accuracy_m": 10.0, "at": FIX_AT, **fields}
    return DeviceFix(point[0], point[1], **values)


def facts(**fields: Any) -> PhotoFacts:
    return replace(FACTS, **fields)


def flags(result: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {flag["code"]: flag for flag in result["flags"]}


def run(
    photo: PhotoFacts = FACTS,
    device: DeviceFix | None = None,
    project: tuple[float | None, float | None] = PROJECT,
    **options: Any,
) -> dict[str, Any]:
    return compute_evidence(photo, device, project[0], project[1], **options)


# --- haversine -----------------------------------------------------------------------------


def test_beijing_to_shanghai_is_about_1067_km() -> None:
    beijing, shanghai = (39.9042, 116.4074), (31.2304, 121.4737)
    assert haversine_m(*beijing, *shanghai) == pytest.approx(1_067_000, rel=0.01)


def test_haversine_of_a_point_to_itself_is_zero() -> None:
    assert haversine_m(*PROJECT, *PROJECT) == 0


def test_haversine_is_symmetric() -> None:
    other = (22.5431, 114.0579)
    assert haversine_m(*PROJECT, *other) == pytest.approx(haversine_m(*other, *PROJECT))


def test_haversine_of_antipodes_is_half_the_circumference() -> None:
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_M)


def test_one_kilometre_north_is_one_kilometre() -> None:
    assert haversine_m(*PROJECT, *north_of(PROJECT, 1000)) == pytest.approx(1000, abs=1e-6)


# --- the figures ---------------------------------------------------------------------------


def test_result_is_json_ready() -> None:
    result = run(device=fix(north_of(PROJECT, 850)))
    assert json.loads(json.dumps(result)) == result
    assert result["exif_taken_at"] == "2024-05-01T10:30:00"
    assert (result["exif_lat"], result["exif_lon"]) == PROJECT


def test_the_device_fix_is_preferred_for_the_distance() -> None:
    result = run(device=fix(north_of(PROJECT, 850)))
    assert result["distance_to_project_m"] == pytest.approx(850, abs=0.1)
    assert result["location_source"] == "device"


def test_exif_gps_is_used_without_a_device_fix() -> None:
    photo_at = north_of(PROJECT, 300)
    result = run(facts(exif_lat=photo_at[0], exif_lon=photo_at[1]))
    assert result["distance_to_project_m"] == pytest.approx(300, abs=0.1)
    assert result["location_source"] == "exif"
    assert result["exif_device_distance_m"] is None
    assert result["exif_device_time_gap_s"] is None


def test_exif_and_device_are_compared() -> None:
    result = run(device=fix(north_of(PROJECT, 120)))
    assert result["exif_device_distance_m"] == pytest.approx(120, abs=0.1)
    assert result["exif_device_time_gap_s"] == 0


def test_no_project_location_means_no_distance() -> None:
    result = run(device=fix(), project=(None, None))
    assert result["distance_to_project_m"] is None
    assert result["location_source"] is None
    assert (
        flags(result)["no_project_location"]["message"]
        == "项目没有登记位置（经纬度），无法核对距离"
    )


def test_impossible_device_coordinates_count_as_no_fix() -> None:
    result = run(device=DeviceFix(123.0, 500.0, 5.0, FIX_AT))
    assert result["location_source"] == "exif"
    assert result["exif_device_distance_m"] is None


def test_a_clean_photo_has_no_flags() -> None:
    assert run(device=fix())["flags"] == []


# --- far_from_project ----------------------------------------------------------------------


def test_far_from_project_in_kilometres() -> None:
    flag = flags(run(device=fix(north_of(PROJECT, 12_300))))["far_from_project"]
    assert flag == {
        "code": "far_from_project",
        "message": "拍摄地点距项目 12.3 公里",
        "message_en": "Taken 12.3 km from the project",
        "severity": "warning",
    }


def test_far_from_project_in_metres_under_a_kilometre() -> None:
    flag = flags(run(device=fix(north_of(PROJECT, 850))))["far_from_project"]
    assert flag["message"] == "拍摄地点距项目 850 米"
    assert flag["message_en"] == "Taken 850 m from the project"


def test_far_from_project_switches_to_kilometres_when_metres_round_to_1000() -> None:
    flag = flags(run(device=fix(north_of(PROJECT, 999.6))))["far_from_project"]
    assert flag["message"] == "拍摄地点距项目 1.0 公里"


def test_far_from_project_fires_just_beyond_the_threshold() -> None:
    assert "far_from_project" in flags(run(device=fix(north_of(PROJECT, 500.5))))


def test_far_from_project_does_not_fire_at_the_threshold() -> None:
    point = north_of(PROJECT, 500)
    exactly = haversine_m(*point, *PROJECT)
    assert "far_from_project" not in flags(run(device=fix(point), far_m=exactly))


def test_far_from_project_does_not_fire_within_it() -> None:
    assert "far_from_project" not in flags(run(device=fix(north_of(PROJECT, 499.5))))


def test_far_from_project_uses_exif_gps_without_a_device_fix() -> None:
    photo_at = north_of(PROJECT, 2_000)
    result = run(facts(exif_lat=photo_at[0], exif_lon=photo_at[1]))
    assert flags(result)["far_from_project"]["message"] == "拍摄地点距项目 2.0 公里"


def test_the_far_threshold_is_configurable() -> None:
    device = fix(north_of(PROJECT, 850))
    assert "far_from_project" not in flags(run(device=device, far_m=1000))


# --- exif_device_far -----------------------------------------------------------------------


def test_exif_far_from_the_device_fix() -> None:
    flag = flags(run(device=fix(north_of(PROJECT, 2_100)), project=(None, None)))["exif_device_far"]
    assert flag["message"] == "照片 EXIF 位置与手机定位相差 2.1 公里"
    assert flag["severity"] == "warning"


def test_exif_device_far_does_not_fire_at_the_threshold() -> None:
    point = north_of(PROJECT, 500)
    exactly = haversine_m(*point, *PROJECT)
    assert "exif_device_far" not in flags(run(device=fix(point), far_m=exactly))


def test_exif_device_far_fires_just_beyond_the_threshold() -> None:
    result = run(device=fix(north_of(PROJECT, 500.6)), project=(None, None))
    assert flags(result)["exif_device_far"]["message"] == "照片 EXIF 位置与手机定位相差 501 米"


# --- time_gap ------------------------------------------------------------------------------


def test_the_camera_clock_is_read_in_beijing_time_by_default() -> None:
    result = run(device=fix())
    assert result["exif_device_time_gap_s"] == 0
    assert "time_gap" not in flags(result)


def test_the_camera_time_zone_is_configurable() -> None:
    result = run(device=fix(), camera_tz="UTC")  # 10:30 read as UTC is 8 hours after the fix
    assert result["exif_device_time_gap_s"] == 8 * 3600
    assert flags(result)["time_gap"]["message"] == "照片拍摄时间与定位时间相差 8 小时"


def test_time_gap_in_hours() -> None:
    result = run(device=fix(at=FIX_AT + timedelta(hours=3)))
    assert flags(result)["time_gap"] == {
        "code": "time_gap",
        "message": "照片拍摄时间与定位时间相差 3 小时",
        "message_en": "The photo was taken 3 h apart from the phone's fix",
        "severity": "warning",
    }


def test_time_gap_fires_one_second_beyond_the_threshold() -> None:
    result = run(device=fix(at=FIX_AT - timedelta(seconds=901)))
    assert flags(result)["time_gap"]["message"] == "照片拍摄时间与定位时间相差 15 分钟"


def test_time_gap_does_not_fire_at_the_threshold() -> None:
    assert "time_gap" not in flags(run(device=fix(at=FIX_AT + timedelta(seconds=900))))


@pytest.mark.parametrize(
    ("gap", "words"),
    [
        (timedelta(hours=5, minutes=30), "5.5 小时"),
        (timedelta(days=3, hours=2), "3 天"),
        (timedelta(days=365 * 5), "5 年"),
    ],
)
def test_long_time_gaps_read_naturally(gap: timedelta, words: str) -> None:
    result = run(device=fix(at=FIX_AT + gap))
    assert flags(result)["time_gap"]["message"] == f"照片拍摄时间与定位时间相差 {words}"


def test_a_naive_fix_time_is_taken_as_utc() -> None:
    result = run(device=fix(at=FIX_AT.replace(tzinfo=None)))
    assert result["exif_device_time_gap_s"] == 0


def test_no_gap_without_a_fix_time() -> None:
    assert run(device=fix(at=None))["exif_device_time_gap_s"] is None


# --- no_exif_time, no_location, poor_accuracy ----------------------------------------------


def test_no_exif_time() -> None:
    result = run(facts(exif_taken_at=None), device=fix())
    assert flags(result)["no_exif_time"] == {
        "code": "no_exif_time",
        "message": "照片没有拍摄时间（EXIF），无法核对",
        "message_en": "The photo has no EXIF time to check",
        "severity": "info",
    }
    assert result["exif_taken_at"] is None
    assert result["exif_device_time_gap_s"] is None


def test_no_location_at_all() -> None:
    result = run(facts(exif_lat=None, exif_lon=None))
    assert flags(result)["no_location"]["message"] == "没有手机定位，也没有照片 GPS"
    assert result["distance_to_project_m"] is None


def test_device_fix_alone_is_a_location() -> None:
    result = run(facts(exif_lat=None, exif_lon=None), device=fix())
    assert "no_location" not in flags(result)


def test_poor_accuracy() -> None:
    flag = flags(run(device=fix(accuracy_m=350)))["poor_accuracy"]
    assert flag["message"] == "手机定位精度差（±350 米）"
    assert flag["severity"] == "info"


def test_poor_accuracy_does_not_fire_at_100_metres() -> None:
    assert "poor_accuracy" not in flags(run(device=fix(accuracy_m=100)))


def test_poor_accuracy_fires_just_beyond_100_metres() -> None:
    assert "poor_accuracy" in flags(run(device=fix(accuracy_m=100.5)))


def test_unknown_accuracy_is_not_poor() -> None:
    assert "poor_accuracy" not in flags(run(device=fix(accuracy_m=None)))


# --- the camera's time zone ----------------------------------------------------------------


def test_beijing_time_works_without_a_tz_database(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str) -> None:
        raise evidence.ZoneInfoNotFoundError(name)

    monkeypatch.setattr(evidence, "ZoneInfo", missing)
    assert camera_zone("Asia/Shanghai").utcoffset(None) == timedelta(hours=8)


def test_an_unknown_time_zone_is_an_error() -> None:
    with pytest.raises(evidence.ZoneInfoNotFoundError):
        camera_zone("Mars/Olympus_Mons")
