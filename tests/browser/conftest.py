"""A real gunicorn server over a fresh database with the demo, and a real Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import demo_server
from tests.databases import fresh_database
from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="session")
def live_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of the fresh demo database the live server runs on (tests may change it directly)."""
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        yield url


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory, live_database: str) -> Iterator[str]:
    """Base URL of gunicorn serving the built PWA and the API over a demo database."""
    # TEST_PWA_DIST lets parallel work test its own build without touching pwa/dist
    dist = Path(os.environ.get("TEST_PWA_DIST") or ROOT / "pwa" / "dist")
    if not (dist / "index.html").is_file():
        skip_or_fail("the PWA is not built (run scripts/setup)")
    tmp = tmp_path_factory.mktemp("live")
    with demo_server(live_database, tmp, dist, "browser-test-secret") as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


PHONE = {
    "viewport": {"width": 360, "height": 740},
    "locale": "zh-CN",
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


#: Playwright's wait_for_function runs its predicate with eval, which the app's
#: Content-Security-Policy (no 'unsafe-eval') refuses; test_csp.py checks the pages under it
BYPASS_CSP = {"bypass_csp": True}


def phone_context(browser, base_url: str, **extra):  # type: ignore[no-untyped-def]
    """A browser context like a 360×740 Android phone in Chinese, plus ``extra`` options."""
    return browser.new_context(**PHONE, base_url=base_url, **{**BYPASS_CSP, **extra})


@pytest.fixture
def phone(browser, live_server):  # type: ignore[no-untyped-def]
    """A page at 360×740, as on a cheap Android phone, that fails the test on console errors."""
    context = phone_context(browser, live_server)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert [e for e in errors if "401" not in e] == []


@pytest.fixture
def field_phone(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A phone context with location allowed and a fix near the project; fails on page errors."""
    from tests.browser.field import HERE

    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def desktop(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="zh-CN", base_url=live_server, **BYPASS_CSP
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
