"""The demo's site photos: small JPEGs made in memory, with the camera's EXIF time and GPS.

Deterministic (a seed per photo), so the history is the same on every machine.
"""

from __future__ import annotations

import io
import random
from datetime import datetime

from PIL import ExifTags, Image

WIDTH, HEIGHT = 640, 480


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return float(degrees), float(minutes), seconds


def site_photo(seed: str, taken_at: datetime, lat: float, lon: float) -> bytes:
    """A 640×480 JPEG of coloured blocks and noise (it compresses like a photo), taken at
    ``taken_at`` (local time, as a camera writes it) at ``lat``/``lon``."""
    rng = random.Random(seed)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky = (rng.randrange(120, 200), rng.randrange(160, 220), rng.randrange(200, 255))
    ground = (rng.randrange(80, 160), rng.randrange(80, 140), rng.randrange(40, 100))
    image.paste(sky, (0, 0, WIDTH, HEIGHT // 2))
    image.paste(ground, (0, HEIGHT // 2, WIDTH, HEIGHT))
    for _ in range(24):
        x, y = rng.randrange(0, WIDTH - 40), rng.randrange(HEIGHT // 3, HEIGHT - 40)
        w, h = rng.randrange(30, 160), rng.randrange(20, 120)
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        image.paste(colour, (x, y, min(WIDTH, x + w), min(HEIGHT, y + h)))
    noise = Image.frombytes("RGB", (WIDTH, HEIGHT), rng.randbytes(WIDTH * HEIGHT * 3))
    image = Image.blend(image, noise, 0.08)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "XianchangDemo"
    exif[ExifTags.Base.Model] = "Field 1"
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken_at.strftime(
        "%Y:%m:%d %H:%M:%S"
    )
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(
        {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: _dms(abs(lat)),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: _dms(abs(lon)),
        }
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()
