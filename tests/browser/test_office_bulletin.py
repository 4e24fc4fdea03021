"""The office's bulletin page (/office/bulletin) with the demo data: the Taishang district's
office picks 2023-01-01 to 2023-07-31 and sees the report's figures (17 提前完成, 4 超序时,
84.50% of the plan released), and the PDF and XLSX of the same period download."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def full_screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("nav-bulletin").wait_for()


def pick_custom(page, first: str, last: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("bulletin-kind-custom").click()
    page.get_by_test_id("bulletin-from").fill(first)
    page.get_by_test_id("bulletin-to").fill(last)
    expect(page.get_by_test_id("bulletin-range")).to_contain_text(f"{first} 至 {last}")
    expect(page.locator("[data-testid=bulletin-figures][data-ready=yes]")).to_be_visible(
        timeout=30_000
    )


def district_status(page, code: str):  # type: ignore[no-untyped-def]
    return page.locator(
        f"[data-testid=bulletin-statuses] tr[data-level=county] td[data-code={code}]"
    )


def district_share(page):  # type: ignore[no-untyped-def]
    return page.locator("[data-testid=bulletin-funds] tr[data-level=county] td[data-code=share]")


def test_district_office_sees_the_july_report_on_a_phone(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone, "ts_duchashi")
    phone.get_by_test_id("nav-bulletin").click()
    phone.wait_for_url(re.compile(r"/office/bulletin"))
    pick_custom(phone, "2023-01-01", "2023-07-31")
    expect(phone).to_have_url(re.compile(r"period=custom&from=2023-01-01&to=2023-07-31"))
    expect(district_status(phone, "completed_early")).to_have_text("17")
    expect(district_status(phone, "ahead")).to_have_text("4")
    expect(district_share(phone)).to_have_text("84.50%")
    expect(phone.get_by_test_id("bulletin-doc-title")).to_contain_text("泉州台商投资区")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide at a 360px viewport"
    full_screenshot(phone, "bulletin-360")


def test_pdf_and_xlsx_of_the_same_period_download(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone, "ts_duchashi")
    phone.goto("/office/bulletin")
    pick_custom(phone, "2023-01-01", "2023-07-31")
    for testid, mimetype, magic in (
        ("bulletin-pdf", "application/pdf", b"%PDF"),
        ("bulletin-xlsx", XLSX, b"PK"),
    ):
        href = phone.get_by_test_id(testid).get_attribute("href")
        assert href is not None and "from=2023-01-01" in href and "to=2023-07-31" in href
        response = phone.request.get(href)  # the page's context: the same session cookie
        assert response.status == 200, response.text()[:300]
        assert response.headers["content-type"].startswith(mimetype)
        assert response.body().startswith(magic)


def test_office_of_both_counties_picks_one_on_a_desktop(desktop) -> None:  # type: ignore[no-untyped-def]
    log_in(desktop, "supervisor")
    desktop.goto("/office/bulletin?period=custom&from=2023-01-01&to=2023-07-31")
    county = desktop.get_by_test_id("bulletin-county")
    county.select_option(label="泉州台商投资区")
    expect(desktop).to_have_url(re.compile(r"county=\d+"))
    expect(desktop.get_by_test_id("bulletin-doc-title")).to_contain_text("泉州台商投资区")
    expect(desktop.locator("[data-testid=bulletin-figures][data-ready=yes]")).to_be_visible(
        timeout=30_000
    )
    expect(district_status(desktop, "completed_early")).to_have_text("17")
    expect(district_share(desktop)).to_have_text("84.50%")
    assert "county=" in (desktop.get_by_test_id("bulletin-pdf").get_attribute("href") or "")
    full_screenshot(desktop, "bulletin-desktop")


def test_a_month_lists_its_lagging_projects_with_reasons(desktop) -> None:  # type: ignore[no-untyped-def]
    log_in(desktop, "ts_duchashi")
    desktop.goto("/office/bulletin?period=month&month=2023-05")
    expect(desktop.get_by_test_id("bulletin-range")).to_contain_text("2023-05-01 至 2023-05-31")
    rows = desktop.get_by_test_id("bulletin-lagging-row")
    expect(rows.first).to_be_visible(timeout=30_000)
    assert rows.count() >= 7
    reasons = rows.locator("td.col-note").all_inner_texts()
    assert all(reason.strip() for reason in reasons)
