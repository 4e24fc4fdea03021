"""Drafting and publishing a bulletin (/office/bulletin → /office/bulletins/<id>) with the demo
data: the Taishang district's office drafts the 2023-01-01..2023-07-31 bulletin, writes its three
paragraphs, saves, publishes after the confirm step, and sees the number (督通〔年〕N号), the
paragraphs read-only, the frozen PDF and the bulletin listed with its number."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, screenshot
from tests.browser.test_office_bulletin import log_in, pick_custom

pytestmark = pytest.mark.browser
CODE = re.compile(r"督通〔\d{4}〕\d+号")
PARAGRAPHS = {
    "situation": "1—7月全区民生实事项目总体推进有序。",
    "problems": "个别项目征地未完成，进度滞后。",
    "requirements": "各责任单位加快推进，8月底前完成整改。",
}


def draft_july(page) -> None:  # type: ignore[no-untyped-def]
    """Log in as the district office and open a new draft of January to July 2023."""
    log_in(page, "ts_duchashi")
    page.goto("/office/bulletin")
    pick_custom(page, "2023-01-01", "2023-07-31")
    page.get_by_test_id("bulletin-draft").click()
    page.wait_for_url(re.compile(r"/office/bulletins/\d+$"))
    expect(page.get_by_test_id("bulletin-status")).to_have_text("草稿")
    expect(page.get_by_test_id("bulletin-record-period")).to_contain_text(
        "2023-01-01 至 2023-07-31"
    )


def test_district_office_drafts_saves_and_publishes_on_a_phone(phone) -> None:  # type: ignore[no-untyped-def]
    draft_july(phone)
    for field, text in PARAGRAPHS.items():
        phone.get_by_test_id(f"bulletin-text-{field}").fill(text)
    phone.get_by_test_id("bulletin-save").click()
    expect(phone.locator("[data-testid=bulletin-save-state][data-changed=no]")).to_be_visible()
    phone.reload()  # what was saved is what the server holds
    expect(phone.get_by_test_id("bulletin-text-problems")).to_have_value(PARAGRAPHS["problems"])

    phone.get_by_test_id("bulletin-publish").click()
    expect(phone.get_by_test_id("bulletin-publish-confirm")).to_contain_text(
        "发布后数字将冻结，不能再修改"
    )
    phone.get_by_test_id("bulletin-publish-yes").click()
    expect(phone.get_by_test_id("bulletin-code")).to_have_text(CODE)
    code = phone.get_by_test_id("bulletin-code").inner_text()
    for field, text in PARAGRAPHS.items():
        area = phone.get_by_test_id(f"bulletin-text-{field}")
        expect(area).to_have_value(text)
        expect(area).to_have_attribute("readonly", "")
    expect(phone.get_by_test_id("bulletin-save")).to_have_count(0)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide at a 360px viewport"
    phone.evaluate("window.scrollTo(0, 0)")
    screenshot(phone, "bulletin-published-360")

    href = phone.get_by_test_id("bulletin-record-pdf").get_attribute("href")
    assert href is not None and re.search(r"/api/v1/bulletins/\d+\?format=pdf$", href)
    response = phone.request.get(href)  # the page's context: the same session cookie
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"].startswith("application/pdf")
    assert response.body().startswith(b"%PDF")

    phone.get_by_test_id("bulletin-back").click()
    phone.wait_for_url(re.compile(r"/office/bulletin"))
    listed = phone.get_by_test_id("bulletin-row").filter(has_text=code)
    expect(listed).to_have_count(1)
    expect(listed.get_by_test_id("bulletin-row-period")).to_have_text("2023-01-01 至 2023-07-31")
    phone.get_by_test_id("bulletin-list").screenshot(path=str(ARTIFACTS / "bulletin-list-360.png"))


def test_a_draft_left_unpublished_is_listed_as_draft(desktop) -> None:  # type: ignore[no-untyped-def]
    draft_july(desktop)
    draft_path = desktop.url.split("/office/", 1)[1]
    desktop.get_by_test_id("bulletin-back").click()
    row = desktop.locator(f"[data-testid=bulletin-row]:has(a[href='/office/{draft_path}'])")
    expect(row.get_by_test_id("bulletin-row-code")).to_have_text("草稿")
