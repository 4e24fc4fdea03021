"""延期 across two screens: a unit asks for a later deadline on its phone (queued, synced), the
office approves it on the problem's page, and the unit's phone then shows the new deadline."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE
from tests.browser.test_field_roles import assign_an_issue, log_in, wait_all_synced

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    yield context
    context.close()


def test_a_unit_asks_for_an_extension_and_the_office_approves(context, desktop) -> None:
    issue_id = assign_an_issue(context, "TS-MS")  # deadline 2030-12-31
    asked = (date(2030, 12, 31) + timedelta(days=30)).isoformat()
    page = context.new_page()
    log_in(page, "ts_minsheng", "/field/issues")
    page.locator(f"[data-testid=issue-line][data-id='{issue_id}'] a").click()
    page.get_by_test_id("extension-box").locator("summary").click()
    page.get_by_test_id("extension-date").fill("2030-12-01")
    expect(page.get_by_test_id("extension-error")).to_contain_text("2030-12-31")
    expect(page.get_by_test_id("extension-submit")).to_be_disabled()
    page.get_by_test_id("extension-date").fill(asked)
    page.get_by_test_id("extension-reason").fill("扶手需定制,厂家供货延迟")
    page.get_by_test_id("extension-submit").click()
    expect(page.get_by_test_id("extension-pending")).to_contain_text(asked)
    wait_all_synced(page)

    desktop.goto(f"/office/issues/{issue_id}")
    desktop.get_by_test_id("login-username").fill("ts_duchashi")
    desktop.get_by_test_id("login-password").fill("demo12345")
    desktop.get_by_test_id("login-submit").click()
    pending = desktop.get_by_test_id("issue-extension-pending")
    expect(pending).to_contain_text("扶手需定制")
    expect(desktop.get_by_test_id("ext-deadline")).to_have_value(asked)
    desktop.get_by_test_id("ext-approve").click()
    expect(desktop.get_by_test_id("issue-extension-pending")).to_have_count(0)

    page.get_by_test_id("sync-now").click()
    wait_all_synced(page)
    expect(page.get_by_test_id("extension-pending")).to_have_count(0)
    expect(page.get_by_test_id("unit-issue")).to_contain_text(asked)
    expect(page.locator(".events li").last).to_contain_text("同意延期")
    screenshot(page, "field-unit-extension-approved-360")
