"""The installable app shell in a real Chromium at 360×740: the service worker precaches it, the
app starts with no network as the last user, Chromium reports it installable, and settings."""

from __future__ import annotations

import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.browser.conftest import (
    BYPASS_CSP,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    phone_context,
    screenshot,
)
from tests.conftest import PASSWORD as TEST_PASSWORD
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"
INSPECTOR = "ts_duchayuan1"
#: Chromium logs a request that fails for want of a network as a console error: that is expected
#: here, a script error is not.
NETWORK_NOISE = re.compile(r"ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch")


@pytest.fixture
def shell_phone(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A 360×740 phone that fails the test on page errors and console errors (but network ones)."""
    context = phone_context(browser, live_server, service_workers="allow")
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and not NETWORK_NOISE.search(m.text) and "401" not in m.text
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("current-user").wait_for()


def wait_for_service_worker(page) -> None:  # type: ignore[no-untyped-def]
    """The service worker is active (so the shell is precached) and controls this page."""
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=30_000)
    if not page.evaluate("!!navigator.serviceWorker.controller"):
        page.reload()
    page.wait_for_function("!!navigator.serviceWorker.controller", timeout=30_000)


def test_the_app_starts_offline_as_the_last_user(shell_phone) -> None:
    page = shell_phone
    log_in(page, INSPECTOR)
    page.wait_for_url(re.compile(r"/field"))
    page.get_by_test_id("task-card").first.wait_for(timeout=30_000)
    wait_for_service_worker(page)
    assert page.get_by_test_id("offline-indicator").count() == 0
    who = page.get_by_test_id("current-user").inner_text()

    page.context.set_offline(True)
    page.reload()
    page.get_by_test_id("offline-indicator").wait_for()
    assert "离线" in page.get_by_test_id("offline-indicator").inner_text()
    assert page.get_by_test_id("current-user").inner_text() == who
    page.get_by_test_id("task-card").first.wait_for()  # the task list, from the phone's own copy
    screenshot(page, "offline-shell-360")

    # a deep link works offline too: every navigation outside /api gets the precached shell
    page.goto("/settings")
    page.get_by_test_id("settings").wait_for()
    assert page.get_by_test_id("settings-offline").get_attribute("data-ready") == "true"
    # /api is never answered from a cache
    assert (
        page.evaluate("fetch('/api/v1/auth/me').then(() => 'answered', () => 'failed')") == "failed"
    )
    cached = page.evaluate(
        """async () => {
            const urls = [];
            for (const name of await caches.keys()) {
                for (const req of await (await caches.open(name)).keys()) urls.push(req.url);
            }
            return urls;
        }"""
    )
    assert any("index.html" in url for url in cached)
    assert not [url for url in cached if "/api/" in url]

    # back online: the session is checked again and the badge goes
    page.context.set_offline(False)
    page.get_by_test_id("offline-indicator").wait_for(state="detached", timeout=40_000)
    assert page.get_by_test_id("current-user").is_visible()


def test_without_a_kept_user_offline_start_shows_the_error_not_a_shell(shell_phone) -> None:
    page = shell_phone
    page.goto("/")
    page.get_by_test_id("login-username").wait_for()
    wait_for_service_worker(page)
    page.context.set_offline(True)
    page.reload()
    page.locator(".alert-error").wait_for()
    assert page.get_by_test_id("current-user").count() == 0


def test_chromium_reports_the_app_installable(browser, live_server, tmp_path) -> None:
    """In a profile on disk: Chromium never offers to install from an incognito-like context."""
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        args=CHROMIUM_ARGS,
        headless=True,
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        base_url=live_server,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,  # wait_for_function evaluates with eval (see BYPASS_CSP)
    )
    try:
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/")
        page.get_by_test_id("login-username").wait_for()
        wait_for_service_worker(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest.get("errors") == [], manifest.get("errors")
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
    finally:
        context.close()


def test_settings_on_a_phone(shell_phone) -> None:
    page = shell_phone
    log_in(page, "supervisor")
    page.get_by_test_id("nav-settings").click()
    page.get_by_test_id("settings").wait_for()
    page.get_by_test_id("settings-storage-used").wait_for()
    assert re.search(
        r"已用 .+，共 .+，剩余 .+", page.get_by_test_id("settings-storage-used").inner_text()
    )
    assert page.get_by_test_id("settings-version").inner_text().startswith("0.")
    assert page.get_by_test_id("settings-persist").get_attribute("data-state") in ("on", "off")
    keep = page.get_by_test_id("settings-keep-originals")
    keep.wait_for()
    page.wait_for_function(
        "!document.querySelector('[data-testid=settings-keep-originals]').disabled"
    )
    assert not keep.is_checked()
    keep.check()
    page.locator("[data-testid=settings-keep-originals][data-saved=true]").wait_for()
    page.reload()
    page.wait_for_function(
        "document.querySelector('[data-testid=settings-keep-originals]')?.checked === true"
    )
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"settings is {width}px wide at a 360px viewport"
    screenshot(page, "settings-360")
    page.get_by_test_id("settings-lang-en").click()
    page.get_by_role("heading", name="Settings").wait_for()
    page.get_by_test_id("settings-lang-zh-CN").click()
    page.get_by_role("heading", name="设置").wait_for()


@pytest.fixture
def own_server(app, tmp_path) -> Iterator[tuple[str, Path]]:  # type: ignore[no-untyped-def]
    """The app in a thread over a copy of the build that a test may replace by a new version."""
    built = Path(os.environ.get("TEST_PWA_DIST") or ROOT / "pwa" / "dist")  # as live_server
    if not (built / "sw.js").is_file():
        skip_or_fail("the PWA is not built (run scripts/setup)")
    dist = tmp_path / "dist"
    shutil.copytree(built, dist)
    app.config["PWA_DIST"] = str(dist)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", dist
    finally:
        server.shutdown()
        thread.join(timeout=10)


OUTBOX_COUNT = """() => new Promise((resolve, reject) => {
    const open = indexedDB.open('xianchang');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
        if (!open.result.objectStoreNames.contains('outbox')) return reject('no outbox');
        const req = open.result.transaction('outbox').objectStore('outbox').count();
        req.onsuccess = () => { open.result.close(); resolve(req.result); };
    };
})"""
HAS_WAITING = "navigator.serviceWorker.getRegistration().then((r) => !!r.waiting)"


def test_an_update_waits_and_warns_about_unsynced_records(browser, own_server, make_user) -> None:  # type: ignore[no-untyped-def]
    base, dist = own_server
    context = browser.new_context(
        base_url=base,
        service_workers="allow",
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        **BYPASS_CSP,
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        user = make_user()
        page.goto("/")
        page.get_by_test_id("login-username").fill(user.username)
        page.get_by_test_id("login-password").fill(TEST_PASSWORD)
        page.get_by_test_id("login-submit").click()
        page.get_by_test_id("current-user").wait_for()
        wait_for_service_worker(page)
        # the settings page opens (so creates) the phone's database
        page.goto("/settings")
        page.locator("[data-testid=settings-keep-originals][data-saved]").wait_for()
        # one mutation waiting in the outbox, as after a capture with no signal
        page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open('xianchang');
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                    if (!open.result.objectStoreNames.contains('outbox')) return reject('no outbox');
                    const tx = open.result.transaction('outbox', 'readwrite');
                    tx.objectStore('outbox').put({id: 1, name: 'issue.comment',
                        args: {issue_id: 'x', body: '测试'}, client_time: new Date().toISOString(),
                        created_at: Date.now(), attempts: 0});
                    tx.oncomplete = () => { open.result.close(); resolve(true); };
                    tx.onerror = () => reject(tx.error);
                };
            })"""
        )
        # a new version of the app on the server
        sw = dist / "sw.js"
        sw.write_text(sw.read_text(encoding="utf-8") + "\n// next version\n", encoding="utf-8")
        page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")
        banner = page.get_by_test_id("update-banner")
        banner.wait_for(timeout=30_000)
        assert "新版本可用" in banner.inner_text()
        assert page.evaluate(HAS_WAITING)  # it waits: the old version still runs the page

        page.get_by_test_id("update-apply").click()
        warning = page.get_by_test_id("update-unsynced")
        warning.wait_for()
        assert warning.inner_text() == "还有 1 个问题未同步，请先同步再更新"
        screenshot(page, "update-warning-360")
        assert page.evaluate(HAS_WAITING)

        with page.expect_event("load", timeout=30_000):
            page.get_by_test_id("update-force").click()
        page.get_by_test_id("settings").wait_for()
        page.wait_for_function("!!navigator.serviceWorker.controller")
        assert not page.evaluate(HAS_WAITING)
        assert page.evaluate(OUTBOX_COUNT) == 1  # the update kept what was not synced
        assert errors == []
    finally:
        context.close()


def test_low_storage_is_warned_about_on_every_page(shell_phone) -> None:
    page = shell_phone
    log_in(page, "supervisor")
    assert page.get_by_test_id("storage-warning").count() == 0
    # a phone with 150 MB left (DevTools' quota override does not reach incognito contexts)
    page.add_init_script(
        "navigator.storage.estimate = async () => ({usage: 874 * 2 ** 20, quota: 1024 * 2 ** 20});"
    )
    page.reload()
    warning = page.get_by_test_id("storage-warning")
    warning.wait_for()
    assert "存储空间不足：仅剩 150 MB" in warning.inner_text()
    warning.get_by_role("link").click()
    page.locator("[data-testid=settings-storage][data-low=true]").wait_for()
    assert page.get_by_test_id("settings-storage-low").is_visible()
    assert page.get_by_test_id("storage-warning").count() == 0  # said once on this page
    screenshot(page, "storage-low-360")
