"""The office pages in a real Chromium against a real gunicorn with the demo data."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import screenshot
from tests.projects.ledger.factories import ledger_xlsx

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"


def log_in(page, username: str = "supervisor", start: str = "/") -> None:  # type: ignore[no-untyped-def]
    """Log in from `start`; field roles land on /field, so they start at /projects here."""
    page.goto(start)
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("project-row").first.wait_for()


def test_supervisor_sees_both_counties_on_a_phone(phone) -> None:
    log_in(phone)
    screenshot(phone, "project-list-360")
    assert phone.get_by_test_id("project-total").inner_text().find("303") >= 0
    counties = phone.get_by_test_id("filter-county").locator("option").all_inner_texts()
    assert any("台商" in c for c in counties) and any("青田" in c for c in counties)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"page is {width}px wide at a 360px viewport"


def test_statuses_as_of_the_report_day(phone) -> None:
    log_in(phone)
    phone.get_by_test_id("filter-as-of").fill("2023-07-31")
    phone.get_by_test_id("filter-as-of").dispatch_event("change")
    county = phone.get_by_test_id("filter-county")
    county.select_option(label=county.locator("option", has_text="台商").inner_text())
    phone.get_by_test_id("filter-level").select_option("county")
    early = phone.get_by_test_id("status-count-completed_early")
    early.wait_for()
    phone.wait_for_function(
        "document.querySelector('[data-testid=status-count-completed_early]').dataset.count === '17'"
    )
    assert phone.get_by_test_id("status-count-ahead").get_attribute("data-count") == "4"
    assert phone.get_by_test_id("status-count-on_schedule").get_attribute("data-count") == "27"
    screenshot(phone, "project-list-taishang-2023-07-31")


def test_wrong_password_is_explained_in_chinese(phone) -> None:
    phone.goto("/")
    phone.get_by_test_id("login-username").fill("supervisor")
    phone.get_by_test_id("login-password").fill("wrong-password")
    phone.get_by_test_id("login-submit").click()
    assert "用户名或密码错误" in phone.get_by_test_id("login-error").inner_text()


def test_open_a_project_and_record_a_monthly_report(desktop) -> None:
    log_in(desktop, "qt_duchashi")
    desktop.get_by_test_id("filter-q").fill("南湾村")
    desktop.get_by_test_id("filter-q").press("Enter")
    row = desktop.locator("[data-testid=project-row]", has_text="南湾村")
    row.first.wait_for()
    row.first.get_by_role("link").first.click()
    desktop.get_by_test_id("project-detail-name").wait_for()
    assert desktop.get_by_test_id("project-lag-reason").inner_text().strip() != ""
    before = desktop.get_by_test_id("progress-report-row").count()
    desktop.get_by_test_id("progress-form-progress").fill("88")
    desktop.get_by_test_id("progress-form-note").fill("护栏已安装,剩余绿化")
    desktop.get_by_test_id("progress-form-submit").click()
    desktop.get_by_test_id("progress-form-success").wait_for()
    desktop.wait_for_function(
        f"document.querySelectorAll('[data-testid=progress-report-row]').length === {before + 1}"
    )
    assert "护栏已安装" in desktop.get_by_test_id("progress-reports").inner_text()
    screenshot(desktop, "project-detail")


def test_import_preview_shows_row_errors_and_blocks_confirm(desktop, tmp_path) -> None:
    bad = tmp_path / "台账.xlsx"
    bad.write_bytes(
        ledger_xlsx({"项目编号": "NEW-1", "项目名称": "新项目", "计划完成时间": "2023/13/01"})
    )
    log_in(desktop, "qt_duchashi")
    desktop.goto("/import")
    desktop.get_by_test_id("import-file").set_input_files(str(bad))
    desktop.get_by_test_id("import-preview").click()
    desktop.get_by_test_id("import-errors").wait_for()
    assert (
        "第 2 行『计划完成时间』无法识别：2023/13/01"
        in desktop.get_by_test_id("import-errors").inner_text()
    )
    assert desktop.get_by_test_id("import-confirm").is_disabled()
    screenshot(desktop, "import-errors")


def test_import_a_good_file_after_preview(desktop, tmp_path) -> None:
    good = tmp_path / "新增项目.xlsx"
    good.write_bytes(
        ledger_xlsx(
            {
                "项目编号": "QT2023-NEW1",
                "项目名称": "鹤城街道口袋公园",
                "层级": "乡镇级",
                "乡镇(街道)": "鹤城街道",
            }
        )
    )
    log_in(desktop, "qt_duchashi")
    desktop.goto("/import")
    desktop.get_by_test_id("import-file").set_input_files(str(good))
    desktop.get_by_test_id("import-preview").click()
    desktop.locator("[data-testid=import-result][data-dry-run=true]").wait_for()
    desktop.get_by_test_id("import-confirm").click()
    desktop.locator("[data-testid=import-result][data-dry-run=false]").wait_for()
    desktop.goto("/projects?q=口袋公园")
    desktop.locator("[data-testid=project-row][data-code=QT2023-NEW1]").wait_for()


def test_import_into_a_chosen_batch_year(desktop, tmp_path) -> None:
    """The office files a new ledger under this year's batch: this year's bulletin counts it."""
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the office's day
    year = today.year
    good = tmp_path / "今年新增.xlsx"
    good.write_bytes(
        ledger_xlsx({"项目编号": "QT-NEXT-1", "项目名称": "鹤城街道公厕", "层级": "乡镇级"})
    )
    log_in(desktop, "qt_duchashi")
    url = f"/api/v1/bulletins/figures?from={year}-01-01&to={today.isoformat()}"

    def counted() -> int:
        return desktop.request.get(url).json()["projects"]["total"]["total"]

    before = counted()  # other tests may have imported into this year too
    desktop.goto("/import")
    desktop.get_by_test_id("import-year").select_option(str(year))
    desktop.get_by_test_id("import-file").set_input_files(str(good))
    desktop.get_by_test_id("import-preview").click()
    desktop.locator("[data-testid=import-result][data-dry-run=true]").wait_for()
    desktop.get_by_test_id("import-confirm").click()
    desktop.locator("[data-testid=import-result][data-dry-run=false]").wait_for()
    assert counted() == before + 1
    last_year = f"/api/v1/bulletins/figures?from={year - 1}-01-01&to={today.isoformat()}"
    assert (
        desktop.request.get(f"{last_year}&year={year - 1}").json()["projects"]["total"]["total"]
        == 0
    )  # no demo project is of last year's batch, nor is this one


def test_inspector_sees_no_import_or_export(phone) -> None:
    log_in(phone, "ts_duchayuan1", start="/projects")
    assert phone.get_by_test_id("import-link").count() == 0
    assert phone.get_by_test_id("export-link").count() == 0


def test_admin_creates_a_deputy(desktop) -> None:
    log_in(desktop, "admin")
    desktop.goto("/users")
    desktop.get_by_test_id("user-create-username").fill("new_deputy")
    desktop.get_by_test_id("user-create-display-name").fill("王代表")
    desktop.get_by_test_id("user-create-password").fill("deputy-pass-1")
    desktop.get_by_test_id("user-create-role").select_option("deputy")
    desktop.get_by_test_id("user-create-submit").click()
    desktop.get_by_test_id("user-create-success").wait_for()
    desktop.locator("[data-testid=user-row][data-username=new_deputy]").wait_for()


def test_language_switch_to_english(phone) -> None:
    log_in(phone)
    phone.get_by_test_id("header-menu").click()  # on a phone, language and logout are in the menu
    phone.get_by_test_id("lang-switch").click()
    phone.wait_for_function(
        "document.body.innerText.includes('Logout') || document.body.innerText.includes('Log out')"
    )
    assert re.search(r"[A-Za-z]", phone.get_by_test_id("status-badge").first.inner_text())
