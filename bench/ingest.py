"""Photo ingest figures: inspect_photo + make_derivatives against one full decode of the same bytes.

Usage: .venv/bin/python bench/ingest.py [--runs 15] [--photos ../shared/samples/photos]
The goal is a ratio below 1: ingesting a photo should cost less than decoding it once at full
size, which only holds because libjpeg decodes JPEGs scaled down (Image.draft) and the photo is
decoded once for both calls. Per photo it prints where the time goes (each stage timed as
ingest runs it, median per stage), then ingest and a full decode, each timed back to back, with
their page faults: run like that, the full decode of a 12 MP photo faults in its 48 MB afresh
every time, which is a good part of its cost; "CPU only" is the ratio against a full decode
that reuses its memory. The last line has both ratios for each photo. The machine is shared
and noisy: run it a few times and compare.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    import resource  # page faults; Unix only
except ImportError:  # pragma: no cover
    resource = None  # type: ignore[assignment]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from server.media import ingest
from server.media.formats import probe
from server.media.ingest import inspect_photo, make_derivatives
from server.media.pixels import dhash, encode_jpeg, fit, shrink, upright

PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "photos"
PHONE_PHOTO = "mobile/jolla.jpg"  # 3264×2448, from a phone
STAGES = (
    "probe",
    "open",
    "decode",
    "exif",
    "resize",
    "thumb",
    "hash",
    "upright",
    "encode display",
    "encode thumb",
)


def median_ms(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: imports, caches, first allocation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def page_faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt if resource else 0


def timed(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median ms of ``func`` run back to back, and its minor page faults per run."""
    func()  # warm-up: imports, caches, first allocation
    times = []
    faults = page_faults()
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), (page_faults() - faults) / runs


def on_reused_memory(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """``timed`` with Pillow keeping freed blocks for reuse, so that no fresh pages are faulted in.

    Back to back, glibc hands a full decode's 48 MB (12 MP × 4 bytes) back to the system every
    time, and taking it again costs ~2 µs per 4 KiB page; ingest's ~30 MB stay in the heap.
    This gives the decode's CPU cost alone.
    """
    blocks_max = Image.core.get_blocks_max()
    Image.core.set_blocks_max(64)
    try:
        return timed(func, runs)
    finally:
        Image.core.set_blocks_max(blocks_max)


def twelve_megapixels(photos: Path) -> bytes:
    """A 4000×3000 quality-90 JPEG: the phone photo upscaled, or a synthetic picture."""
    source = photos / PHONE_PHOTO
    if source.is_file():
        image = Image.open(source).convert("RGB").resize((4000, 3000), Image.Resampling.BICUBIC)
    else:
        fractal = Image.effect_mandelbrot((4000, 3000), (-2.2, -1.2, 1.0, 1.2), 120)
        image = Image.merge(
            "RGB", (fractal, fractal.transpose(Image.Transpose.FLIP_LEFT_RIGHT), fractal)
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def stages(data: bytes) -> tuple[dict[str, float], tuple[int, int]]:
    """One ingest, stage by stage, with the steps inspect_photo and make_derivatives take."""
    times: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        times[stage] = (now - clock) * 1000
        clock = now

    found = probe(data)
    lap("probe")
    image = ingest._open(data, found.content_type)
    lap("open")
    target = ingest._decode(image, found.content_type)
    decoded = image.size
    lap("decode")
    exif = ingest._exif_of(image)
    orientation = 1 if found.content_type == ingest.HEIC else exif.orientation
    lap("exif")
    icc = image.info.get("icc_profile") if image.mode in ("RGB", "L") else None
    display = ingest._display(image, target)
    lap("resize")
    thumbnail = shrink(display, fit(*display.size, ingest.THUMBNAIL_MAX))
    lap("thumb")
    dhash(thumbnail, orientation)
    lap("hash")
    display, thumbnail = upright(display, orientation), upright(thumbnail, orientation)
    lap("upright")
    encode_jpeg(display, ingest.DISPLAY_QUALITY, icc)
    lap("encode display")
    encode_jpeg(thumbnail, ingest.THUMBNAIL_QUALITY, icc)
    lap("encode thumb")
    return times, decoded


def naive(data: bytes) -> None:
    """What ingest would cost without scaled decoding: full decode, then shrink and encode."""
    image = Image.open(io.BytesIO(data))
    image.load()
    display = image.copy()
    display.thumbnail((1600, 1600), Image.Resampling.BOX, reducing_gap=None)
    encode_jpeg(display, ingest.DISPLAY_QUALITY, None)
    display.thumbnail((320, 320), Image.Resampling.BOX)
    encode_jpeg(display, ingest.THUMBNAIL_QUALITY, None)


def measure(label: str, data: bytes, runs: int) -> tuple[float, float]:
    size = Image.open(io.BytesIO(data)).size
    print(f"{label} — {size[0]}×{size[1]}, {len(data) / 1e6:.2f} MB")

    runs_by_stage: dict[str, list[float]] = {stage: [] for stage in STAGES}
    stages(data)  # warm-up
    for _ in range(runs):
        times, decoded = stages(data)
        for stage, ms in times.items():
            runs_by_stage[stage].append(ms)
    medians = {stage: statistics.median(ms) for stage, ms in runs_by_stage.items()}
    print(
        "  "
        + " | ".join(f"{stage} {ms:.1f}" for stage, ms in medians.items())
        + f" | sum {sum(medians.values()):.1f} ms (decoded at {decoded[0]}×{decoded[1]})"
    )

    def ingest_once() -> None:
        make_derivatives(data, inspect_photo(data))

    def decode_once() -> None:
        Image.open(io.BytesIO(data)).load()

    both, both_faults = timed(ingest_once, runs)
    decode, decode_faults = timed(decode_once, runs)
    print(
        f"  ingest (inspect_photo + make_derivatives) {both:.1f} ms, {both_faults:.0f} page faults"
        f" | full decode {decode:.1f} ms, {decode_faults:.0f} page faults | ratio {both / decode:.2f}"
    )
    warm, warm_faults = on_reused_memory(decode_once, runs)
    facts = inspect_photo(data)
    make_derivatives(data, facts)  # takes the pixels inspect_photo kept: the next call decodes
    alone = median_ms(lambda: make_derivatives(data, facts), runs)
    unscaled = median_ms(lambda: naive(data), runs)
    print(
        f"  CPU only: full decode on reused memory {warm:.1f} ms, {warm_faults:.0f} page faults,"
        f" ratio {both / warm:.2f} | make_derivatives on its own (decodes again) {alone:.1f} ms"
        f" | without scaled decoding {unscaled:.1f} ms"
    )
    return both / decode, both / warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--photos", type=Path, default=PHOTOS)
    args = parser.parse_args()
    print(f"median of {args.runs} runs each, ms")
    ratios = {"12 MP JPEG": measure("12 MP JPEG (q90)", twelve_megapixels(args.photos), args.runs)}
    phone = args.photos / PHONE_PHOTO
    if phone.is_file():
        ratios[PHONE_PHOTO] = measure(PHONE_PHOTO, phone.read_bytes(), args.runs)
    else:
        print(f"{PHONE_PHOTO}: not found under {args.photos} (../shared is absent)")
    print(
        "ratio, ingest ÷ full decode (goal < 1): "
        + ", ".join(
            f"{label} {ratio:.2f} (CPU only {cpu:.2f})" for label, (ratio, cpu) in ratios.items()
        )
    )


if __name__ == "__main__":
    main()
