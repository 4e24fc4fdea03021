"""A week offline, then a weak signal: how soon the office sees the field's work.

Usage: .venv/bin/python bench/offline_week.py [--inspections 30] [--kbps 400] [--dist pwa/dist]

An inspector's phone (Chromium at 360×740, the built PWA, a real gunicorn over a fresh demo
database) goes offline and records --inspections 回头看 inspections through the UI, each answered
and submitted with two 12-megapixel photos (4000×3000 JPEGs made from the GPS samples in
/work/shared/samples/photos, each one different). Then the network comes back at --kbps kbit/s
up and down (Chrome DevTools Network.emulateNetworkConditions, 150 ms latency) and the bench
watches the server's database:
- time from reconnecting to the office seeing every inspection submitted (goal ≤ 10 s; it was
  457 s when photos went before records);
- time to every photo being on the server (ready);
- bytes per photo as stored, against the 12 MP original.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import create_engine, text

from tests.browser.conftest import BYPASS_CSP, CHROMIUM, CHROMIUM_ARGS, PHONE, ROOT
from tests.browser.field import HERE, log_in, open_project, start_and_answer
from tests.browser.server import demo_server
from tests.databases import fresh_database

PHOTOS = ROOT.parent / "shared" / "samples" / "photos" / "gps"
PROJECT = "TS2023-001"
LATENCY_MS = 150


def twelve_megapixel_photos(n: int, into: Path) -> list[Path]:
    """`n` different 4000×3000 JPEGs (quality 92) with the samples' EXIF, GPS included."""
    from PIL import Image, ImageDraw

    sources = sorted(PHOTOS.glob("*.jpg"))
    if not sources:
        sys.exit(f"no sample photos in {PHOTOS}")
    out = []
    for i in range(n):
        source = sources[i % len(sources)]
        target = into / f"IMG_{i:04d}.jpg"
        with Image.open(source) as image:
            exif = image.info.get("exif", b"")
            big = image.convert("RGB").resize((4000, 3000), Image.Resampling.BILINEAR)
        # a mark of its own so that no two photos share bytes (the phone keeps one copy per hash)
        ImageDraw.Draw(big).rectangle((40 * i, 40, 40 * i + 300, 340), fill=(i * 37 % 256, 90, 30))
        big.save(target, "JPEG", quality=92, exif=exif)
        out.append(target)
    return out


def capture_offline(page, photos: list[Path], n: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Record and submit `n` inspections with two photos each while offline; their ids."""
    ids = []
    for i in range(n):
        page.goto("/field")
        page.get_by_test_id("task-card").first.wait_for(timeout=30_000)
        open_project(page, PROJECT)
        pair = [str(p) for p in photos[2 * i : 2 * i + 2]]
        ids.append(start_and_answer(page, pair))
        page.get_by_test_id("inspection-submit").click()
        page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
        print(f"  recorded {i + 1}/{n}", end="\r", flush=True)
    print()
    return ids


def watch(db_url: str, ids: list[str], start: float, limit_s: float) -> tuple[float, float]:
    """Seconds from `start` to every inspection submitted, then to every photo ready."""
    engine = create_engine(db_url)
    marks = ", ".join(f"'{i}'" for i in ids)
    data_at = photos_at = None
    try:
        while time.monotonic() - start < limit_s:
            with engine.connect() as conn:
                submitted = conn.execute(
                    text(
                        f"SELECT count(*) FROM inspections WHERE id IN ({marks}) AND status <> 'draft'"
                    )
                ).scalar_one()
                photos = conn.execute(
                    text(
                        f"SELECT count(*), sum(CASE WHEN status = 'ready' THEN 1 ELSE 0 END)"
                        f" FROM photos WHERE owner_id IN ({marks})"
                    )
                ).one()
            now = time.monotonic() - start
            if data_at is None and submitted == len(ids):
                data_at = now
                print(f"  {now:6.1f} s: the office sees all {len(ids)} inspections")
            if data_at is not None and photos[0] == 2 * len(ids) and photos[1] == photos[0]:
                photos_at = now
                break
            time.sleep(0.25)
    finally:
        engine.dispose()
    if data_at is None or photos_at is None:
        sys.exit(f"not synced within {limit_s:.0f} s (data at {data_at}, photos at {photos_at})")
    return data_at, photos_at


def stored_sizes(db_url: str, ids: list[str]) -> list[int]:
    engine = create_engine(db_url)
    marks = ", ".join(f"'{i}'" for i in ids)
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT size FROM photos WHERE owner_id IN ({marks})")).all()
    engine.dispose()
    return [r[0] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inspections", type=int, default=30)
    parser.add_argument("--kbps", type=int, default=400, help="kbit/s up and down")
    parser.add_argument("--dist", default=str(ROOT / "pwa" / "dist"), help="the built PWA")
    parser.add_argument("--limit", type=float, default=1800, help="give up after (s)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_dir, sync_playwright() as playwright:
        tmp = Path(tmp_dir)
        (tmp / "photos").mkdir()
        print(f"making {2 * args.inspections} photos of 12 MP …")
        photos = twelve_megapixel_photos(2 * args.inspections, tmp / "photos")
        original = sum(p.stat().st_size for p in photos) / len(photos)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with (
            fresh_database(tmp) as db_url,
            demo_server(db_url, tmp, Path(args.dist), "bench") as base,
        ):
            context = browser.new_context(
                **PHONE,
                base_url=base,
                service_workers="allow",
                geolocation=HERE,
                permissions=["geolocation"],
                **BYPASS_CSP,
            )
            page = context.new_page()
            page.set_default_timeout(60_000)
            log_in(page)
            page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
            # one DevTools session sets offline and, later, the weak signal (the API bypasses
            # the service worker, so the page's conditions apply to every sync request)
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            off = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
            cdp.send("Network.emulateNetworkConditions", off)
            print(f"offline: recording {args.inspections} inspections, 2 photos each …")
            ids = capture_offline(page, photos, args.inspections)
            page.goto("/field")
            page.get_by_test_id("task-card").first.wait_for()
            status = page.get_by_test_id("sync-status").inner_text()
            print(f"  the sync bar says: {status}")

            requests: list[tuple[float, str, int]] = []

            def finished(request) -> None:  # type: ignore[no-untyped-def]
                path = request.url.split("/api/v1", 1)[-1]
                if path.startswith(("/sync/", "/auth/")):
                    size = len(request.post_data_buffer or b"")
                    timing = request.timing  # ms: startTime since the epoch, the rest after it
                    done = (timing["startTime"] + max(timing["responseEnd"], 0)) / 1000
                    requests.append((done - wall, path, size))

            page.on("requestfinished", finished)
            rate = args.kbps * 1000 // 8
            print(f"back online at {args.kbps} kbit/s ({LATENCY_MS} ms) …")
            start, wall = time.monotonic(), time.time()
            conditions = {
                "latency": LATENCY_MS,
                "downloadThroughput": rate,
                "uploadThroughput": rate,
            }
            cdp.send("Network.emulateNetworkConditions", {"offline": False, **conditions})
            data_s, photos_s = watch(db_url, ids, start, args.limit)
            page.evaluate("1")  # Playwright hands over the events that came meanwhile
            print("  sync requests answered before every inspection was seen (s, path, up):")
            for at, path, size in requests:
                if at <= data_s + 1:
                    print(f"    {at:6.1f}  {path:<14} {size / 1024:7.1f} KB")
            sizes = stored_sizes(db_url, ids)
            context.close()
        browser.close()
    mean = sum(sizes) / len(sizes)
    verdict = "ok" if data_s <= 10 else "OVER"
    print(f"time to the office seeing every inspection: {data_s:.1f} s (goal ≤ 10 s: {verdict})")
    print(f"time to all {len(sizes)} photos on the server: {photos_s:.1f} s")
    print(
        f"bytes per photo: {mean / 1024:.0f} KB stored of {original / 1024:.0f} KB taken"
        f" ({100 * mean / original:.1f}%)"
    )


if __name__ == "__main__":
    main()
