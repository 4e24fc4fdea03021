"""Three 12 MP photos on the phone: time to store them, bytes uploaded, EXIF GPS kept.

Usage: .venv/bin/python bench/phone_photos.py [--runs 3] [--base-url http://127.0.0.1:8000]

In Debian's Chromium (the browser tests' flags, a 360×740 phone) the demo inspector
ts_duchayuan1 opens TS2023-001, starts an inspection and attaches three 4000×3000 JPEGs (the
gps samples upscaled, quality 92, their EXIF with GPS kept). Reported:
(a) ms from set_input_files until all three photos are stored on the phone (IndexedDB `blobs`,
    the checklist item showing three photos); median of --runs. Goal: report.
(b) bytes stored and uploaded per photo (the phone's downscale to ≤ 1600 px) against the
    original, and the ratio. Goal ≤ 15%.
(c) EXIF GPS of the stored bytes and of the server's copy (GET /api/v1/photos/<id>/original,
    after sync) against the original's. Goal: intact.
Without --base-url a gunicorn over a fresh demo database is started, as the browser tests do.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import exifread

from bench.pwa import PHONE, live_server
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.field import HERE, PHOTOS, log_in, open_project, server_view, upscaled_jpeg

SOURCES = ["DSCN0010.jpg", "DSCN0012.jpg", "DSCN0021.jpg"]
GOAL_RATIO = 0.15

STORED = """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('xianchang'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const blobs = await new Promise((ok) => { const r = db.transaction('blobs').objectStore('blobs').getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  return blobs.length;
}"""

BYTES = """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('xianchang'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const blobs = await new Promise((ok) => { const r = db.transaction('blobs').objectStore('blobs').getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  const out = [];
  for (const b of blobs) {
    const bytes = new Uint8Array(await b.bytes.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    out.push({ sha256: b.sha256, size: b.size, uploaded: !!b.uploaded, b64: btoa(s) });
  }
  return out;
}"""


def gps(data: bytes) -> tuple[float, float] | None:
    """(lat, lon) in degrees from the EXIF GPS tags, None when there are none."""
    tags = exifread.process_file(io.BytesIO(data), details=False)

    def degrees(key: str, ref: str) -> float | None:
        if key not in tags:
            return None
        d, m, s = (float(v.num) / float(v.den) for v in tags[key].values)
        value = d + m / 60 + s / 3600
        return -value if str(tags.get(ref, "")) in ("S", "W") else value

    lat = degrees("GPS GPSLatitude", "GPS GPSLatitudeRef")
    lon = degrees("GPS GPSLongitude", "GPS GPSLongitudeRef")
    return None if lat is None or lon is None else (lat, lon)


def same_place(a: tuple[float, float] | None, b: tuple[float, float] | None) -> bool:
    return a is not None and b is not None and abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6


def one_run(browser, base: str, files: list[Path]) -> tuple[float, list[dict], object]:  # type: ignore[no-untyped-def]
    """Store three photos on a fresh phone; returns (ms, the stored blobs, the open page)."""
    context = browser.new_context(
        base_url=base, geolocation=HERE, permissions=["geolocation"], **PHONE
    )
    page = context.new_page()
    log_in(page)
    open_project(page, "TS2023-001")
    page.get_by_test_id("kind-revisit").click()
    page.get_by_test_id("start-inspection").click()
    page.get_by_test_id("checklist").wait_for()
    picker = page.get_by_test_id("photo-5-gallery")
    start = time.perf_counter()
    picker.set_input_files([str(f) for f in files])
    page.locator("[data-testid=photos-5][data-count='3']").wait_for(timeout=120_000)
    page.wait_for_function(f"({STORED})().then((n) => n === 3)", polling=20, timeout=120_000)
    ms = (time.perf_counter() - start) * 1000
    return ms, page.evaluate(BYTES), page


def with_grain(path: Path, sigma: float, quality: int = 92) -> Path:
    """Add sensor-like luma noise to a JPEG in place, keeping its EXIF.

    An upscaled 640×480 sample is far smoother than a real 12 MP photo and compresses to about
    2.2 MB (0.18 MB/MP); a phone's 12 MP JPEG is typically 3–5 MB. Grain of σ≈5 brings the
    upscaled samples to about 4 MB, so the ratio is measured against a realistic original.
    """
    if sigma <= 0:
        return path
    from PIL import Image, ImageChops

    with Image.open(path) as image:
        exif = image.info.get("exif", b"")
        noise = Image.effect_noise(image.size, sigma).convert("RGB")
        ImageChops.add(image.convert("RGB"), noise, 1.0, -128).save(
            path, "JPEG", quality=quality, exif=exif
        )
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base-url")
    parser.add_argument(
        "--grain",
        type=float,
        default=5.0,
        help="sigma of the sensor-like luma noise added to the upscaled originals (0: none)",
    )
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing")
    if not all((PHOTOS / name).is_file() for name in SOURCES):
        sys.exit(f"the sample photos {SOURCES} are missing in {PHOTOS}")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        files = [
            with_grain(upscaled_jpeg(PHOTOS / name, Path(tmp) / f"12mp-{name}"), args.grain)
            for name in SOURCES
        ]
        originals = {f: f.read_bytes() for f in files}
        mb = statistics.mean(len(b) for b in originals.values()) / 1e6
        print(
            f"originals: grain σ={args.grain:g}, {mb:.1f} MB each on average ({mb / 12:.2f} MB/MP)"
        )
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        with nullcontext(args.base_url) if args.base_url else live_server() as base:
            times = []
            for run in range(args.runs):
                ms, stored, page = one_run(browser, base, files)
                times.append(ms)
                if run < args.runs - 1:
                    page.context.close()
            report(page, originals, stored, times)
            page.context.close()
        browser.close()


def report(page, originals, stored, times) -> None:  # type: ignore[no-untyped-def]
    print("Three 12 MP photos (4000×3000, JPEG q92, EXIF GPS) attached on a 360×740 phone")
    runs = ", ".join(f"{t:.0f}" for t in times)
    print(f"(a) stored on the phone: {statistics.median(times):.0f} ms median ({runs})")
    print("    goal: report (set_input_files → 3 photos in IndexedDB and shown)")

    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=120_000,
    )
    on_server = {
        p["sha256"]: p for p in server_view(page).get("photo", {}).values() if p.get("sha256")
    }
    print(f"(b) bytes per photo, goal ≤ {GOAL_RATIO:.0%} of the original")
    print("(c) EXIF GPS of the stored and the uploaded bytes, goal: intact")
    worst = 0.0
    intact = True
    for blob in stored:
        data = base64.b64decode(blob["b64"])
        assert hashlib.sha256(data).hexdigest() == blob["sha256"]
        original = _matching_original(originals, data)
        ratio = len(data) / len(original[1])
        worst = max(worst, ratio)
        photo = on_server.get(blob["sha256"])
        served = None
        if photo is not None:
            response = page.request.get(f"/api/v1/photos/{photo['id']}/original")
            served = response.body() if response.ok else None
        ok_local = same_place(gps(data), gps(original[1]))
        ok_server = served is not None and same_place(gps(served), gps(original[1]))
        same_bytes = served is not None and hashlib.sha256(served).hexdigest() == blob["sha256"]
        intact = intact and ok_local and ok_server and same_bytes
        lat, lon = gps(original[1]) or (float("nan"), float("nan"))
        print(
            f"    {original[0].name:<22} {len(original[1]) / 1024:7.0f} KB → "
            f"{len(data) / 1024:5.0f} KB stored/uploaded = {ratio:5.1%}  "
            f"GPS {lat:.5f},{lon:.5f} on phone {'ok' if ok_local else 'LOST'}, "
            f"on server {'ok' if ok_server else 'LOST'}"
            f"{'' if same_bytes else ' (server bytes differ!)'}"
        )
    print(f"    worst ratio {worst:.1%}: {'meets' if worst <= GOAL_RATIO else 'MISSES'} ≤ 15%")
    print(f"    EXIF GPS: {'intact on all three' if intact else 'NOT intact'}")


def _matching_original(originals: dict[Path, bytes], data: bytes) -> tuple[Path, bytes]:
    """The picked file whose EXIF GPS the stored photo carries (they differ per sample)."""
    here = gps(data)
    for path, original in originals.items():
        if same_place(gps(original), here):
            return path, original
    # no GPS left: fall back on the order of sizes
    return next(iter(originals.items()))


if __name__ == "__main__":
    main()
