"""Evidence checks for one photo: where and when it was taken, against the project and the phone.

The phone's Geolocation fix at capture time is the primary location evidence (Android browsers
may strip GPS from picked photos); EXIF GPS and time corroborate it. The result is a JSON-ready
dict with plain-Chinese flags a reviewer reads as they are ("拍摄地点距项目 12.3 公里"; their texts
are core.problems.EVIDENCE_FLAGS).
The duplicate check (same SHA-256 or a similar phash in another inspection) needs the database
and is done by the caller with ``server.media.ingest.hamming``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from core.problems import EDITOR_NAMES_ZH, EVIDENCE_FLAGS, UNITS, Both, say

if TYPE_CHECKING:
    from server.media.ingest import PhotoFacts

EARTH_RADIUS_M = 6_371_008.8  # mean radius (IUGG)
POOR_ACCURACY_M = 100
EDIT_GAP_S = 60
# EXIF Software of programs that edit or re-export photos (lower case, matched as substrings)
_EDITORS_LATIN = (
    "photoshop",
    "lightroom",
    "snapseed",
    "picsart",
    "gimp",
    "meitu",
    "retouch",
    "pixlr",
    "facetune",
    "vsco",
    "canva",
    "affinity",
    "capture one",
    "paint.net",
    "polarr",
    "inshot",
    "b612",
    "faceu",
    "wink",
    "picasa",
    "acdsee",
    "photoscape",
)
EDITORS = _EDITORS_LATIN + EDITOR_NAMES_ZH
# China has kept UTC+8 without daylight saving since 1991: usable without the tz database
_CHINA_ZONES = {"Asia/Shanghai", "Asia/Chongqing", "Asia/Harbin", "Asia/Urumqi", "PRC"}


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two WGS84 points (degrees)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class DeviceFix:
    """The phone's Geolocation fix when the photo was taken; ``at`` is timezone-aware."""

    lat: float
    lon: float
    accuracy_m: float | None = None
    at: datetime | None = None


@dataclass(frozen=True)
class Flag:
    code: str
    message: str
    message_en: str
    severity: str  # "info" | "warning"


def compute_evidence(
    facts: PhotoFacts,
    device: DeviceFix | None,
    project_lat: float | None,
    project_lon: float | None,
    camera_tz: str = "Asia/Shanghai",
    far_m: float = 500,
    gap_s: float = 900,
    poor_accuracy_m: float = POOR_ACCURACY_M,
    times: RecordTimes | None = None,
    edit_gap_s: float = EDIT_GAP_S,
) -> dict[str, Any]:
    """Distances, time gap and flags for one photo, as a JSON-ready dict.

    Keys: ``distance_to_project_m`` (from the device fix, else from EXIF GPS),
    ``location_source`` ("device" | "exif" | None), ``exif_device_distance_m``,
    ``exif_device_time_gap_s`` (the EXIF clock read in ``camera_tz`` against the fix time),
    ``exif_taken_at`` (ISO, naive: the camera's clock), ``exif_lat``, ``exif_lon`` and ``flags``
    (a list of {code, message, message_en, severity}). A flag fires only strictly beyond its
    threshold: more than ``far_m`` metres, more than ``gap_s`` seconds, accuracy worse than
    ±``poor_accuracy_m``. Without a fix time the EXIF clock is held against the phone's
    ``times.taken``; with or without one, against ``times.started`` (taken before the record
    began) and ``times.received`` (taken after the server got it). A device fix or project location with impossible coordinates counts as absent.
    """
    exif_point = _point(facts.exif_lat, facts.exif_lon)
    device_point = _point(device.lat, device.lon) if device is not None else None
    project_point = _point(project_lat, project_lon)
    photo_point, source = device_point, "device"
    if photo_point is None:
        photo_point, source = exif_point, "exif"

    distance = _metres(photo_point, project_point)
    exif_device_distance = _metres(exif_point, device_point)
    gap = None
    exif_at = None
    if facts.exif_taken_at is not None:
        exif_at = facts.exif_taken_at.replace(tzinfo=camera_zone(camera_tz))
    if exif_at is not None and device and device_point and device.at is not None:
        gap = abs((exif_at - _aware(device.at)).total_seconds())

    flags: list[Flag] = []
    if distance is not None and distance > far_m:
        flags.append(_flag("far_from_project", distance=_distance(distance)))
    if exif_device_distance is not None and exif_device_distance > far_m:
        flags.append(_flag("exif_device_far", distance=_distance(exif_device_distance)))
    if gap is not None and gap > gap_s:
        flags.append(_flag("time_gap", duration=_duration(gap)))
    if exif_at is not None:
        flags += _time_flags(exif_at, times or RecordTimes(), gap is None, gap_s)
    flags += _edit_flags(facts, edit_gap_s)
    if photo_point is None:
        flags.append(_flag("no_location"))
    accuracy = device.accuracy_m if device is not None and device_point else None
    if accuracy is not None and math.isfinite(accuracy) and accuracy > poor_accuracy_m:
        flags.append(_flag("poor_accuracy", "info", distance=_distance(accuracy)))
    if facts.exif_taken_at is None:
        flags.append(_flag("no_exif_time", "info"))
    if project_point is None and photo_point is not None:
        flags.append(_flag("no_project_location", "info"))

    return {
        "distance_to_project_m": _round(distance),
        "location_source": source if distance is not None else None,
        "exif_device_distance_m": _round(exif_device_distance),
        "exif_device_time_gap_s": _round(gap),
        "exif_taken_at": facts.exif_taken_at.isoformat() if facts.exif_taken_at else None,
        "exif_lat": facts.exif_lat,
        "exif_lon": facts.exif_lon,
        "flags": [asdict(flag) for flag in flags],
    }


@dataclass(frozen=True)
class RecordTimes:
    """What the EXIF clock is checked against: the phone's ``taken_at`` for the photo, the start
    of the record it belongs to (an inspection's ``started_at``) and the server's ``received_at``."""

    taken: datetime | None = None
    started: datetime | None = None
    received: datetime | None = None


def _time_flags(exif_at: datetime, times: RecordTimes, no_fix: bool, gap_s: float) -> list[Flag]:
    """EXIF time against the record's times, each strictly beyond ``gap_s``."""
    flags: list[Flag] = []
    if no_fix and times.taken is not None:
        apart = abs((exif_at - _aware(times.taken)).total_seconds())
        if apart > gap_s:
            flags.append(_flag("exif_taken_gap", duration=_duration(apart)))
    if times.started is not None:
        early = (_aware(times.started) - exif_at).total_seconds()
        if early > gap_s:
            flags.append(_flag("exif_before_start", duration=_duration(early)))
    if times.received is not None:
        late = (exif_at - _aware(times.received)).total_seconds()
        if late > gap_s:
            flags.append(_flag("exif_after_received", duration=_duration(late)))
    return flags


def _edit_flags(facts: PhotoFacts, edit_gap_s: float) -> list[Flag]:
    """Saved by an editor (EXIF Software), or saved again well after it was taken."""
    flags: list[Flag] = []
    software = (facts.exif_software or "").strip()
    if software and any(name in software.lower() for name in EDITORS):
        flags.append(_flag("edited_software", software=software))
    if facts.exif_taken_at is not None and facts.exif_modified_at is not None:
        later = (facts.exif_modified_at - facts.exif_taken_at).total_seconds()
        if later > edit_gap_s:
            flags.append(_flag("edited_later", duration=_duration(later)))
    return flags


def _aware(moment: datetime) -> datetime:
    """A stored time (naive is UTC) as an aware one."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def camera_zone(name: str) -> tzinfo:
    """The zone a camera's clock is assumed to be set to (China's without a tz database too)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in _CHINA_ZONES:
            return timezone(timedelta(hours=8), "CST")
        raise


def _point(lat: float | None, lon: float | None) -> tuple[float, float] | None:
    if lat is None or lon is None:
        return None
    lat, lon = float(lat), float(lon)
    if not (math.isfinite(lat) and math.isfinite(lon)) or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _metres(a: tuple[float, float] | None, b: tuple[float, float] | None) -> float | None:
    return haversine_m(*a, *b) if a and b else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _whole(value: float) -> int:
    """Rounded half up (500.5 m is shown as 501 m, not as the 500 m threshold it exceeds)."""
    return math.floor(value + 0.5)


def _flag(code: str, severity: str = "warning", **params: Any) -> Flag:
    """The flag ``code`` with its text (core.problems.EVIDENCE_FLAGS)."""
    text = say(EVIDENCE_FLAGS, code, **params)
    return Flag(code, text.zh, text.en, severity)


def _distance(metres: float) -> Both:
    """850 米 under a kilometre, 12.3 公里 from there on."""
    if _whole(metres) < 1000:
        return say(UNITS, "m", n=_whole(metres))
    return say(UNITS, "km", n=f"{metres / 1000:.1f}")


def _trim(value: float) -> str:
    """One decimal, without a trailing ".0": 3 → "3", 3.46 → "3.5"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _duration(seconds: float) -> Both:
    """Minutes under an hour, hours under two days, days under two years, then years."""
    if seconds < 3600:
        return say(UNITS, "min", n=max(1, round(seconds / 60)))
    if seconds < 2 * 86400:
        return say(UNITS, "h", n=_trim(seconds / 3600))
    days = seconds / 86400
    if days < 730:
        return say(UNITS, "days", n=round(days))
    return say(UNITS, "years", n=_trim(days / 365.25))
