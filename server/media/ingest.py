"""Photo ingest: bytes in, facts and derivatives out (no Flask, no database, no storage).

``inspect_photo`` decides whether the bytes are a photo we take and reads what the evidence
checks need (size, orientation, EXIF time, GPS, camera, a perceptual hash). ``make_derivatives``
makes the upright, EXIF-free JPEGs the browser shows. Both only ever raise ``IngestError``.

Speed: a 12 MP JPEG is never fully decoded. libjpeg scales while it decodes (``Image.draft``),
so the hash is computed from a 1/8-scale greyscale decode and the display copy from the smallest
power-of-two scale that is still at least 1600 px; the thumbnail is made from the display copy.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from datetime import datetime

from PIL import Image

from server.media.exif import NO_EXIF, ExifFacts, read_exif
from server.media.formats import HEIC, JPEG, PNG, WEBP, BadImage, probe
from server.media.pixels import SHRINK, dhash, encode_jpeg, fit, flatten, upright

try:
    import pillow_heif
except ImportError:  # pragma: no cover - pillow-heif is a dependency, but HEIC is optional
    HEIF_SUPPORTED = False
else:
    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True

logger = logging.getLogger(__name__)

MAX_PIXELS = 60_000_000
MIN_SIDE = 64  # smaller is an icon or a broken export, not a photo of a site
DISPLAY_MAX = 1600
DISPLAY_QUALITY = 82
THUMBNAIL_MAX = 320
THUMBNAIL_QUALITY = 75
HASH_DRAFT = (64, 64)  # JPEG decoded at the largest scale-down that keeps this many pixels

_PIL_FORMATS = {JPEG: ("JPEG", "MPO"), PNG: ("PNG",), WEBP: ("WEBP",), HEIC: ("HEIF",)}

# variant → (code, HTTP status, Chinese, English)
_ERRORS: dict[str, tuple[str, int, str, str]] = {
    "empty_file": (
        "empty_file",
        422,
        "照片文件是空的,请重新拍摄上传",
        "The photo file is empty; please take the photo again and upload it",
    ),
    "not_an_image": (
        "not_an_image",
        422,
        "这不是照片文件,请上传手机相机拍摄的照片",
        "This file is not a photo; please upload a photo taken with the phone camera",
    ),
    "truncated_image": (
        "truncated_image",
        422,
        "照片文件已损坏或不完整,请重新拍摄上传",
        "The photo file is damaged or incomplete; please take the photo again and upload it",
    ),
    "decompression_bomb": (
        "decompression_bomb",
        422,
        "照片像素太多(超过 6000 万像素),无法处理",
        "The image has too many pixels (more than 60 megapixels) to be processed",
    ),
    "image_too_small": (
        "image_too_small",
        422,
        "照片尺寸太小(至少 {min_side}×{min_side} 像素),请上传相机拍摄的原图",
        "The image is too small (at least {min_side}×{min_side} pixels); "
        "please upload the camera's original photo",
    ),
    "unsupported_format": (
        "unsupported_format",
        415,
        "暂不支持 {format} 格式,请上传 JPEG 照片",
        "{format} images are not supported; please upload a JPEG photo",
    ),
    "unsupported_heic": (
        "unsupported_format",
        415,
        "暂不支持 HEIC 格式,请在手机相机设置中选择“兼容性最佳”(JPEG)",
        "HEIC photos are not supported; set the phone camera to “Most Compatible” (JPEG)",
    ),
}


class IngestError(Exception):
    """Why a photo was refused: a ``code``, a ``message`` for a clerk, and an HTTP status."""

    code: str
    message: str
    message_en: str
    http_status: int

    def __init__(self, variant: str, **params: object) -> None:
        code, status, message, message_en = _ERRORS[variant]
        self.code = code
        self.message = message.format(**params)
        self.message_en = message_en.format(**params)
        self.http_status = status
        super().__init__(f"{code}: {self.message_en}")


@dataclass(frozen=True)
class PhotoFacts:
    """What the bytes say about themselves; ``content_type`` is sniffed, never trusted.

    ``width``/``height`` are as stored, before ``orientation`` is applied. HEIF stores its
    rotation in the container and the decoder applies it, so for HEIC they are already upright
    and ``orientation`` is 1 (or None without EXIF).
    """

    content_type: str
    width: int
    height: int
    orientation: int | None
    exif_taken_at: datetime | None
    exif_lat: float | None
    exif_lon: float | None
    exif_make: str | None
    exif_model: str | None
    phash: str


@dataclass(frozen=True)
class Derivatives:
    """Upright, EXIF-free JPEGs: ``display`` (≤ 1600 px) and ``thumbnail`` (≤ 320 px)."""

    display: bytes
    thumbnail: bytes
    display_size: tuple[int, int]
    thumbnail_size: tuple[int, int]


def inspect_photo(data: bytes) -> PhotoFacts:
    """Check that ``data`` is a whole photo we take and read its facts.

    Raises IngestError (and nothing else): ``empty_file``, ``not_an_image``,
    ``truncated_image``, ``decompression_bomb``, ``image_too_small``, ``unsupported_format``.
    """
    try:
        return _inspect(bytes(data))
    except IngestError:
        raise
    except BadImage as error:
        raise IngestError(error.code, **error.params) from error
    except MemoryError as error:
        raise IngestError("decompression_bomb") from error
    except Exception as error:  # whatever a decoder throws at hostile bytes
        logger.warning("photo refused after an unexpected %r", error, exc_info=True)
        raise IngestError("not_an_image") from error


def make_derivatives(data: bytes, facts: PhotoFacts) -> Derivatives:
    """The display copy and the thumbnail of a photo ``inspect_photo`` accepted.

    ``facts.orientation`` is applied; the input bytes are not modified. Raises IngestError.
    """
    try:
        return _derive(bytes(data), facts)
    except IngestError:
        raise
    except BadImage as error:
        raise IngestError(error.code, **error.params) from error
    except MemoryError as error:
        raise IngestError("decompression_bomb") from error
    except Exception as error:
        logger.warning("derivatives failed after an unexpected %r", error, exc_info=True)
        raise IngestError("truncated_image") from error


def hamming(a: str, b: str) -> int:
    """The number of differing bits between two ``phash`` values (0 = same picture).

    Raises ValueError when either is not a 16-hex-digit hash.
    """
    if len(a) != 16 or len(b) != 16:
        raise ValueError("a phash has 16 hex digits")
    return (int(a, 16) ^ int(b, 16)).bit_count()


# --- inspect -------------------------------------------------------------------------------


def _inspect(data: bytes) -> PhotoFacts:
    if not data:
        raise IngestError("empty_file")
    found = probe(data)
    if found.content_type == HEIC and not HEIF_SUPPORTED:
        raise IngestError("unsupported_heic")
    if found.width is not None and found.height is not None:
        _check_size(found.width, found.height)
    image = _open(data, found.content_type)
    width, height = image.size
    _check_size(width, height)
    if found.content_type == JPEG:
        image.draft("L", HASH_DRAFT)
    _load(image)
    exif = _exif_of(image)
    orientation = exif.orientation
    if found.content_type == HEIC and orientation is not None:
        orientation = 1  # the decoder has applied the container's rotation already
    return PhotoFacts(
        content_type=found.content_type,
        width=width,
        height=height,
        orientation=orientation,
        exif_taken_at=exif.taken_at,
        exif_lat=exif.lat,
        exif_lon=exif.lon,
        exif_make=exif.make,
        exif_model=exif.model,
        phash=dhash(image, orientation),
    )


def _check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise IngestError("decompression_bomb")
    if min(width, height) < MIN_SIDE:
        raise IngestError("image_too_small", min_side=MIN_SIDE)


def _open(data: bytes, content_type: str) -> Image.Image:
    """Pillow's lazy open, restricted to the decoder the magic bytes asked for."""
    try:
        return Image.open(io.BytesIO(data), formats=_PIL_FORMATS[content_type])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise IngestError("decompression_bomb") from error
    except Exception as error:
        logger.info("Pillow could not open a %s: %r", content_type, error)
        raise IngestError("not_an_image") from error


def _load(image: Image.Image) -> None:
    """Decode; a file that ends early is refused, never half-decoded."""
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise IngestError("decompression_bomb") from error
    except MemoryError as error:
        raise IngestError("decompression_bomb") from error
    except Exception as error:  # "image file is truncated", "broken data stream", zlib errors …
        logger.info("photo failed to decode: %r", error)
        raise IngestError("truncated_image") from error


def _exif_of(image: Image.Image) -> ExifFacts:
    raw = image.info.get("exif")
    return read_exif(raw) if isinstance(raw, bytes) else NO_EXIF


# --- derivatives ---------------------------------------------------------------------------


def _derive(data: bytes, facts: PhotoFacts) -> Derivatives:
    found = probe(data)
    if found.content_type == HEIC and not HEIF_SUPPORTED:
        raise IngestError("unsupported_heic")
    image = _open(data, found.content_type)
    width, height = image.size
    _check_size(width, height)
    icc = image.info.get("icc_profile")
    target = fit(width, height, DISPLAY_MAX)
    if found.content_type == JPEG:
        image.draft("RGB", target)  # the whole target box: (1600, 1600) would not scale 4:3
    _load(image)
    keeps_colours = image.mode in ("RGB", "L")
    display = flatten(image)
    if not keeps_colours:
        icc = None  # a CMYK or palette profile does not describe the converted pixels
    if display.size != target:
        display = display.resize(target, SHRINK)
    orientation = None if found.content_type == HEIC else facts.orientation
    display = upright(display, orientation)
    thumbnail = display
    thumbnail_size = fit(*display.size, THUMBNAIL_MAX)
    if thumbnail_size != display.size:
        thumbnail = display.resize(thumbnail_size, SHRINK, reducing_gap=2.0)
    return Derivatives(
        display=encode_jpeg(display, DISPLAY_QUALITY, icc, progressive=True),
        thumbnail=encode_jpeg(thumbnail, THUMBNAIL_QUALITY, icc, progressive=False),
        display_size=display.size,
        thumbnail_size=thumbnail.size,
    )
