"""Photo ingest figures: inspect_photo + make_derivatives against one full decode of the same bytes.

Usage: .venv/bin/python bench/ingest.py [--runs 15] [--photos ../shared/samples/photos]
The goal is a ratio below 1: ingesting a photo should cost less than decoding it once at full
size, which only holds because libjpeg decodes JPEGs scaled down (Image.draft). Prints one line
per photo; the machine is shared and noisy, so run it twice and compare.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image

from server.media.ingest import inspect_photo, make_derivatives

PHOTOS = Path(__file__).resolve().parents[2] / "shared" / "samples" / "photos"
PHONE_PHOTO = "mobile/jolla.jpg"  # 3264×2448, from a phone


def median_ms(func: Callable[[], object], runs: int) -> float:
    func()  # warm-up: imports, caches, first allocation
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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


def naive(data: bytes) -> None:
    """What ingest would cost without scaled decoding: full decode, then shrink and encode."""
    image = Image.open(io.BytesIO(data))
    image.load()
    display = image.copy()
    display.thumbnail((1600, 1600), Image.Resampling.BOX, reducing_gap=None)
    display.save(io.BytesIO(), "JPEG", quality=82, progressive=True)
    display.thumbnail((320, 320), Image.Resampling.BOX)
    display.save(io.BytesIO(), "JPEG", quality=75)


def measure(label: str, data: bytes, runs: int) -> None:
    size = Image.open(io.BytesIO(data)).size

    def ingest() -> None:
        make_derivatives(data, inspect_photo(data))

    inspect = median_ms(lambda: inspect_photo(data), runs)
    facts = inspect_photo(data)
    derive = median_ms(lambda: make_derivatives(data, facts), runs)
    both = median_ms(ingest, runs)
    decode = median_ms(lambda: Image.open(io.BytesIO(data)).load(), runs)
    unscaled = median_ms(lambda: naive(data), runs)
    print(
        f"{label:<30} {size[0]}×{size[1]:<5} {len(data) / 1e6:5.2f} MB | "
        f"inspect {inspect:6.1f} ms + derivatives {derive:6.1f} ms | "
        f"ingest {both:6.1f} ms, full decode {decode:6.1f} ms, ratio {both / decode:4.2f} | "
        f"without scaled decoding {unscaled:6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--photos", type=Path, default=PHOTOS)
    args = parser.parse_args()
    print(f"median of {args.runs} runs each")
    measure("12 MP JPEG (4000×3000, q90)", twelve_megapixels(args.photos), args.runs)
    phone = args.photos / PHONE_PHOTO
    if phone.is_file():
        measure(PHONE_PHOTO, phone.read_bytes(), args.runs)
    else:
        print(f"{PHONE_PHOTO}: not found under {args.photos} (../shared is absent)")


if __name__ == "__main__":
    main()
