"""EXIF facts (orientation, time, GPS, camera) from a raw EXIF block, safely.

The block is the TIFF structure Pillow found in the file (JPEG APP1, PNG eXIf, WebP EXIF, HEIF
Exif item), so exifread only ever sees a bounded buffer, whatever the container. Real files carry
every kind of nonsense here (zero-length strings, 0/0 rationals, "0000:00:00 00:00:00", IFD
loops); each field is read on its own and a broken one becomes None, never an exception.
"""

from __future__ import annotations

import io
import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import exifread
from PIL import Image

logger = logging.getLogger(__name__)

TEXT_MAX = 64  # blobs.exif_make / exif_model are String(64)
_TIFF_HEADERS = (b"II*\x00", b"MM\x00*")
_DATETIME = re.compile(
    r"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?"
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TIME_TAGS = ("EXIF DateTimeOriginal", "EXIF DateTimeDigitized", "Image DateTime")


@dataclass(frozen=True)
class ExifFacts:
    orientation: int | None = None
    taken_at: datetime | None = None
    lat: float | None = None
    lon: float | None = None
    make: str | None = None
    model: str | None = None
    software: str | None = None
    modified_at: datetime | None = None  # TIFF DateTime: editors set it when they save


NO_EXIF = ExifFacts()


def tiff_block(raw: bytes | None) -> bytes | None:
    """The TIFF structure inside ``raw`` (with or without the JPEG ``Exif\\0\\0`` prefix)."""
    if not raw:
        return None
    if raw.startswith(b"Exif\x00\x00"):
        raw = raw[6:]
    return raw if raw[:4] in _TIFF_HEADERS else None


def read_exif(raw: bytes | None) -> ExifFacts:
    """Read the facts the evidence checks need; never raises."""
    tiff = tiff_block(raw)
    if tiff is None:
        return NO_EXIF
    try:
        tags = exifread.process_file(io.BytesIO(tiff), details=False, extract_thumbnail=False)
    except Exception as error:  # exifread raises whatever broken data makes it raise
        logger.info("exifread gave up on an EXIF block: %r", error)
        tags = {}
    lat, lon = _guarded(_gps, tags)
    orientation = _guarded(_orientation, tags)
    if orientation is None:
        orientation = _pillow_orientation(tiff)
    return ExifFacts(
        orientation=orientation,
        taken_at=_guarded(_taken_at, tags),
        lat=lat,
        lon=lon,
        make=_guarded(_text, tags.get("Image Make")),
        model=_guarded(_text, tags.get("Image Model")),
        software=_guarded(_text, tags.get("Image Software")),
        modified_at=_guarded(_modified_at, tags),
    )


def _guarded(read: Any, arg: Any) -> Any:
    try:
        return read(arg)
    except Exception as error:  # one broken field must not cost the others
        logger.info("unreadable EXIF field (%s): %r", read.__name__, error)
        return (None, None) if read is _gps else None


def parse_exif_datetime(value: Any) -> datetime | None:
    """``"2008:10:22 16:28:39"`` (and the usual variants) → a naive datetime; garbage → None."""
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    match = _DATETIME.match(value)
    if not match:
        return None
    year, month, day, hour, minute, second = (int(part or 0) for part in match.groups())
    if not 1900 <= year <= 2100:
        return None
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:  # 0000:00:00, month 13, 25 o'clock …
        return None


def _taken_at(tags: dict[str, Any]) -> datetime | None:
    for name in _TIME_TAGS:
        tag = tags.get(name)
        if tag is not None:
            parsed = parse_exif_datetime(tag.values)
            if parsed is not None:
                return parsed
    return None


def _modified_at(tags: dict[str, Any]) -> datetime | None:
    tag = tags.get("Image DateTime")
    return None if tag is None else parse_exif_datetime(tag.values)


def _orientation(tags: dict[str, Any]) -> int | None:
    tag = tags.get("Image Orientation")
    if tag is None or not isinstance(tag.values, list) or not tag.values:
        return None
    value = tag.values[0]
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _pillow_orientation(tiff: bytes) -> int | None:
    """Second opinion when exifread could not read the orientation: it decides how we rotate."""
    try:
        exif = Image.Exif()
        exif.load(tiff)
        value = exif.get(0x0112)
    except Exception:
        return None
    return value if isinstance(value, int) and 1 <= value <= 8 else None


def _text(tag: Any) -> str | None:
    if tag is None:
        return None
    value = tag.values
    if isinstance(value, list) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    if not isinstance(value, str):
        return None
    value = _CONTROL.sub("", value).strip()
    return value[:TEXT_MAX].strip() or None


def _gps(tags: dict[str, Any]) -> tuple[float | None, float | None]:
    lat = _degrees(tags.get("GPS GPSLatitude"), tags.get("GPS GPSLatitudeRef"), "S")
    lon = _degrees(tags.get("GPS GPSLongitude"), tags.get("GPS GPSLongitudeRef"), "W")
    if lat is None or lon is None:
        return None, None
    if abs(lat) > 90 or abs(lon) > 180 or (lat == 0 and lon == 0):
        return None, None
    return lat, lon


def _degrees(tag: Any, ref: Any, negative_ref: str) -> float | None:
    """Degrees, minutes, seconds as rationals → signed decimal degrees, or None."""
    if tag is None or not isinstance(tag.values, list) or not tag.values:
        return None
    parts: list[float] = []
    for value in tag.values[:3]:
        numerator = getattr(value, "numerator", None)
        denominator = getattr(value, "denominator", None)
        if not isinstance(numerator, int) or not isinstance(denominator, int) or denominator == 0:
            return None  # a 0/0 rational is how many phones write "no fix"
        parts.append(numerator / denominator)
    if any(not math.isfinite(part) for part in parts):
        return None
    if any(not 0 <= part <= 60 for part in parts[1:]):
        return None
    degrees = abs(parts[0]) + sum(part / 60**i for i, part in enumerate(parts[1:], start=1))
    if parts[0] < 0:
        degrees = -degrees
    hemisphere = _text(ref) if ref is not None else None
    if hemisphere and hemisphere[:1].upper() == negative_ref:
        degrees = -abs(degrees)
    return degrees
