"""PWA figures: the shipped app shell's size, cold start over slow 3G, warm start offline.

Usage: .venv/bin/python bench/pwa.py [--runs 3] [--base-url http://127.0.0.1:8000] [--build]

(a) JS + CSS that index.html loads eagerly (module script, modulepreload, stylesheets), gzipped;
    lazily imported chunks are listed apart and not counted. Goal ≤ 150 KB.
(b) Cold start (empty cache, no service worker) to a usable login screen over emulated slow 3G
    (Chrome DevTools network conditions: 400 ms latency, 400 kbit/s down and up). Goal ≤ 5 s.
(c) Warm start offline (shell precached by the service worker, context offline) to the logged-in
    shell and to the inspector's task list. Goal ≤ 1.5 s.
Times are from navigation start (the page's performance.now()); the median of --runs is shown.
Without --base-url a gunicorn over a fresh demo database is started, as the browser tests do.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, ROOT
from tests.browser.server import demo_server
from tests.databases import fresh_database

DIST = ROOT / "pwa" / "dist"
PASSWORD = "demo12345"
INSPECTOR = "ts_duchayuan1"
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
KB = 1024


class EagerAssets(HTMLParser):
    """What index.html makes the browser fetch before the app can run."""

    def __init__(self) -> None:
        super().__init__()
        self.files: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "module" and a.get("src"):
            self.files.append(a["src"] or "")
        elif tag == "link" and a.get("rel") in ("stylesheet", "modulepreload") and a.get("href"):
            self.files.append(a["href"] or "")


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def shell_size() -> None:
    index = DIST / "index.html"
    if not index.is_file():
        sys.exit("pwa/dist is missing: run `npm --prefix pwa run build` (or pass --build)")
    parser = EagerAssets()
    parser.feed(index.read_text(encoding="utf-8"))
    eager = [DIST / f.lstrip("/") for f in parser.files if f.endswith((".js", ".css"))]
    print("(a) app shell, JS + CSS loaded eagerly by index.html, gzip -9:")
    total = 0
    for path in eager:
        size = gz(path)
        total += size
        print(
            f"    {path.relative_to(DIST)!s:<46} {path.stat().st_size / KB:7.1f} KB → {size / KB:6.1f} KB"
        )
    print(
        f"    {'index.html':<46} {index.stat().st_size / KB:7.1f} KB → {gz(index) / KB:6.1f} KB (not counted)"
    )
    verdict = "ok" if total <= 150 * KB else "OVER"
    print(f"    shell total {total / KB:.1f} KB gzipped (goal ≤ 150 KB: {verdict})")
    lazy = [p for p in sorted((DIST / "assets").glob("*.js")) if p not in eager]
    for path in lazy:
        print(f"    lazy, not counted: {path.name:<34} {gz(path) / KB:6.1f} KB")
    if (DIST / "sw.js").is_file():
        print(f"    service worker, not counted: sw.js {gz(DIST / 'sw.js') / KB:.1f} KB")


@contextmanager
def live_server() -> Iterator[str]:
    """gunicorn serving pwa/dist and the API over a fresh demo database (as tests/browser)."""
    with (
        tempfile.TemporaryDirectory() as tmp_name,
        fresh_database(Path(tmp_name)) as url,
        demo_server(url, Path(tmp_name), DIST, "bench-secret") as base,
    ):
        yield base


def appeared(page, selector: str, timeout: float = 60_000) -> float:  # type: ignore[no-untyped-def]
    """ms since navigation start when `selector` is in the page and visible."""
    return page.wait_for_function(
        f"""() => {{
            const el = document.querySelector({selector!r});
            return el && el.offsetParent !== null && !el.disabled && performance.now();
        }}""",
        timeout=timeout,
    ).json_value()


def cold_start(browser, base: str, runs: int) -> None:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        context = browser.new_context(base_url=base, **PHONE)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        page.goto("/", wait_until="commit")
        times.append(appeared(page, "[data-testid=login-submit]"))
        context.close()
    median = statistics.median(times) / 1000
    verdict = "ok" if median <= 5 else "OVER"
    shown = ", ".join(f"{t / 1000:.2f}" for t in times)
    print("(b) cold start to a usable login screen, slow 3G (400 ms, 400 kbit/s):")
    print(f"    {median:.2f} s median of {runs} [{shown}] (goal ≤ 5 s: {verdict})")


def warm_start(browser, base: str, runs: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=base, service_workers="allow", **PHONE)
    page = context.new_page()
    page.goto("/")
    page.get_by_test_id("login-username").fill(INSPECTOR)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("task-card").first.wait_for(timeout=60_000)
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=30_000)
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=30_000)
    context.set_offline(True)
    shell, tasks = [], []
    for _ in range(runs):
        page.reload(wait_until="commit")
        shell.append(appeared(page, "[data-testid=offline-indicator]"))
        tasks.append(appeared(page, "[data-testid=task-card]"))
    context.close()
    print("(c) warm start offline (service worker, context offline):")
    for label, times in (("logged-in shell (离线)", shell), ("inspector's task list", tasks)):
        median = statistics.median(times) / 1000
        verdict = "ok" if median <= 1.5 else "OVER"
        shown = ", ".join(f"{t / 1000:.2f}" for t in times)
        print(
            f"    to the {label}: {median:.2f} s median of {runs} [{shown}] (goal ≤ 1.5 s: {verdict})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base-url", help="a running server (else gunicorn is started)")
    parser.add_argument("--build", action="store_true", help="npm run build first")
    args = parser.parse_args()
    if args.build:
        subprocess.run(["npm", "--prefix", str(ROOT / "pwa"), "run", "build"], check=True)
    shell_size()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: (b) and (c) need Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with live_server() if args.base_url is None else _given(args.base_url) as base:
            cold_start(browser, base, args.runs)
            warm_start(browser, base, max(args.runs, 5))
        browser.close()


@contextmanager
def _given(base: str) -> Iterator[str]:
    yield base.rstrip("/")


if __name__ == "__main__":
    main()
