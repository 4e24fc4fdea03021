"""A reduced offline week (bench/offline_week.py is the full one), in a real Chromium at 360×740.

An inspector records 5 inspections with 2 photos each with no signal; the browser is closed and
started again (a profile on disk) still offline, and the sync bar still counts "5 份检查、10 张照片";
then the signal comes back at 400 kbit/s through a small TCP proxy that resets the connection in
the middle of the first photo's PATCH body. Every inspection and every photo reaches the server
exactly once, the inspections before the photos, and the photo bar moves while a photo goes.
"""

from __future__ import annotations

import asyncio
import re
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, screenshot
from tests.browser.field import HERE, fill_login, open_project, start_and_answer
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser
INSPECTIONS = 5
RATE = 400_000 // 8  # 400 kbit/s in bytes per second
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "photos" / "gps"


class ResetProxy:
    """Forwards TCP to the server; the first PATCH to /api/v1/uploads/ is cut by a reset (RST)
    after ``cut`` bytes of it went through."""

    def __init__(self, target_port: int, cut: int = 40_000) -> None:
        self.target_port, self.cut = target_port, cut
        self.resets = 0
        self.open: set[asyncio.StreamWriter] = set()
        self.loop = asyncio.new_event_loop()
        self.port = 0

    async def _pipe(self, reader, writer, watch: bool, other) -> None:  # type: ignore[no-untyped-def]
        sent: int | None = None
        try:
            while data := await reader.read(16_384):
                if watch and not self.resets and sent is None and b"PATCH /api/v1/uploads/" in data:
                    sent = 0
                if sent is not None and not self.resets:
                    sent += len(data)
                    if sent >= self.cut:
                        self.resets += 1
                        for w in (writer, other):
                            sock = w.get_extra_info("socket")
                            sock.setsockopt(
                                socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                            )
                            w.transport.abort()
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
    """Offline, or online at ``rate`` bytes/s up and down (-1: unthrottled), by DevTools."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": offline,
            "latency": 0 if rate < 0 else 150,
            "downloadThroughput": rate,
            "uploadThroughput": rate,
        },
    )
    return cdp


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


def test_a_week_offline_then_a_weak_signal_brings_everything_exactly_once(
    browser, live_server: str, live_database: str, tmp_path: Path
) -> None:
    photos = distinct_photos(2 * INSPECTIONS, tmp_path)
    proxy = ResetProxy(int(live_server.rsplit(":", 1)[1]))
    profile = tmp_path / "profile"
    with proxy.running() as base:
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
        finally:
            phone.close()  # the browser is closed with everything still on the phone

        phone = open_phone(browser, profile, base)
        try:
            page = phone.pages[0] if phone.pages else phone.new_page()
            cdp = network(page, offline=True)
            page.goto("/field")
            status = page.get_by_test_id("sync-status")
            status.wait_for(timeout=30_000)
            page.wait_for_function(
                "document.querySelector('[data-testid=sync-status]').textContent.includes('张照片')"
            )
            assert (
                status.inner_text()
                == f"离线 · 待同步 {INSPECTIONS} 份检查、{2 * INSPECTIONS} 张照片"
            )
            screenshot(page, "offline-week-queued-360")
            assert arrived(live_database, ids)["inspections"] == 0

            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": 150,
                    "downloadThroughput": RATE,
                    "uploadThroughput": RATE,
                },
            )
            start = time.monotonic()
            bars: set[int] = set()
            data_at = None
            while time.monotonic() - start < 240:
                now = arrived(live_database, ids)
                if data_at is None and now["submitted"] == INSPECTIONS:
                    data_at = time.monotonic() - start
                    assert now["ready"] < 2 * INSPECTIONS  # the records went before the photos
                if now["ready"] == 2 * INSPECTIONS:
                    break
                bar = page.locator("[data-testid=sync-progress-photo]")
                if bar.count():
                    value = bar.first.get_attribute("aria-valuenow")
                    if value is not None:
                        bars.add(int(value))
                time.sleep(0.2)
            final = arrived(live_database, ids)
            assert final == {
                "inspections": INSPECTIONS,
                "submitted": INSPECTIONS,
                "photos": 2 * INSPECTIONS,
                "ready": 2 * INSPECTIONS,
                "bytes": 2 * INSPECTIONS,
            }, final
            assert data_at is not None
            assert proxy.resets == 1  # the cut happened, and the upload went on after it
            assert any(0 < v < 100 for v in bars), bars  # the photo's own bar moved
            page.wait_for_function(
                "document.querySelector('[data-testid=sync-status]').textContent.startsWith('已同步')",
                timeout=60_000,
            )
            screenshot(page, "offline-week-synced-360")
        finally:
            phone.close()
