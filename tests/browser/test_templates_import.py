"""导入 XLSForm in the office's browser (issue 13): a form with rows 现场 cannot map is refused
row by row in Chinese and nothing is stored; a KoboToolbox safety check is previewed item by
item, then imported as a new checklist whose XLSForm can be downloaded again."""

from __future__ import annotations

import re

from tests.browser.field import PASSWORD
from tests.browser.test_templates import retire
from tests.inspections.xlsforms import safety_check, unsupported_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(name: str, data: bytes) -> dict:  # type: ignore[type-arg]
    return {"name": name, "mimeType": XLSX, "buffer": data}


def test_the_office_imports_an_xlsform_after_a_preview(desktop) -> None:
    page = desktop
    page.goto("/login")
    page.get_by_test_id("login-username").fill("ts_duchashi")
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/projects"))
    page.goto("/office/templates")
    page.get_by_test_id("tpl-import-open").click()
    page.get_by_test_id("tpl-import").wait_for()
    assert page.get_by_test_id("tpl-import-go").is_disabled()  # nothing before a preview

    page.get_by_test_id("tpl-import-file").set_input_files(_file("odk.xlsx", unsupported_form()))
    page.get_by_test_id("tpl-import-preview").click()
    page.get_by_test_id("tpl-import-refused").wait_for()
    rows = page.get_by_test_id("tpl-import-refused-row")
    assert rows.count() == 9
    assert [rows.nth(i).get_attribute("data-row") for i in range(2)] == ["2", "3"]
    assert rows.first.inner_text().startswith("『survey』工作表第 2 行")
    assert page.get_by_test_id("tpl-import-go").is_disabled()

    page.get_by_test_id("tpl-import-file").set_input_files(_file("安全.xlsx", safety_check()))
    page.get_by_test_id("tpl-import-preview").click()
    page.get_by_test_id("tpl-import-items").wait_for()
    labels = page.locator("[data-testid=tpl-import-items] .tpl-view-label").all_inner_texts()
    assert labels[0].rstrip(" *") == "存在安全隐患"
    assert page.get_by_test_id("tpl-import-refused").count() == 0
    page.get_by_test_id("tpl-import-go").click()
    page.wait_for_url(re.compile(r"/office/templates/[0-9a-f-]{36}$"))
    page.locator("[data-testid=tpl-page][data-version='1']").wait_for()
    retire(page, page.url.rsplit("/", 1)[1])  # the other browser tests' phones must not pick it
    shown = page.locator("[data-testid=tpl-view-item] .tpl-view-label").all_inner_texts()
    assert [s.rstrip(" *") for s in shown] == [s.rstrip(" *") for s in labels]
    assert "施工安全检查" in page.locator("h1").inner_text()
    export = page.request.get(page.get_by_test_id("tpl-export").get_attribute("href") or "")
    assert export.ok and export.headers["content-type"].startswith(XLSX)
