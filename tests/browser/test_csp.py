"""The app under its real Content-Security-Policy (the other browser tests bypass it for
Playwright's own eval): the field app, the ledger, the dashboard's charts and the map load with
no refused script, style, image, worker or request."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.browser.field import INSPECTOR, PASSWORD

pytestmark = pytest.mark.browser


def _page(browser, live_server: str, errors: list[str]):  # type: ignore[no-untyped-def]
    """A phone page that enforces the policy and records console errors and page errors."""
    context = browser.new_context(**PHONE, base_url=live_server)
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page


def _log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def test_the_office_pages_need_nothing_the_policy_refuses(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    context, page = _page(browser, live_server, errors)
    response = page.goto("/")
    assert (
        response is not None and "default-src 'self'" in response.headers["content-security-policy"]
    )
    _log_in(page, "ts_duchashi")
    expect(page.get_by_test_id("project-row").first).to_be_visible(timeout=30_000)
    page.goto("/office/dashboard")
    canvas = page.get_by_test_id("chart-level-canvas")
    expect(canvas.locator("svg").first).to_be_attached(timeout=30_000)
    page.goto("/office/map?as_of=2023-07-31")
    expect(page.locator("path.map-point").first).to_be_attached(timeout=30_000)
    context.close()
    assert [e for e in errors if "401" not in e] == []


def test_the_field_app_and_its_service_worker_run_under_the_policy(browser, live_server) -> None:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    context, page = _page(browser, live_server, errors)
    page.goto("/")
    _log_in(page, INSPECTOR)
    page.wait_for_url(re.compile(r"/field$"))
    expect(page.get_by_test_id("task-card").first).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("sync-status")).to_contain_text("已同步", timeout=30_000)
    assert page.evaluate("navigator.serviceWorker.ready.then(r => !!r.active)")
    context.close()
    assert [e for e in errors if "401" not in e] == []
