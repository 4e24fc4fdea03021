"""A reduced offline week (bench/offline_week.py is the full one), in a real Chromium at 360×740.

An inspector records 5 inspections with 2 photos each with no signal; the browser is closed and
started again (a profile on disk) still offline, and the sync bar still counts "5 份检查、10 张照片";
a new build of the app is deployed while all that waits (a signal that reaches the server's app
shell but not its API): the update warns "还有 5 份检查、10 张照片未同步" and the user updates anyway;
then the signal comes back at 400 kbit/s through a small TCP proxy that resets the connection in
the middle of the first photo's PATCH body. Every inspection and every photo reaches the server
exactly once, the inspections before the photos, and the photo bar moves while a photo goes —
the sync bar's and the photo's own on its thumbnail.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, screenshot
from tests.browser.field import HERE, LOCAL_STATE, fill_login, open_project, start_and_answer
from tests.browser.server import free_port
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser
INSPECTIONS = 5
RATE = 400_000 // 8  # 400 kbit/s in bytes per second
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "photos" / "gps"


HTTP_METHODS = (b"GET ", b"POST ", b"PATCH ", b"PUT ", b"HEAD ", b"DELETE ", b"OPTIONS ")


def _abort(*writers) -> None:  # type: ignore[no-untyped-def]
    """Close with a reset (RST), as a lost connection does."""
    for w in writers:
        sock = w.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        w.transport.abort()


def _asks_api(data: bytes) -> bool:
    """The chunk starts a request to /api/."""
    return data.startswith(HTTP_METHODS) and data.split(b" ", 2)[1].startswith(b"/api/")


class ResetProxy:
    """Forwards TCP to the server; the first PATCH to /api/v1/uploads/ is cut by a reset (RST)
    after ``cut`` bytes of it went through. While ``hold_api`` is set, a request to /api/ gets a
    reset instead (the app shell and sw.js still come through)."""

    def __init__(self, target_port: int, cut: int = 40_000) -> None:
        self.target_port, self.cut = target_port, cut
        self.resets = 0
        self.hold_api = False
        self.open: set[asyncio.StreamWriter] = set()
        self.loop = asyncio.new_event_loop()
        self.port = 0

    async def _pipe(self, reader, writer, watch: bool, other) -> None:  # type: ignore[no-untyped-def]
        sent: int | None = None
        try:
            while data := await reader.read(16_384):
                if watch and self.hold_api and _asks_api(data):
                    _abort(writer, other)
                    return
                if watch and not self.resets and sent is None and b"PATCH /api/v1/uploads/" in data:
                    sent = 0
                if sent is not None and not self.resets:
                    sent += len(data)
                    if sent >= self.cut:
                        self.resets += 1
                        _abort(writer, other)
                        return
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            if not writer.transport.is_closing():
                writer.close()

    async def _handle(self, reader, writer) -> None:  # type: ignore[no-untyped-def]
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            writer.transport.abort()
            return
        self.open.update((writer, up_writer))
        await asyncio.gather(
            self._pipe(reader, up_writer, True, writer),
            self._pipe(up_reader, writer, False, up_writer),
        )

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve from a thread of its own (Playwright's sync API owns this thread's loop)."""
        ready = threading.Event()
        holder: dict[str, asyncio.base_events.Server] = {}

        def serve() -> None:
            asyncio.set_event_loop(self.loop)
            server = self.loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0)
            )
            holder["server"] = server
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            self.loop.run_forever()
            server.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        ready.wait(timeout=10)
        try:
            yield f"http://127.0.0.1:{self.port}"
        finally:
            # no connection left open: gunicorn must stop at once after the session
            def close_all() -> None:
                for w in self.open:
                    w.transport.abort()
                self.loop.stop()

            self.loop.call_soon_threadsafe(close_all)
            thread.join(timeout=10)


@contextmanager
def own_app(database_url: str, tmp: Path) -> Iterator[tuple[str, Path]]:
    """gunicorn over the live demo database and a copy of the build this test may replace by a
    new version (the session's server serves the shared build): (base URL, the copy)."""
    built = Path(os.environ.get("TEST_PWA_DIST") or ROOT / "pwa" / "dist")
    if not (built / "sw.js").is_file():
        skip_or_fail("the PWA is not built (run scripts/setup)")
    dist = tmp / "dist"
    shutil.copytree(built, dist)
    env = {
        **os.environ,
        "SECRET_KEY": "offline-week-secret",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "PWA_DIST": str(dist),
    }
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    command += ["--workers", "2", "--bind", f"127.0.0.1:{port}", "server:create_app()"]
    log_path = tmp / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1)
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.2)
            yield base, dist
        finally:
            process.terminate()
            process.wait(timeout=10)


def distinct_photos(n: int, into: Path) -> list[Path]:
    """`n` different 1600×1200 JPEGs with the samples' EXIF (GPS included)."""
    from PIL import Image, ImageDraw

    sources = sorted(SAMPLES.glob("*.jpg"))
    if not sources:
        skip_or_fail(f"sample photos with GPS are missing in {SAMPLES}")
    out = []
    for i in range(n):
        with Image.open(sources[i % len(sources)]) as image:
            exif = image.info.get("exif", b"")
            big = image.convert("RGB").resize((1600, 1200))
        ImageDraw.Draw(big).rectangle((60 * i, 30, 60 * i + 200, 230), fill=(i * 40 % 256, 80, 20))
        target = into / f"IMG_{i:03d}.jpg"
        big.save(target, "JPEG", quality=92, exif=exif)
        out.append(target)
    return out


def open_phone(browser, profile: Path, base: str):  # type: ignore[no-untyped-def]
    """Chromium on a profile on disk (IndexedDB and the service worker survive a restart)."""
    return browser.browser_type.launch_persistent_context(
        str(profile),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        base_url=base,
        is_mobile=True,
        has_touch=True,
        geolocation=HERE,
        permissions=["geolocation"],
        service_workers="allow",
        bypass_csp=True,
    )


def network(page, offline: bool, rate: int = -1):  # type: ignore[no-untyped-def]
    """Offline, or online at ``rate`` bytes/s up and down (-1: unthrottled), by DevTools; returns
    the session to change it with (``emulate``: a second session would not undo this one)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    emulate(cdp, offline, rate)
    return cdp


def emulate(cdp, offline: bool, rate: int = -1) -> None:  # type: ignore[no-untyped-def]
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": offline,
            "latency": 0 if rate < 0 else 150,
            "downloadThroughput": rate,
            "uploadThroughput": rate,
        },
    )


def arrived(database_url: str, ids: list[str]) -> dict[str, int]:
    engine = create_engine(database_url)
    marks = ", ".join(f"'{i}'" for i in ids)
    try:
        with engine.connect() as conn:
            return {
                "inspections": conn.execute(
                    text(f"SELECT count(*) FROM inspections WHERE id IN ({marks})")
                ).scalar_one(),
                "submitted": conn.execute(
                    text(
                        f"SELECT count(*) FROM inspections WHERE id IN ({marks}) AND status <> 'draft'"
                    )
                ).scalar_one(),
                "photos": conn.execute(
                    text(f"SELECT count(*) FROM photos WHERE owner_id IN ({marks})")
                ).scalar_one(),
                "ready": conn.execute(
                    text(
                        f"SELECT count(*) FROM photos WHERE owner_id IN ({marks}) AND status = 'ready'"
                    )
                ).scalar_one(),
                "bytes": conn.execute(
                    text(
                        "SELECT count(DISTINCT sha256) FROM photos"
                        f" WHERE owner_id IN ({marks}) AND status = 'ready'"
                    )
                ).scalar_one(),
            }
    finally:
        engine.dispose()


HAS_WAITING = "navigator.serviceWorker.getRegistration().then((r) => !!r && !!r.waiting)"


def update_while_queued(page, cdp, proxy: ResetProxy, dist: Path) -> None:  # type: ignore[no-untyped-def]
    """A new build is deployed while everything waits; a signal reaches the app shell but not the
    API. The update warns with what waits, in items; the user updates anyway."""
    proxy.hold_api = True
    emulate(cdp, offline=False)
    sw = dist / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8") + "\n// the next build\n", encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
    page.get_by_test_id("update-banner").wait_for(timeout=30_000)
    page.get_by_test_id("update-apply").click()
    warning = page.get_by_test_id("update-unsynced")
    warning.wait_for()
    assert warning.inner_text() == (
        f"还有 {INSPECTIONS} 份检查、{2 * INSPECTIONS} 张照片未同步，请先同步再更新"
    )
    screenshot(page, "offline-week-update-warning-360")
    with page.expect_event("load", timeout=30_000):
        page.get_by_test_id("update-force").click()
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=30_000)
    assert not page.evaluate(HAS_WAITING)  # the new build runs the page now
    page.get_by_test_id("inspection-capture").wait_for(timeout=30_000)
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent"
        f".includes('{INSPECTIONS} 份检查、{2 * INSPECTIONS} 张照片')",
        timeout=30_000,
    )


def test_a_week_offline_then_a_weak_signal_brings_everything_exactly_once(
    browser, live_server: str, live_database: str, tmp_path: Path
) -> None:
    photos = distinct_photos(2 * INSPECTIONS, tmp_path)
    profile = tmp_path / "profile"
    with own_app(live_database, tmp_path) as (app, dist):
        proxy = ResetProxy(int(app.rsplit(":", 1)[1]))
        with proxy.running() as base:
            ids = record_offline(browser, profile, base, photos)
            phone = open_phone(browser, profile, base)
            try:
                page = phone.pages[0] if phone.pages else phone.new_page()
                cdp = network(page, offline=True)
                # the first inspection's page: its photos go first, their thumbnails show it
                page.goto(f"/field/inspections/{ids[0]}")
                status = page.get_by_test_id("sync-status")
                status.wait_for(timeout=30_000)
                page.wait_for_function(
                    "document.querySelector('[data-testid=sync-status]').textContent"
                    ".includes('张照片')"
                )
                assert (
                    status.inner_text()
                    == f"离线 · 待同步 {INSPECTIONS} 份检查、{2 * INSPECTIONS} 张照片"
                )
                screenshot(page, "offline-week-queued-360")
                assert arrived(live_database, ids)["inspections"] == 0

                update_while_queued(page, cdp, proxy, dist)
                assert arrived(live_database, ids)["inspections"] == 0

                proxy.hold_api = False
                emulate(cdp, offline=False, rate=RATE)
                page.get_by_test_id("sync-now").click()
                watch_the_upload(page, proxy, live_database, ids)
            finally:
                phone.close()


def record_offline(browser, profile: Path, base: str, photos: list[Path]) -> list[str]:  # type: ignore[no-untyped-def]
    """Log in, then with no signal record the inspections; the browser is closed with everything
    still on the phone. Returns the inspections' ids."""
    phone = open_phone(browser, profile, base)
    try:
        page = phone.pages[0] if phone.pages else phone.new_page()
        page.goto("/")
        fill_login(page)
        page.wait_for_url(re.compile(r"/field$"))
        page.get_by_test_id("task-card").first.wait_for(timeout=30_000)
        page.wait_for_function("navigator.serviceWorker.ready.then(() => true)")
        network(page, offline=True)
        ids = []
        for i in range(INSPECTIONS):
            page.goto("/field")
            open_project(page, "TS2023-001")
            ids.append(start_and_answer(page, [str(p) for p in photos[2 * i : 2 * i + 2]]))
            page.get_by_test_id("inspection-submit").click()
            page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
        return ids
    finally:
        phone.close()


def watch_the_upload(page, proxy: ResetProxy, database: str, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Everything arrives once, records first; the sync bar's photo bar and the photos' own bars
    on the first inspection's thumbnails move; each thumbnail ends ✓ 已上传."""
    start = time.monotonic()
    bars: set[int] = set()
    thumbs: set[int] = set()
    data_at = None
    while time.monotonic() - start < 240:
        now = arrived(database, ids)
        if data_at is None and now["submitted"] == INSPECTIONS:
            data_at = time.monotonic() - start
            assert now["ready"] < 2 * INSPECTIONS  # the records went before the photos
        if now["ready"] == 2 * INSPECTIONS:
            break
        for testid, seen in (("sync-progress-photo", bars), ("thumb-progress", thumbs)):
            for value in page.locator(f"[data-testid={testid}]").evaluate_all(
                "(bars) => bars.map((b) => Number(b.getAttribute('aria-valuenow')))"
            ):
                seen.add(value)
        time.sleep(0.2)
    final = arrived(database, ids)
    assert final == {
        "inspections": INSPECTIONS,
        "submitted": INSPECTIONS,
        "photos": 2 * INSPECTIONS,
        "ready": 2 * INSPECTIONS,
        "bytes": 2 * INSPECTIONS,
    }, (final, page.get_by_test_id("sync-bar").inner_text(), page.evaluate(LOCAL_STATE))
    assert data_at is not None
    assert proxy.resets == 1  # the cut happened, and the upload went on after it
    assert any(0 < v < 100 for v in bars), bars  # the photo's own bar moved
    assert any(0 < v < 100 for v in thumbs), thumbs  # …and so did its thumbnail's
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]').textContent.startsWith('已同步')",
        timeout=60_000,
    )
    page.locator("[data-testid=photos-5] [data-testid=thumb-done]").nth(1).wait_for()
    page.get_by_test_id("photos-5").scroll_into_view_if_needed()
    screenshot(page, "offline-week-synced-360")
