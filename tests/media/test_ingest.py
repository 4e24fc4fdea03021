"""inspect_photo / make_derivatives / hamming on images made in memory (no sample files needed)."""

from __future__ import annotations

import gc
import io
import random
import struct
import time
import zlib
from datetime import datetime
from functools import cache

import pytest
from PIL import Image, ImageChops, ImageDraw

from server.media import ingest
from server.media.ingest import (
    MAX_PIXELS,
    IngestError,
    PhotoFacts,
    hamming,
    inspect_photo,
    make_derivatives,
)

# --- making images -------------------------------------------------------------------------


@cache
def picture(width: int = 960, height: int = 720) -> Image.Image:
    """A deterministic, detailed RGB picture: a Mandelbrot set over an off-centre gradient.

    Like a photo, it changes from left to right (a picture that only changes from top to bottom
    would make a difference hash, which compares horizontal neighbours, a coin toss).
    """
    fractal = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 80)
    gradient = Image.radial_gradient("L").crop((0, 0, 200, 150)).resize((width, height))
    image = Image.merge("RGB", (fractal, gradient, ImageChops.invert(fractal)))
    ImageDraw.Draw(image).rectangle((width // 10, height // 10, width // 4, height // 3), "red")
    return image


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def jpeg(width: int = 960, height: int = 720, **options: object) -> bytes:
    return encode(picture(width, height), "JPEG", quality=90, **options)


def refusal(data: bytes | bytearray) -> IngestError:
    with pytest.raises(IngestError) as caught:
        inspect_photo(data)
    return caught.value


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def segments(data: bytes) -> list[bytes]:
    """The marker codes of a JPEG's header segments, up to the first scan."""
    found, pos = [], 2
    while data[pos + 1] != 0xDA:
        found.append(data[pos : pos + 2])
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
    return found


# --- a minimal EXIF (TIFF) writer, to put exactly the nonsense real phones write -------------

ASCII, SHORT, LONG, RATIONAL = 2, 3, 4, 5


def text(tag: int, value: bytes) -> tuple[int, int, int, bytes]:
    return tag, ASCII, len(value), value


def short(tag: int, value: int) -> tuple[int, int, int, bytes]:
    return tag, SHORT, 1, struct.pack("<H", value)


def rationals(tag: int, *pairs: tuple[int, int]) -> tuple[int, int, int, bytes]:
    return tag, RATIONAL, len(pairs), b"".join(struct.pack("<II", n, d) for n, d in pairs)


def _ifd(entries: list[tuple[int, int, int, bytes]], start: int) -> bytes:
    data_at = start + 2 + 12 * len(entries) + 4
    head, tail = struct.pack("<H", len(entries)), b""
    for tag, kind, count, payload in sorted(entries):
        head += struct.pack("<HHI", tag, kind, count)
        if len(payload) <= 4:
            head += payload.ljust(4, b"\x00")
        else:
            head += struct.pack("<I", data_at + len(tail))
            tail += payload + b"\x00" * (len(payload) % 2)
    return head + struct.pack("<I", 0) + tail


def exif_block(ifd0=(), exif=(), gps=()) -> bytes:  # type: ignore[no-untyped-def]
    """``Exif\\0\\0`` + a little-endian TIFF with IFD0 and optional EXIF and GPS IFDs."""

    def build(exif_at: int, gps_at: int) -> bytes:
        entries = list(ifd0)
        if exif:
            entries.append((0x8769, LONG, 1, struct.pack("<I", exif_at)))
        if gps:
            entries.append((0x8825, LONG, 1, struct.pack("<I", gps_at)))
        return _ifd(entries, 8)

    first = build(0, 0)
    exif_at = 8 + len(first)
    exif_ifd = _ifd(list(exif), exif_at) if exif else b""
    gps_at = exif_at + len(exif_ifd)
    gps_ifd = _ifd(list(gps), gps_at) if gps else b""
    return (
        b"Exif\x00\x00II*\x00" + struct.pack("<I", 8) + build(exif_at, gps_at) + exif_ifd + gps_ifd
    )


def with_exif(**ifds: object) -> PhotoFacts:
    return inspect_photo(encode(picture(320, 240), "JPEG", exif=exif_block(**ifds)))


def gps(lat: list[tuple[int, int]], lat_ref: bytes, lon: list[tuple[int, int]], lon_ref: bytes):  # type: ignore[no-untyped-def]
    return [
        text(1, lat_ref),
        rationals(2, *lat),
        text(3, lon_ref),
        rationals(4, *lon),
    ]


# --- refusals ------------------------------------------------------------------------------


def test_empty_bytes_are_an_empty_file() -> None:
    error = refusal(b"")
    assert (error.code, error.http_status) == ("empty_file", 422)


def test_random_bytes_are_not_an_image() -> None:
    error = refusal(random.Random(7).randbytes(20_000))
    assert (error.code, error.http_status) == ("not_an_image", 422)
    assert error.message == "这不是照片文件，请上传手机相机拍摄的照片"


def test_a_text_file_is_not_an_image() -> None:
    assert refusal("<html>照片</html>".encode()).code == "not_an_image"


@pytest.mark.parametrize(("fmt", "name"), [("GIF", "GIF"), ("BMP", "BMP"), ("TIFF", "TIFF")])
def test_other_image_formats_are_unsupported(fmt: str, name: str) -> None:
    error = refusal(encode(picture(320, 240), fmt))
    assert (error.code, error.http_status) == ("unsupported_format", 415)
    assert error.message == f"暂不支持 {name} 格式，请上传 JPEG 照片"


def test_avif_is_unsupported() -> None:
    ftyp = struct.pack(">I", 28) + b"ftypavif" + b"\x00\x00\x00\x00" + b"avifmif1miaf"
    assert refusal(ftyp + b"\x00" * 64).code == "unsupported_format"


def test_a_video_is_not_an_image() -> None:
    ftyp = struct.pack(">I", 24) + b"ftypisom" + b"\x00\x00\x02\x00" + b"isomiso2"
    assert refusal(ftyp + b"\x00" * 64).code == "not_an_image"


def test_a_png_claiming_100000_by_100000_pixels_is_refused_without_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = bytearray(encode(picture(64, 64), "PNG"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", 100_000, 100_000)
    data[29:33] = struct.pack(
        ">I", zlib.crc32(bytes(data[12:29]))
    )  # a valid CRC: only the size lies

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("Pillow was handed a decompression bomb")

    monkeypatch.setattr(Image, "open", never)  # refused from the header, before any allocation
    start = time.perf_counter()
    error = refusal(bytes(data))
    assert error.code == "decompression_bomb"
    assert error.message == "照片像素太多（超过 6000 万像素），无法处理"
    assert time.perf_counter() - start < 1


def _jpeg_claiming(width: int, height: int) -> bytes:
    data = bytearray(jpeg(320, 240))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def test_a_jpeg_claiming_a_huge_frame_is_a_bomb() -> None:
    assert refusal(_jpeg_claiming(65_000, 65_000)).code == "decompression_bomb"


def test_just_over_the_limit_is_a_bomb() -> None:
    assert MAX_PIXELS < 10_001 * 6_000 < MAX_PIXELS + 6_001
    assert refusal(_jpeg_claiming(10_001, 6_000)).code == "decompression_bomb"


def test_exactly_the_limit_is_not_a_bomb() -> None:
    start = time.perf_counter()
    try:
        inspect_photo(_jpeg_claiming(10_000, 6_000))  # libjpeg pads the missing data
    except IngestError as error:
        assert error.code != "decompression_bomb"
    assert time.perf_counter() - start < 5


def test_a_webp_claiming_a_huge_canvas_is_a_bomb() -> None:
    data = bytearray(encode(picture(320, 240), "WEBP", exif=exif_block(ifd0=[short(0x112, 1)])))
    assert data[12:16] == b"VP8X"
    data[24:30] = (16383).to_bytes(3, "little") * 2
    assert refusal(bytes(data)).code == "decompression_bomb"


def test_too_many_progressive_scans_are_refused_before_decoding() -> None:
    frame = b"\xff\xc0\x00\x0b\x08\x00\x40\x00\x40\x01\x01\x11\x00"
    scan = b"\xff\xda\x00\x08\x01\x01\x00\x00\x3f\x00" + b"\x12\x34"
    data = b"\xff\xd8" + frame + scan * 101 + b"\xff\xd9"
    assert refusal(data).code == "decompression_bomb"


def test_a_tiny_image_is_too_small() -> None:
    error = refusal(jpeg(40, 40))
    assert (error.code, error.http_status) == ("image_too_small", 422)
    assert error.message == "照片尺寸太小（至少 64×64 像素），请上传相机拍摄的原图"


def test_64_pixels_a_side_is_enough() -> None:
    assert inspect_photo(jpeg(64, 64)).width == 64


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_half_a_file_is_truncated(fmt: str) -> None:
    data = encode(picture(), fmt)
    assert refusal(data[: len(data) // 2]).code == "truncated_image"


def test_a_jpeg_missing_only_its_end_marker_is_truncated() -> None:
    data = jpeg()
    assert data.endswith(b"\xff\xd9")
    assert refusal(data[:-2]).code == "truncated_image"


def test_a_jpeg_with_an_overwritten_sector_is_damaged() -> None:
    data = bytearray(jpeg())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096  # what a lost flash sector looks like
    assert refusal(bytes(data)).code == "truncated_image"


def test_restart_markers_in_order_are_fine() -> None:
    assert inspect_photo(jpeg(restart_marker_rows=1)).width == 960


def test_restart_markers_out_of_order_mean_lost_data() -> None:
    data = jpeg(restart_marker_rows=1)
    first = data.index(b"\xff\xd2")
    second = data.index(b"\xff\xd5")
    assert refusal(data[:first] + data[second:]).code == "truncated_image"


def test_stray_bytes_between_header_segments_are_skipped_like_libjpeg_does() -> None:
    data = jpeg()
    app0_end = 4 + int.from_bytes(data[4:6], "big")  # an APP0 length a few bytes short
    assert inspect_photo(data[:app0_end] + b"\x00\x00\x00" + data[app0_end:]).width == 960


def test_bytes_after_the_end_marker_are_tolerated() -> None:
    # phones append maker data and MPF images after the primary image's EOI
    assert inspect_photo(jpeg() + b"\x00" * 100 + b"SEFHtrailer").content_type == "image/jpeg"


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data:UserWarning")  # Pillow's, on open
def test_mutated_photos_never_raise_anything_else() -> None:
    rng = random.Random(2024)
    sources = [
        jpeg(
            200,
            150,
            exif=exif_block(
                ifd0=[text(0x10F, b"Xiaomi\x00")],
                gps=gps([(1, 1)] * 3, b"N\x00", [(2, 1)] * 3, b"E\x00"),
            ),
        ),
        jpeg(200, 150, progressive=True),
        encode(picture(200, 150), "PNG"),
        encode(picture(200, 150), "WEBP"),
    ]
    start = time.perf_counter()
    for source in sources:
        for _ in range(60):
            data = bytearray(source)
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            try:
                facts = inspect_photo(bytes(data))
            except IngestError as error:
                assert error.message
                continue
            make_derivatives(bytes(data), facts)
    assert time.perf_counter() - start < 60


# --- content type --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "content_type"), [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")]
)
def test_content_type_is_sniffed_from_the_bytes(fmt: str, content_type: str) -> None:
    assert inspect_photo(encode(picture(320, 240), fmt)).content_type == content_type


@pytest.mark.parametrize("lossless", [True, False])
def test_webp_size_is_read(lossless: bool) -> None:
    facts = inspect_photo(encode(picture(320, 240), "WEBP", lossless=lossless))
    assert (facts.width, facts.height) == (320, 240)


def test_a_progressive_jpeg_is_accepted() -> None:
    assert inspect_photo(jpeg(progressive=True)).width == 960


def test_an_mpo_is_a_jpeg() -> None:
    out = io.BytesIO()
    picture(320, 240).save(out, "MPO", save_all=True, append_images=[picture(160, 120)])
    facts = inspect_photo(out.getvalue())
    assert (facts.content_type, facts.width) == ("image/jpeg", 320)


# --- EXIF ----------------------------------------------------------------------------------


def test_southern_and_western_gps_is_negative() -> None:
    facts = with_exif(gps=gps([(22, 1), (30, 1), (0, 1)], b"S", [(43, 1), (12, 1), (36, 1)], b"W"))
    assert facts.exif_lat == pytest.approx(-22.5)
    assert facts.exif_lon == pytest.approx(-43.21)


def test_gps_seconds_as_fractions() -> None:
    facts = with_exif(
        gps=gps([(31, 1), (14, 1), (1500, 100)], b"N", [(121, 1), (28, 1), (0, 1)], b"E")
    )
    assert facts.exif_lat == pytest.approx(31 + 14 / 60 + 15 / 3600)
    assert facts.exif_lon == pytest.approx(121 + 28 / 60)


def test_gps_written_as_zero_over_zero_is_absent() -> None:
    facts = with_exif(gps=gps([(0, 0)] * 3, b"N", [(0, 0)] * 3, b"E"))
    assert (facts.exif_lat, facts.exif_lon) == (None, None)


def test_gps_with_zero_length_values_is_absent() -> None:
    facts = with_exif(
        gps=[text(1, b"N"), (2, RATIONAL, 0, b""), text(3, b"E"), (4, RATIONAL, 0, b"")]
    )
    assert (facts.exif_lat, facts.exif_lon) == (None, None)


@pytest.mark.parametrize(
    ("lat", "lon"), [((95, 1), (120, 1)), ((30, 1), (181, 1)), ((0, 1), (0, 1))]
)
def test_impossible_gps_is_absent(lat: tuple[int, int], lon: tuple[int, int]) -> None:
    facts = with_exif(gps=gps([lat, (0, 1), (0, 1)], b"N", [lon, (0, 1), (0, 1)], b"E"))
    assert (facts.exif_lat, facts.exif_lon) == (None, None)


def test_gps_minutes_beyond_sixty_are_nonsense() -> None:
    facts = with_exif(gps=gps([(30, 1), (75, 1), (0, 1)], b"N", [(120, 1), (0, 1), (0, 1)], b"E"))
    assert (facts.exif_lat, facts.exif_lon) == (None, None)


def test_original_time_is_preferred() -> None:
    facts = with_exif(
        ifd0=[text(0x132, b"2024:05:03 10:00:00\x00")],
        exif=[text(0x9003, b"2024:05:01 09:30:15\x00"), text(0x9004, b"2024:05:02 10:00:00\x00")],
    )
    assert facts.exif_taken_at == datetime(2024, 5, 1, 9, 30, 15)


def test_garbage_original_time_falls_back_to_digitized() -> None:
    facts = with_exif(
        exif=[text(0x9003, b"0000:00:00 00:00:00\x00"), text(0x9004, b"2024:05:02 10:00:00\x00")]
    )
    assert facts.exif_taken_at == datetime(2024, 5, 2, 10, 0, 0)


@pytest.mark.parametrize(
    "value",
    [b"0000:00:00 00:00:00\x00", b"    :  :     :  :  \x00", b"2024:13:45 25:61:00\x00", b"\x00"],
)
def test_garbage_times_are_absent(value: bytes) -> None:
    facts = with_exif(ifd0=[text(0x132, value)], exif=[text(0x9003, value)])
    assert facts.exif_taken_at is None


def test_make_and_model_are_stripped_of_nuls_and_spaces() -> None:
    facts = with_exif(ifd0=[text(0x10F, b"  Xiaomi \x00\x00"), text(0x110, b"\x00")])
    assert (facts.exif_make, facts.exif_model) == ("Xiaomi", None)


def test_an_overlong_model_is_cut_to_the_column_size() -> None:
    facts = with_exif(ifd0=[text(0x110, b"M" * 300 + b"\x00")])
    assert facts.exif_model == "M" * 64


def test_an_orientation_beyond_8_is_ignored() -> None:
    assert with_exif(ifd0=[short(0x112, 9)]).orientation is None


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_exif_is_read_from_png_and_webp(fmt: str) -> None:
    block = exif_block(ifd0=[short(0x112, 6), text(0x10F, b"HUAWEI\x00")])
    facts = inspect_photo(encode(picture(320, 240), fmt, exif=block))
    assert (facts.orientation, facts.exif_make) == (6, "HUAWEI")


# --- derivatives ---------------------------------------------------------------------------


def derive(data: bytes) -> tuple[PhotoFacts, object]:
    facts = inspect_photo(data)
    return facts, make_derivatives(data, facts)


@pytest.mark.parametrize(
    ("size", "display", "thumbnail"),
    [
        ((4000, 3000), (1600, 1200), (320, 240)),
        ((3000, 4000), (1200, 1600), (240, 320)),
        ((2000, 1000), (1600, 800), (320, 160)),
        ((1600, 1200), (1600, 1200), (320, 240)),
    ],
)
def test_derivatives_fit_their_boxes(
    size: tuple[int, int], display: tuple[int, int], thumbnail: tuple[int, int]
) -> None:
    _, result = derive(jpeg(*size))
    assert (result.display_size, result.thumbnail_size) == (display, thumbnail)
    assert Image.open(io.BytesIO(result.display)).size == display
    assert Image.open(io.BytesIO(result.thumbnail)).size == thumbnail


@pytest.mark.parametrize(
    ("size", "thumbnail"), [((800, 600), (320, 240)), ((200, 150), (200, 150))]
)
def test_small_photos_are_never_upscaled(size: tuple[int, int], thumbnail: tuple[int, int]) -> None:
    _, result = derive(jpeg(*size))
    assert (result.display_size, result.thumbnail_size) == (size, thumbnail)


def test_derivatives_are_baseline_jpegs() -> None:
    # baseline on purpose: progressive costs 2.5× the encode for ~2 % (see encode_jpeg)
    _, result = derive(encode(picture(), "PNG"))
    display = Image.open(io.BytesIO(result.display))
    thumbnail = Image.open(io.BytesIO(result.thumbnail))
    assert (display.format, thumbnail.format) == ("JPEG", "JPEG")
    for image in (display, thumbnail):
        assert not (image.info.get("progressive") or image.info.get("progression"))


def test_derivatives_carry_no_exif_xmp_or_comment() -> None:
    block = exif_block(
        ifd0=[text(0x10F, b"OPPO\x00")],
        gps=gps([(31, 1), (14, 1), (0, 1)], b"N", [(121, 1), (28, 1), (0, 1)], b"E"),
    )
    data = jpeg(comment=b"secret note", xmp=b"<x:xmpmeta>secret</x:xmpmeta>", exif=block)
    assert inspect_photo(data).exif_lat is not None
    _, result = derive(data)
    for output in (result.display, result.thumbnail):
        markers = segments(output)
        assert b"\xff\xe1" not in markers  # no APP1: neither EXIF nor XMP
        assert b"\xff\xfe" not in markers  # no COM
        assert b"secret" not in output and b"OPPO" not in output
        assert not Image.open(io.BytesIO(output)).getexif()


def test_the_colour_profile_is_kept() -> None:
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _, result = derive(jpeg(icc_profile=icc))
    assert Image.open(io.BytesIO(result.display)).info.get("icc_profile") == icc


def test_the_input_bytes_are_not_touched() -> None:
    original = jpeg(exif=exif_block(ifd0=[short(0x112, 6)]))
    data = bytearray(original)
    facts = inspect_photo(data)
    make_derivatives(data, facts)
    assert bytes(data) == original


def test_the_orientation_in_the_facts_is_applied() -> None:
    data = jpeg(400, 300, exif=exif_block(ifd0=[short(0x112, 6)]))
    facts, result = derive(data)
    assert (facts.width, facts.height, facts.orientation) == (400, 300, 6)
    assert result.display_size == (300, 400)
    upright = picture(400, 300).transpose(Image.Transpose.ROTATE_270)
    shown = Image.open(io.BytesIO(result.display)).convert("RGB")
    diff = ImageChops.difference(shown, upright).convert("L").tobytes()
    assert sum(diff) / len(diff) < 6


def test_cmyk_becomes_rgb() -> None:
    data = encode(picture(320, 240).convert("CMYK"), "JPEG")
    _, result = derive(data)
    assert Image.open(io.BytesIO(result.display)).mode == "RGB"


def test_greyscale_stays_greyscale() -> None:
    _, result = derive(encode(picture(320, 240).convert("L"), "JPEG"))
    assert Image.open(io.BytesIO(result.display)).mode == "L"


def test_transparency_is_laid_on_white() -> None:
    image = Image.new("RGBA", (200, 100), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((0, 0, 99, 99), (0, 0, 255, 255))
    _, result = derive(encode(image, "PNG"))
    shown = Image.open(io.BytesIO(result.display)).convert("RGB")
    assert all(
        abs(a - b) < 8 for a, b in zip(shown.getpixel((150, 50)), (255, 255, 255), strict=True)
    )
    assert shown.getpixel((50, 50))[2] > 200


@pytest.mark.parametrize("mode", ["P", "I;16", "LA"])
def test_other_png_modes_are_accepted(mode: str) -> None:
    source = picture(200, 150)
    image = source.convert("L").convert("I;16") if mode == "I;16" else source.convert(mode)
    facts, result = derive(encode(image, "PNG"))
    assert facts.content_type == "image/png"
    assert Image.open(io.BytesIO(result.display)).mode in ("RGB", "L")


def test_derivatives_of_broken_bytes_raise_ingest_error() -> None:
    facts = inspect_photo(jpeg())
    with pytest.raises(IngestError):
        make_derivatives(b"not a photo", facts)


# --- one decode per ingest -----------------------------------------------------------------


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[Image.Image]:
    """Every image ingest decodes, in order."""
    seen: list[Image.Image] = []
    load = ingest._load

    def counting(image: Image.Image) -> None:
        seen.append(image)
        load(image)

    monkeypatch.setattr(ingest, "_load", counting)
    return seen


def test_an_ingest_decodes_once_at_the_display_scale(decodes: list[Image.Image]) -> None:
    facts, result = derive(jpeg(4000, 3000))
    assert [image.size for image in decodes] == [(2000, 1500)]  # 1/2 scale, not 4000×3000
    assert (facts.width, facts.height, result.display_size) == (4000, 3000, (1600, 1200))


@pytest.mark.parametrize(
    "data",
    [
        jpeg(2400, 1800, exif=exif_block(ifd0=[short(0x112, 6)])),
        jpeg(1000, 700, exif=exif_block(ifd0=[short(0x112, 3)])),
        encode(picture(320, 240).convert("L"), "JPEG"),
        encode(picture(800, 600).convert("RGBA"), "PNG"),
    ],
    ids=["6", "3", "grey", "png"],
)
def test_derivatives_are_the_same_without_the_kept_pixels(
    data: bytes, decodes: list[Image.Image]
) -> None:
    facts = inspect_photo(data)
    kept = make_derivatives(data, facts)  # made from what inspect_photo decoded
    assert len(decodes) == 1
    again = make_derivatives(data, facts)  # taken already: decodes the bytes again
    assert len(decodes) == 2
    assert again == kept


def test_equal_bytes_in_another_object_find_the_kept_pixels(decodes: list[Image.Image]) -> None:
    data = jpeg()
    facts = inspect_photo(data)
    make_derivatives(bytearray(data), facts)
    assert len(decodes) == 1


def test_facts_of_other_bytes_do_not_lend_their_pixels() -> None:
    mirrored = encode(picture().transpose(Image.Transpose.FLIP_LEFT_RIGHT), "JPEG", quality=90)
    facts = inspect_photo(jpeg())
    assert make_derivatives(mirrored, facts) == make_derivatives(mirrored, inspect_photo(mirrored))


def test_equal_facts_keep_their_own_pixels() -> None:
    data = jpeg()
    first, second = inspect_photo(data), inspect_photo(data)
    assert first == second and first is not second
    assert make_derivatives(data, first) == make_derivatives(data, second)


def test_kept_pixels_are_bounded_and_go_with_their_facts() -> None:
    data = jpeg(320, 240)
    before = set(ingest._kept)
    held = [inspect_photo(data) for _ in range(ingest.KEPT_MAX + 3)]
    assert len(ingest._kept) <= ingest.KEPT_MAX
    assert id(held[-1]) in ingest._kept and id(held[0]) not in ingest._kept  # oldest go first
    del held
    gc.collect()
    assert set(ingest._kept) <= before


# --- phash ---------------------------------------------------------------------------------


def test_phash_is_16_hex_digits() -> None:
    phash = inspect_photo(jpeg()).phash
    assert len(phash) == 16
    int(phash, 16)


def test_phash_survives_lower_quality() -> None:
    high = inspect_photo(encode(picture(), "JPEG", quality=95)).phash
    low = inspect_photo(encode(picture(), "JPEG", quality=20)).phash
    assert hamming(high, low) <= 6


def test_phash_survives_a_format_change() -> None:
    assert hamming(inspect_photo(jpeg()).phash, inspect_photo(encode(picture(), "PNG")).phash) <= 6


def test_phash_tells_a_mirrored_picture_apart() -> None:
    mirrored = encode(picture().transpose(Image.Transpose.FLIP_LEFT_RIGHT), "JPEG", quality=90)
    assert hamming(inspect_photo(jpeg()).phash, inspect_photo(mirrored).phash) > 10


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("0" * 16, "0" * 16, 0), ("0" * 16, "f" * 16, 64), ("8000000000000001", "0" * 16, 2)],
)
def test_hamming_counts_differing_bits(a: str, b: str, distance: int) -> None:
    assert hamming(a, b) == distance


@pytest.mark.parametrize("bad", ["", "123", "g" * 16])
def test_hamming_refuses_what_is_not_a_phash(bad: str) -> None:
    with pytest.raises(ValueError):
        hamming(bad, "0" * 16)


# --- the error object ----------------------------------------------------------------------


def test_ingest_error_carries_code_messages_and_status() -> None:
    error = IngestError("truncated_image")
    assert error.code == "truncated_image"
    assert error.message == "照片文件已损坏或不完整，请重新拍摄上传"
    assert error.message_en.startswith("The photo file is damaged")
    assert error.http_status == 422
    assert "truncated_image" in str(error)
