"""Ingest against real camera and phone photos, broken ones included (../shared/samples/photos).

The photos stay outside the repository; these tests skip when ../shared is absent, and fail
then under CI=true (tests.support.skip_or_fail), as they do without pillow-heif.
"""

from __future__ import annotations

import io
import re
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from server.media import ingest
from server.media.ingest import IngestError, PhotoFacts, hamming, inspect_photo, make_derivatives
from server.media.pixels import TRANSPOSE
from tests.support import skip_or_fail

PHOTOS = Path(__file__).resolve().parents[3] / "shared" / "samples" / "photos"
ABSENT = "../shared is absent: the sample photos are not here"
TIME_LIMIT_S = 10
CHINESE = re.compile(r"[\u4e00-\u9fff]")

# photos whose picture is fine (only their EXIF may be odd): ingest must accept them
GOOD = [
    "Canon_40D.jpg",
    *(f"gps/DSCN00{n}.jpg" for n in (10, 12, 21, 25, 27, 29, 38, 40, 42)),
    *(f"orientation/{kind}_{n}.jpg" for kind in ("landscape", "portrait") for n in range(1, 9)),
    "mobile/jolla.jpg",
    "heic/mobile/iphone_13_pro_max.HEIC",
    "xmp/no_exif.jpg",
    "tests/11-tests.jpg",
    "tests/30-type_error.jpg",
    "tests/33-type_error.jpg",
    "tests/35-empty.jpg",
    "tests/45-gps_ifd.jpg",
    "tests/67-0_length_string.jpg",
    "tests/87_OSError.jpg",
]


def _all_samples() -> list[object]:
    if not PHOTOS.is_dir():
        return [pytest.param(None, id="absent")]
    return [
        pytest.param(path, id=path.relative_to(PHOTOS).as_posix())
        for path in sorted(PHOTOS.rglob("*"))
        if path.is_file()
    ]


def read(name: str) -> bytes:
    if not PHOTOS.is_dir():
        skip_or_fail(ABSENT)
    return (PHOTOS / name).read_bytes()


def read_sample(path: Path | None) -> bytes:
    """The bytes of one of ``_all_samples``; None stands for the absent folder."""
    if path is None:
        skip_or_fail(ABSENT)
    assert path is not None
    return path.read_bytes()


@contextmanager
def time_limit(seconds: float = TIME_LIMIT_S) -> Iterator[None]:
    """Fail (rather than hang the run) when the body takes longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.perf_counter()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.perf_counter() - start < seconds


def small_grey(jpeg: bytes) -> Image.Image:
    """A 32×32 greyscale copy: square, so that every transposition of it can be compared."""
    return Image.open(io.BytesIO(jpeg)).convert("L").resize((32, 32), Image.Resampling.BOX)


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    diff = ImageChops.difference(a, b).tobytes()
    return sum(diff) / len(diff)


# --- every file ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", _all_samples())
def test_every_sample_gives_facts_or_a_chinese_refusal(path: Path | None) -> None:
    data = read_sample(path)
    with time_limit():
        try:
            facts = inspect_photo(data)
        except IngestError as error:
            assert CHINESE.search(error.message), error.message
            assert error.http_status in (415, 422)
            return
    assert isinstance(facts, PhotoFacts)
    assert re.fullmatch(r"[0-9a-f]{16}", facts.phash)


@pytest.mark.parametrize("path", _all_samples())
def test_every_accepted_sample_gets_derivatives_in_time(path: Path | None) -> None:
    data = read_sample(path)
    with time_limit():
        try:
            facts = inspect_photo(data)
        except IngestError:
            return  # refused: nothing to derive (the test above checks the refusal)
        derivatives = make_derivatives(data, facts)
    assert derivatives.display[:3] == b"\xff\xd8\xff"
    assert derivatives.thumbnail[:3] == b"\xff\xd8\xff"


@pytest.mark.parametrize("name", GOOD)
def test_real_photos_with_odd_exif_are_accepted(name: str) -> None:
    with time_limit():
        facts = inspect_photo(read(name))
    assert facts.width > 0 and facts.height > 0


def test_corrupted_sample_is_refused_as_damaged() -> None:
    # a 16 KiB run of 0xFF (a lost flash sector) in the middle of the scan data
    with pytest.raises(IngestError) as caught:
        inspect_photo(read("corrupted.jpg"))
    assert caught.value.code == "truncated_image"
    assert caught.value.message == "照片文件已损坏或不完整，请重新拍摄上传"
    assert caught.value.http_status == 422


def test_half_of_a_real_photo_is_refused_as_truncated() -> None:
    data = read("gps/DSCN0010.jpg")
    with pytest.raises(IngestError) as caught:
        inspect_photo(data[: len(data) // 2])
    assert caught.value.code == "truncated_image"


# --- EXIF facts ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lat", "lon"),
    [
        ("gps/DSCN0010.jpg", 43.4675, 11.8851),  # N 43° 28' 2.814", E 11° 53' 6.456"
        ("gps/DSCN0042.jpg", 43.4645, 11.8815),  # N 43° 27' 52.038", E 11° 52' 53.322"
        ("tests/87_OSError.jpg", 43.7856, 11.2346),  # 43° 47.1357', 11° 14.0772' (minutes only)
        ("tests/67-0_length_string.jpg", 51.0250, 7.5919),  # N 51° 1' 30", E 7° 35' 31"
    ],
)
def test_gps_is_read_in_decimal_degrees(name: str, lat: float, lon: float) -> None:
    facts = inspect_photo(read(name))
    assert facts.exif_lat == pytest.approx(lat, abs=1e-3)
    assert facts.exif_lon == pytest.approx(lon, abs=1e-3)


@pytest.mark.parametrize("name", ["tests/45-gps_ifd.jpg", "Canon_40D.jpg", "mobile/jolla.jpg"])
def test_photos_without_usable_gps_have_none(name: str) -> None:
    facts = inspect_photo(read(name))
    assert (facts.exif_lat, facts.exif_lon) == (None, None)


def test_time_and_camera_are_read() -> None:
    facts = inspect_photo(read("gps/DSCN0010.jpg"))
    assert facts.exif_taken_at == datetime(2008, 10, 22, 16, 28, 39)
    assert (facts.exif_make, facts.exif_model) == ("NIKON", "COOLPIX P6000")
    assert facts.content_type == "image/jpeg"
    assert (facts.width, facts.height, facts.orientation) == (640, 480, 1)


def test_time_falls_back_to_datetime_when_there_is_no_original() -> None:
    facts = inspect_photo(read("tests/30-type_error.jpg"))  # only IFD0 DateTime survives
    assert facts.exif_taken_at == datetime(2013, 7, 7, 17, 20, 59)


def test_camera_names_are_stripped_of_padding() -> None:
    facts = inspect_photo(read("tests/35-empty.jpg"))  # "CASIO COMPUTER CO.,LTD " in EXIF
    assert facts.exif_make == "CASIO COMPUTER CO.,LTD"


def test_a_photo_without_exif_has_no_facts_from_it() -> None:
    facts = inspect_photo(read("invalid/image00971.jpg"))
    assert (facts.orientation, facts.exif_taken_at, facts.exif_make) == (None, None, None)


# --- orientation ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["landscape", "portrait"])
@pytest.mark.parametrize("n", range(1, 9))
def test_orientation_is_read(kind: str, n: int) -> None:
    assert inspect_photo(read(f"orientation/{kind}_{n}.jpg")).orientation == n


@pytest.mark.parametrize("kind", ["landscape", "portrait"])
@pytest.mark.parametrize("n", range(2, 9))
def test_derivatives_come_out_upright(kind: str, n: int) -> None:
    upright = _derivatives(f"orientation/{kind}_1.jpg")
    turned = _derivatives(f"orientation/{kind}_{n}.jpg")
    for ours, reference in (
        (turned.display, upright.display),
        (turned.thumbnail, upright.thumbnail),
    ):
        # _1 is toned differently from _2…_8, so "close" is judged against the seven ways of
        # getting it wrong: the upright reference must be the best match by a wide margin
        ours_small, reference_small = small_grey(ours), small_grey(reference)
        right = mean_difference(ours_small, reference_small)
        wrong = [
            mean_difference(ours_small, reference_small.transpose(method))
            for method in TRANSPOSE.values()
        ]
        assert right < 20
        assert right * 2 < min(wrong)
    width, height = turned.display_size
    assert (width > height) == (kind == "landscape")
    assert turned.display_size == upright.display_size
    assert turned.thumbnail_size == upright.thumbnail_size


@pytest.mark.parametrize("kind", ["landscape", "portrait"])
@pytest.mark.parametrize("n", range(2, 9))
def test_phash_is_taken_from_the_upright_picture(kind: str, n: int) -> None:
    first = inspect_photo(read(f"orientation/{kind}_1.jpg")).phash
    assert hamming(inspect_photo(read(f"orientation/{kind}_{n}.jpg")).phash, first) <= 6


@pytest.mark.parametrize(
    "name",
    ["mobile/jolla.jpg", "orientation/portrait_6.jpg", "Canon_40D.jpg", "tests/35-empty.jpg"],
)
def test_derivatives_do_not_depend_on_the_pixels_inspect_kept(name: str) -> None:
    data = read(name)
    facts = inspect_photo(data)
    from_inspect = make_derivatives(data, facts)  # the pixels inspect_photo decoded
    assert make_derivatives(data, facts) == from_inspect  # decoded again


def _derivatives(name: str) -> ingest.Derivatives:
    data = read(name)
    return make_derivatives(data, inspect_photo(data))


# --- phash on real photos ------------------------------------------------------------------

DISTINCT = [
    "gps/DSCN0010.jpg",
    "gps/DSCN0025.jpg",
    "mobile/jolla.jpg",
    "Canon_40D.jpg",
    "orientation/landscape_1.jpg",
    "tests/33-type_error.jpg",
    "tests/35-empty.jpg",
    "xmp/no_exif.jpg",
]


@pytest.mark.parametrize("name", DISTINCT)
def test_phash_survives_recompression(name: str) -> None:
    data = read(name)
    image = Image.open(io.BytesIO(data))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=30, exif=image.info.get("exif", b""))
    assert hamming(inspect_photo(out.getvalue()).phash, inspect_photo(data).phash) <= 6


@pytest.mark.parametrize("name", DISTINCT)
def test_phash_survives_our_own_display_copy(name: str) -> None:
    data = read(name)
    facts = inspect_photo(data)
    display = make_derivatives(data, facts).display  # upright, no EXIF: hashed as it is
    assert hamming(inspect_photo(display).phash, facts.phash) <= 6


def test_phash_tells_different_photos_apart() -> None:
    hashes = {name: inspect_photo(read(name)).phash for name in DISTINCT}
    for i, a in enumerate(DISTINCT):
        for b in DISTINCT[i + 1 :]:
            assert hamming(hashes[a], hashes[b]) > 10, (a, b)


# --- HEIC ----------------------------------------------------------------------------------

HEIC = "heic/mobile/iphone_13_pro_max.HEIC"


def test_heic_is_accepted_upright() -> None:
    if not ingest.HEIF_SUPPORTED:
        skip_or_fail("pillow-heif is not installed (it is a dependency)")
    data = read(HEIC)
    facts = inspect_photo(data)
    assert facts.content_type == "image/heic"
    assert (facts.width, facts.height, facts.orientation) == (3024, 4032, 1)
    assert (facts.exif_make, facts.exif_model) == ("Apple", "iPhone 13 Pro Max")
    assert facts.exif_taken_at == datetime(2022, 2, 16, 12, 55, 41)
    derivatives = make_derivatives(data, facts)
    assert derivatives.display_size == (1200, 1600)
    assert derivatives.thumbnail_size == (240, 320)
    assert Image.open(io.BytesIO(derivatives.display)).format == "JPEG"


def test_heic_without_pillow_heif_is_refused_with_advice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "HEIF_SUPPORTED", False)
    with pytest.raises(IngestError) as caught:
        inspect_photo(read(HEIC))
    assert caught.value.code == "unsupported_format"
    assert caught.value.http_status == 415
    assert caught.value.message == "暂不支持 HEIC 格式，请在手机相机设置中选择“兼容性最佳”（JPEG）"


# --- the samples absent: a skip on a laptop, a failure under CI=true --------------------------


def _outcome(call: Callable[[], object]) -> BaseException | None:
    try:
        call()
    except BaseException as outcome:  # pytest's skip and fail are BaseExceptions
        return outcome
    return None


@pytest.fixture
def samples_absent_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("tests.support.IN_CI", True)
    monkeypatch.setattr(f"{__name__}.PHOTOS", tmp_path / "absent")
    monkeypatch.setattr("tests.conftest.SHARED", tmp_path / "absent")


@pytest.mark.usefixtures("samples_absent_in_ci")
def test_a_named_sample_absent_fails_under_ci() -> None:
    assert isinstance(_outcome(lambda: read("Canon_40D.jpg")), pytest.fail.Exception)


@pytest.mark.usefixtures("samples_absent_in_ci")
def test_the_sample_list_absent_fails_under_ci() -> None:
    [param] = _all_samples()
    assert not param.marks  # type: ignore[attr-defined]
    assert isinstance(_outcome(lambda: read_sample(param.values[0])), pytest.fail.Exception)  # type: ignore[attr-defined]


@pytest.mark.usefixtures("samples_absent_in_ci")
def test_the_shared_dir_fixture_absent_fails_under_ci(request: pytest.FixtureRequest) -> None:
    outcome = _outcome(lambda: request.getfixturevalue("shared_dir"))
    assert isinstance(outcome, pytest.fail.Exception)
