"""The decoded-size budget: pixels × channels × bytes per sample, refused from the header.

A 466 KB 7740×7740 16-bit RGBA PNG has fewer pixels than MAX_PIXELS but decodes to ~480 MB;
it must be refused before Pillow is handed the bytes.
"""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from server.media.ingest import MAX_DECODED_BYTES, MAX_PIXELS, IngestError, inspect_photo

SIDE = 7740


def _chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def png_header_only(width: int, height: int, bit_depth: int, colour_type: int) -> bytes:
    """A PNG whose IHDR claims the size and depth, with a token IDAT (nothing to decode)."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour_type, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", ihdr)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _chunk(b"IEND", b"")
    )


def refusal(data: bytes) -> IngestError:
    with pytest.raises(IngestError) as caught:
        inspect_photo(data)
    return caught.value


@pytest.fixture
def pillow_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("Pillow was handed a picture over the decoded-size budget")

    monkeypatch.setattr(Image, "open", never)


def test_the_issue_png_has_fewer_pixels_than_the_pixel_cap() -> None:
    assert SIDE * SIDE <= MAX_PIXELS < SIDE * SIDE * 4 * 2


@pytest.mark.usefixtures("pillow_forbidden")
def test_a_16_bit_rgba_png_under_the_pixel_cap_is_refused_from_its_header() -> None:
    error = refusal(png_header_only(SIDE, SIDE, 16, 6))
    assert (error.code, error.http_status) == ("decompression_bomb", 422)
    assert f"{MAX_DECODED_BYTES // 1_000_000} MB" in error.message


@pytest.mark.usefixtures("pillow_forbidden")
def test_a_16_bit_rgb_png_under_the_pixel_cap_is_refused_from_its_header() -> None:
    assert refusal(png_header_only(SIDE, SIDE, 16, 2)).code == "decompression_bomb"


@pytest.mark.usefixtures("pillow_forbidden")
def test_an_8_bit_rgba_png_of_as_many_pixels_is_refused_from_its_header() -> None:
    assert refusal(png_header_only(SIDE, SIDE, 8, 6)).code == "decompression_bomb"


@pytest.mark.usefixtures("pillow_forbidden")
def test_an_8_bit_rgb_png_of_as_many_pixels_is_within_the_budget() -> None:
    # 180 MB decoded at most: it passes the header checks and reaches Pillow (refused here
    # only because the fixture's Pillow refuses everything)
    assert SIDE * SIDE * 3 <= MAX_DECODED_BYTES
    assert refusal(png_header_only(SIDE, SIDE, 8, 2)).code == "not_an_image"


@pytest.mark.usefixtures("pillow_forbidden")
def test_a_cmyk_jpeg_counts_its_four_components() -> None:
    # 7000×7000 is under the pixel cap; ×4 components it is past the budget
    frame = b"\xff\xc0\x00\x14\x08" + struct.pack(">HH", 7000, 7000) + b"\x04"
    frame += b"\x01\x11\x00\x02\x11\x00\x03\x11\x00\x04\x11\x00"
    scan = b"\xff\xda\x00\x0e\x04\x01\x00\x02\x00\x03\x00\x04\x00\x00\x3f\x00\x12\x34"
    assert refusal(b"\xff\xd8" + frame + scan + b"\xff\xd9").code == "decompression_bomb"
