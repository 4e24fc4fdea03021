"""What kind of image some bytes are, and how big they claim to be, read from the headers alone.

Nothing here decodes pixels: these checks run before Pillow is allowed near the bytes, so that a
header claiming 100000×100000 pixels is refused without allocating anything, and so that a JPEG
whose entropy-coded data is cut short or overwritten (a lost flash-memory sector) is refused even
though libjpeg would happily "recover" it into a half-grey picture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
HEIC = "image/heic"

MAX_JPEG_SCANS = 100  # libjpeg's -maxscans idea: thousands of tiny progressive scans are a CPU bomb
MAX_JPEG_SEGMENTS = 5000  # markers outside the entropy-coded data

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"}
_GENERIC_HEIF_BRANDS = {b"mif1", b"msf1", b"mif2"}
_AVIF_BRANDS = {b"avif", b"avis"}
# SOFn markers that carry the frame size (C4 DHT, C8 JPG and CC DAC are not frames)
_SOF_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# in entropy-coded data: 0xFF followed by anything but a stuffed 0x00
_NEXT_FF = re.compile(rb"\xff[^\x00]")


class BadImage(Exception):
    """The bytes are not an image we take; ``code`` is one of IngestError's codes."""

    def __init__(self, code: str, detail: str = "", **params: object) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.params = params


@dataclass(frozen=True)
class Probe:
    """The container's own word on the content type and (except for HEIC) the stored size,
    with the channels and bytes per sample its decoded pixels take (when the header says)."""

    content_type: str
    width: int | None
    height: int | None
    channels: int | None = None
    sample_bytes: int | None = None


# PNG colour type → channels: grey, RGB, palette index, grey + alpha, RGBA
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}


def decoded_bytes(width: int, height: int, channels: int | None, sample_bytes: int | None) -> int:
    """What the whole decoded picture takes: width × height × channels × bytes per sample
    (unknown channels count as RGBA, unknown samples as one byte)."""
    return width * height * (channels or 4) * (sample_bytes or 1)


def probe(data: bytes) -> Probe:
    """Identify ``data`` from its magic bytes and check its container structure.

    Raises BadImage: ``not_an_image`` (unknown bytes or a broken header), ``unsupported_format``
    (a known image format we do not take, with ``format`` in its params), ``truncated_image``
    (the file ends before the image does, or its JPEG data is overwritten) or
    ``decompression_bomb`` (absurd numbers of JPEG scans).
    """
    if data[:3] == b"\xff\xd8\xff":
        return _probe_jpeg(data)
    if data[:8] == _PNG_SIGNATURE:
        return _probe_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _probe_webp(data)
    if data[4:8] == b"ftyp":
        return _probe_isobmff(data)
    name = _other_format(data)
    if name:
        raise BadImage("unsupported_format", name, format=name)
    raise BadImage("not_an_image", "unknown magic bytes")


def _other_format(data: bytes) -> str | None:
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:2] == b"BM" and len(data) >= 26:
        return "BMP"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if data[:2] == b"\xff\x0a" or data[:12] == b"\x00\x00\x00\x0cJXL \r\n\x87\n":
        return "JPEG XL"
    if data[:4] == b"8BPS":
        return "PSD"
    return None


# --- JPEG ----------------------------------------------------------------------------------


def _probe_jpeg(data: bytes) -> Probe:
    """Walk the JPEG markers from SOI to the first EOI (what follows EOI, e.g. MPF, is ignored)."""
    n = len(data)
    pos = 2
    size: tuple[int, int] | None = None
    depth = (1, 3)  # (bytes per sample, components) from the frame header
    restart_interval = 0
    scans = 0
    segments = 0
    while True:
        if pos >= n:
            raise BadImage("truncated_image", "no EOI marker")
        if data[pos] != 0xFF:
            # a segment length that is off by a few bytes: libjpeg skips to the next marker too
            pos = data.find(b"\xff", pos)
            if pos < 0:
                raise BadImage("truncated_image", "no EOI marker")
        while pos < n and data[pos] == 0xFF:  # fill bytes may precede a marker
            pos += 1
        if pos >= n:
            raise BadImage("truncated_image", "no EOI marker")
        marker = data[pos]
        pos += 1
        segments += 1
        if segments > MAX_JPEG_SEGMENTS:
            raise BadImage("not_an_image", "too many JPEG segments")
        if marker == 0xD9:  # EOI
            if size is None or scans == 0:
                raise BadImage("not_an_image", "EOI before any image data")
            return Probe(JPEG, size[0], size[1], depth[1], depth[0])
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # TEM, stray RSTn: no length
            continue
        if marker < 0xC0 or marker == 0xD8:
            raise BadImage("truncated_image", f"invalid marker 0x{marker:02x} at {pos - 1}")
        if pos + 2 > n:
            raise BadImage("truncated_image", "segment length cut off")
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise BadImage("not_an_image", f"segment length {length}")
        end = pos + length
        if end > n:
            raise BadImage("truncated_image", "segment cut off")
        if marker in _SOF_MARKERS:
            if size is not None:
                raise BadImage("not_an_image", "second frame header")
            if length < 8:
                raise BadImage("not_an_image", "short frame header")
            height = int.from_bytes(data[pos + 3 : pos + 5], "big")
            width = int.from_bytes(data[pos + 5 : pos + 7], "big")
            if width == 0 or height == 0:
                raise BadImage("not_an_image", "zero-sized frame (DNL is not supported)")
            size = (width, height)
            depth = (1 if data[pos + 2] <= 8 else 2, data[pos + 7])
        elif marker == 0xDD and length >= 4:  # DRI
            restart_interval = int.from_bytes(data[pos + 2 : pos + 4], "big")
        elif marker == 0xDA:  # SOS: the entropy-coded data follows the header
            if size is None:
                raise BadImage("not_an_image", "scan before frame header")
            scans += 1
            if scans > MAX_JPEG_SCANS:
                raise BadImage("decompression_bomb", f"more than {MAX_JPEG_SCANS} scans")
            end = _skip_entropy_coded(data, end, restart_interval)
        pos = end


def _skip_entropy_coded(data: bytes, pos: int, restart_interval: int) -> int:
    """Return the position of the marker that ends this scan; RSTn must come in order."""
    expected = 0
    while True:
        found = _NEXT_FF.search(data, pos)
        if found is None:
            raise BadImage("truncated_image", "scan data runs to the end of the file")
        at = found.start()
        code = data[at + 1]
        if 0xD0 <= code <= 0xD7:
            if restart_interval == 0 or code - 0xD0 != expected:
                raise BadImage("truncated_image", f"restart marker out of sequence at {at}")
            expected = (expected + 1) & 7
            pos = at + 2
            continue
        return at


# --- PNG -----------------------------------------------------------------------------------


def _probe_png(data: bytes) -> Probe:
    """Read IHDR and walk the chunks to IEND (CRCs and pixels are left to Pillow)."""
    n = len(data)
    if n < 33 or data[12:16] != b"IHDR" or int.from_bytes(data[8:12], "big") != 13:
        raise BadImage("not_an_image", "PNG without IHDR")
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    bit_depth, colour_type = data[24], data[25]
    if width == 0 or height == 0:
        raise BadImage("not_an_image", "zero-sized PNG")
    channels = _PNG_CHANNELS.get(colour_type)
    if channels is None or bit_depth not in (1, 2, 4, 8, 16):
        raise BadImage("not_an_image", f"PNG colour type {colour_type}, bit depth {bit_depth}")
    pos = 8
    while True:
        if pos + 8 > n:
            raise BadImage("truncated_image", "PNG ends before IEND")
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        if length > 0x7FFFFFFF:
            raise BadImage("not_an_image", "PNG chunk length out of range")
        pos += 12 + length
        if pos > n:
            raise BadImage("truncated_image", f"PNG chunk {kind!r} cut off")
        if kind == b"IEND":
            return Probe(PNG, width, height, channels, 2 if bit_depth == 16 else 1)


# --- WebP ----------------------------------------------------------------------------------


def _probe_webp(data: bytes) -> Probe:
    riff_size = int.from_bytes(data[4:8], "little")
    if riff_size + 8 > len(data):
        raise BadImage("truncated_image", "RIFF size beyond the end of the file")
    chunk = data[12:16]
    payload = data[20:40]
    if chunk == b"VP8X" and len(payload) >= 10:
        width = int.from_bytes(payload[4:7], "little") + 1
        height = int.from_bytes(payload[7:10], "little") + 1
    elif chunk == b"VP8L" and len(payload) >= 5 and payload[0] == 0x2F:
        bits = int.from_bytes(payload[1:5], "little")
        width = (bits & 0x3FFF) + 1
        height = ((bits >> 14) & 0x3FFF) + 1
    elif chunk == b"VP8 " and len(payload) >= 10 and payload[3:6] == b"\x9d\x01\x2a":
        width = int.from_bytes(payload[6:8], "little") & 0x3FFF
        height = int.from_bytes(payload[8:10], "little") & 0x3FFF
    else:
        raise BadImage("not_an_image", f"WebP starting with chunk {chunk!r}")
    if width == 0 or height == 0:
        raise BadImage("not_an_image", "zero-sized WebP")
    return Probe(WEBP, width, height, 4, 1)  # 8-bit samples, alpha or not


# --- HEIF / AVIF / video (ISO base media files) --------------------------------------------


def _probe_isobmff(data: bytes) -> Probe:
    box_size = int.from_bytes(data[0:4], "big")
    major = data[8:12]
    compatible = {data[i : i + 4] for i in range(16, min(box_size, len(data), 256) - 3, 4)}
    brands = compatible | {major}
    if major in _AVIF_BRANDS or (b"avif" in compatible and not brands & _HEIF_BRANDS):
        raise BadImage("unsupported_format", "AVIF", format="AVIF")
    if brands & (_HEIF_BRANDS | _GENERIC_HEIF_BRANDS):
        return Probe(HEIC, None, None)  # the size comes from Pillow's lazy open (the ispe box)
    raise BadImage("not_an_image", f"ISO media file with brand {major!r} (a video?)")
