"""Photo ingest: bytes in, facts and derivatives out (no Flask, no database, no storage).

``inspect_photo`` decides whether the bytes are a photo we take and reads what the evidence
checks need (size, orientation, EXIF time, GPS, camera, a perceptual hash). ``make_derivatives``
makes the upright, EXIF-free JPEGs the browser shows. Both only ever raise ``IngestError``.

Speed: a 12 MP JPEG is decoded once, and never at full size. libjpeg scales while it decodes
(``Image.draft``) to the smallest power-of-two scale that still covers the display size; that is
shrunk to the display size, the thumbnail is made from the display copy and the hash from the
thumbnail. ``inspect_photo`` does all that and keeps the two pictures for the
``make_derivatives`` call that services.py makes next with the same bytes and facts (see
``_keep``), which then only turns them upright and encodes them; called on its own,
``make_derivatives`` decodes again and gives the same result.
"""

from __future__ import annotations

import io
import logging
import threading
import weakref
from dataclasses import dataclass
from datetime import datetime

from PIL import Image

from core.problems import code_of, problem, render
from server.media.exif import NO_EXIF, ExifFacts, read_exif
from server.media.formats import HEIC, JPEG, PNG, WEBP, BadImage, Probe, decoded_bytes, probe
from server.media.pixels import SHRINK, dhash, encode_jpeg, fit, flatten, shrink, upright

try:
    import pillow_heif
except ImportError:  # pragma: no cover - pillow-heif is a dependency, but HEIC is optional
    HEIF_SUPPORTED = False
else:
    pillow_heif.register_heif_opener()
    HEIF_SUPPORTED = True

logger = logging.getLogger(__name__)

MAX_PIXELS = 60_000_000
# what the whole decoded picture may take (width × height × channels × bytes per sample): 60 MP
# of 8-bit RGB, so a 16-bit or RGBA picture of as many pixels is refused before it is decoded
MAX_DECODED_BYTES = 180_000_000
MIN_SIDE = 64  # smaller is an icon or a broken export, not a photo of a site
DISPLAY_MAX = 1600
DISPLAY_QUALITY = 82
THUMBNAIL_MAX = 320
THUMBNAIL_QUALITY = 75
# Inspected photos whose pixels are kept for make_derivatives: one per ingest in flight is
# enough (a miss only costs a second decode); each is at most 1600×1600×4 bytes (+ thumbnail).
KEPT_MAX = 8

_PIL_FORMATS = {JPEG: ("JPEG", "MPO"), PNG: ("PNG",), WEBP: ("WEBP",), HEIC: ("HEIF",)}


class IngestError(Exception):
    """Why a photo was refused: a key of core.problems ("photos") and its params, giving a
    ``code``, a ``message`` for a clerk, its English and an HTTP status."""

    code: str
    message: str
    message_en: str
    http_status: int

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        self.code = code_of(key)
        self.message, self.message_en = render(key, params)
        self.http_status = problem(key).status
        super().__init__(f"{self.code}: {self.message_en}")


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
    exif_software: str | None = None
    exif_modified_at: datetime | None = None


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
        raise IngestError("unsupported_format.heic")
    if found.width is not None and found.height is not None:
        _check_size(found.width, found.height, found)
    image = _open(data, found.content_type)
    width, height = image.size
    _check_size(width, height, found, image)
    target = _decode(image, found.content_type)
    exif = _exif_of(image)  # after decoding: a PNG may keep its eXIf chunk after the pixels
    pixels = _pixels(image, target)
    orientation = exif.orientation
    if found.content_type == HEIC and orientation is not None:
        orientation = 1  # the decoder has applied the container's rotation already
    facts = PhotoFacts(
        content_type=found.content_type,
        width=width,
        height=height,
        orientation=orientation,
        exif_taken_at=exif.taken_at,
        exif_lat=exif.lat,
        exif_lon=exif.lon,
        exif_make=exif.make,
        exif_model=exif.model,
        exif_software=exif.software,
        exif_modified_at=exif.modified_at,
        phash=dhash(pixels.thumbnail, orientation),  # 9×8 averages: the thumbnail is plenty
    )
    _keep(facts, data, pixels)
    return facts


def _check_size(width: int, height: int, found: Probe, image: Image.Image | None = None) -> None:
    """Refuse before decoding: too many pixels, or too many decoded bytes (the header's channels
    and sample size; for HEIC, whose header ``probe`` does not read, Pillow's mode)."""
    if width * height > MAX_PIXELS:
        raise IngestError("decompression_bomb")
    channels, sample_bytes = found.channels, found.sample_bytes
    if channels is None and image is not None:
        channels = len(image.getbands())
        sample_bytes = 2 if "16" in image.mode else 1
    if decoded_bytes(width, height, channels, sample_bytes) > MAX_DECODED_BYTES:
        raise IngestError("decompression_bomb.decoded", mb=MAX_DECODED_BYTES // 1_000_000)
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
    pixels = _take(facts, data)
    if pixels is not None:
        content_type = facts.content_type
    else:  # not (or no longer) kept: decode again, exactly as _inspect does
        found = probe(data)
        if found.content_type == HEIC and not HEIF_SUPPORTED:
            raise IngestError("unsupported_format.heic")
        content_type = found.content_type
        image = _open(data, content_type)
        _check_size(*image.size, found, image)
        pixels = _pixels(image, _decode(image, content_type))
    orientation = None if content_type == HEIC else facts.orientation
    display = upright(pixels.display, orientation)
    thumbnail = upright(pixels.thumbnail, orientation)
    return Derivatives(
        display=encode_jpeg(display, DISPLAY_QUALITY, pixels.icc),
        thumbnail=encode_jpeg(thumbnail, THUMBNAIL_QUALITY, pixels.icc),
        display_size=display.size,
        thumbnail_size=thumbnail.size,
    )


@dataclass(frozen=True)
class _Pixels:
    """What the derivatives are made of, in the stored frame (``upright`` comes last)."""

    display: Image.Image
    thumbnail: Image.Image
    icc: bytes | None


def _decode(image: Image.Image, content_type: str) -> tuple[int, int]:
    """Decode, a JPEG at the smallest power-of-two scale that still covers the display size.

    Returns the display size, from the size as stored: libjpeg rounds scaled sizes up.
    """
    target = fit(*image.size, DISPLAY_MAX)
    if content_type == JPEG:
        image.draft("RGB", target)  # the whole target box: (1600, 1600) would not scale 4:3
    _load(image)
    return target


def _display(image: Image.Image, target: tuple[int, int]) -> Image.Image:
    """The decoded picture, flattened to RGB or L and shrunk to ``target``."""
    display = flatten(image)
    # after a scaled JPEG decode this is less than 2× too big (see SHRINK); other formats come
    # at full size, where reducing first would save ~10 ms of the ~40 ms a 12 MP HEIC takes to
    # shrink, next to its ~380 ms decode: not worth the slightly softer picture
    return display if display.size == target else display.resize(target, SHRINK)


def _pixels(image: Image.Image, target: tuple[int, int]) -> _Pixels:
    # a CMYK or palette profile does not describe the converted pixels
    icc = image.info.get("icc_profile") if image.mode in ("RGB", "L") else None
    display = _display(image, target)
    thumbnail = shrink(display, fit(*display.size, THUMBNAIL_MAX))
    return _Pixels(display, thumbnail, icc)


# --- the pixels inspect_photo decoded, kept for make_derivatives ---------------------------


@dataclass(frozen=True)
class _Kept:
    facts: weakref.ref[PhotoFacts]
    data: bytes
    pixels: _Pixels


_kept: dict[int, _Kept] = {}
_kept_lock = threading.Lock()


def _keep(facts: PhotoFacts, data: bytes, pixels: _Pixels) -> None:
    """Keep ``pixels`` for a ``make_derivatives(data, facts)`` with this very facts object.

    Keyed by identity, not equality: two photos can have equal facts. An entry goes when it is
    taken, when ``facts`` is garbage (the weakref callback: a plain dict pop, safe without the
    lock) or when more than KEPT_MAX are waiting (oldest first).
    """
    key = id(facts)
    ref = weakref.ref(facts, lambda _: _kept.pop(key, None))
    with _kept_lock:
        _kept[key] = _Kept(ref, data, pixels)
        for old in list(_kept)[: max(0, len(_kept) - KEPT_MAX)]:
            _kept.pop(old, None)


def _take(facts: PhotoFacts, data: bytes) -> _Pixels | None:
    """The kept pixels of exactly these ``facts`` and these bytes, or None."""
    with _kept_lock:
        kept = _kept.pop(id(facts), None)
    if kept is None or kept.facts() is not facts:
        return None
    if kept.data is not data and kept.data != data:
        return None  # facts of other bytes: derive from the bytes we were given
    return kept.pixels
