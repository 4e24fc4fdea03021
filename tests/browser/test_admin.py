"""The administrator's pages in a real Chromium at 360×740 and at 1280×800: the admin builds a
region tree and a unit, creates an office account with a one-time password, scopes it to a
county and resets its password; its user logs in, is sent to choose a password, and lands in
the ledger seeing only that county."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import screenshot
from tests.projects.ledger.factories import workbook_bytes

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"


def log_in(page, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def node(page, name: str):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-testid=region-node][data-name='{name}']").first


def add_region(page, parent: str | None, level: str, name: str, code: str = "") -> None:  # type: ignore[no-untyped-def]
    if parent is None:
        page.get_by_test_id("region-add-root").click()
    else:
        node(page, parent).locator("> .region-row [data-testid=region-add-child]").click()
    form = page.get_by_test_id("region-form")
    form.get_by_test_id("region-form-level").select_option(level)
    form.get_by_test_id("region-form-name").fill(name)
    if code:
        form.get_by_test_id("region-form-code").fill(code)
    form.get_by_test_id("region-form-submit").click()
    node(page, name).wait_for()


def region_id(page, name: str) -> int:  # type: ignore[no-untyped-def]
    found = region_id_or_none(page, name)
    assert found is not None, name
    return found


def region_id_or_none(page, name: str) -> int | None:  # type: ignore[no-untyped-def]
    def walk(nodes: list[dict[str, Any]]) -> int | None:
        for n in nodes:
            if n["name"] == name:
                return int(n["id"])
            found = walk(n["children"])
            if found is not None:
                return found
        return None

    return walk(page.request.get("/api/v1/regions/tree").json()["items"])


#: the elements reaching past the viewport's right edge (to name them when a page is too wide)
WIDEST = """(width) => [...document.querySelectorAll('body *')]
  .filter((e) => e.getBoundingClientRect().right > width)
  .slice(0, 5).map((e) => e.tagName + '.' + e.className + ' ' + e.getBoundingClientRect().right)"""


def fits(page, width: int) -> None:  # type: ignore[no-untyped-def]
    scroll = page.evaluate("document.documentElement.scrollWidth")
    widest = page.evaluate(WIDEST, width)
    assert scroll <= width, f"page is {scroll}px wide at a {width}px viewport: {widest}"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_admin_sets_up_a_county_and_an_office_user_gets_in(request, viewport: str) -> None:  # type: ignore[no-untyped-def]
    page = request.getfixturevalue(viewport)
    width = 360 if viewport == "phone" else 1280
    tag = "甲" if viewport == "phone" else "乙"
    log_in(page, "admin", PASSWORD)
    page.get_by_test_id("project-row").first.wait_for()

    # 地区与单位: a province, a county under it, a township under the county; rename the county
    page.get_by_test_id("nav-regions").click()
    page.get_by_test_id("region-tree").wait_for()
    add_region(page, None, "province", f"测试{tag}省", code=f"99{ord(tag) % 10000:04d}")
    add_region(page, f"测试{tag}省", "county", f"新设{tag}县")
    add_region(page, f"新设{tag}县", "township", f"城关{tag}镇")
    node(page, f"新设{tag}县").locator("> .region-row [data-testid=region-edit]").click()
    page.get_by_test_id("region-form-name").fill(f"新建{tag}县")
    page.get_by_test_id("region-form-submit").click()
    node(page, f"新建{tag}县").wait_for()
    assert node(page, f"新建{tag}县").get_attribute("data-level") == "county"
    assert "尚无督查员" in node(page, f"城关{tag}镇").inner_text()

    # a unit of the new county, with its contact
    county_id = region_id(page, f"新建{tag}县")
    page.get_by_test_id("units-county").select_option(str(county_id))
    page.get_by_test_id("unit-add").click()
    page.get_by_test_id("unit-form-code").fill(f"XJ-SL-{viewport}")
    page.get_by_test_id("unit-form-name").fill("县水利局")
    page.get_by_test_id("unit-form-contact-person").fill("王工")
    page.get_by_test_id("unit-form-contact-phone").fill("0578-6812345")
    page.get_by_test_id("unit-form-submit").click()
    unit = page.locator(f"[data-testid=unit-row][data-code=XJ-SL-{viewport}]")
    unit.wait_for()
    assert "王工" in unit.inner_text() and "0578-6812345" in unit.inner_text()
    units = page.request.get(f"/api/v1/regions/{county_id}/units").json()["items"]
    assert [(u["name"], u["contact_person"]) for u in units] == [("县水利局", "王工")]
    fits(page, width)
    screenshot(page, f"admin-regions-{viewport}")

    # 用户管理: an office account without a password gets a one-time one, shown once
    username = f"office.{viewport}"
    page.get_by_test_id("nav-users").click()
    page.get_by_test_id("user-create-username").fill(username)
    page.get_by_test_id("user-create-display-name").fill(f"督查室{tag}")
    page.get_by_test_id("user-create-role").select_option("supervisor")
    page.get_by_test_id("user-create-region").select_option(str(county_id))
    page.get_by_test_id("user-create-submit").click()
    page.get_by_test_id("one-time-password").wait_for()
    first_password = page.get_by_test_id("one-time-password").inner_text().strip()
    page.get_by_test_id("one-time-close").click()
    row = page.locator(f"[data-testid=user-row][data-username='{username}']")
    assert f"新建{tag}县" in row.inner_text()
    assert "待改密码" in row.inner_text()

    # scope it to 青田县 instead, then reset its password
    qingtian = region_id(page, "青田县")
    row.get_by_test_id("user-edit-open").click()
    page.get_by_test_id("user-edit-region").select_option(str(qingtian))
    page.get_by_test_id("user-edit-submit").click()
    page.get_by_test_id("user-edit-form").wait_for(state="detached")
    assert "青田县" in row.inner_text()
    row.get_by_test_id("user-reset").click()
    row.get_by_test_id("user-reset-confirm").click()
    page.get_by_test_id("one-time-password").wait_for()
    password = page.get_by_test_id("one-time-password").inner_text().strip()
    assert password and password != first_password
    fits(page, width)
    screenshot(page, f"admin-users-{viewport}")
    page.context.clear_cookies()  # the admin leaves (the header's logout moves into a menu on phones)

    # the user: the reset password gets in, but only to choose their own
    log_in(page, username, first_password)
    page.get_by_test_id("login-error").wait_for()  # the first one-time password is gone
    log_in(page, username, password)
    page.get_by_test_id("password-forced").wait_for()
    assert page.get_by_test_id("nav-projects").count() == 0
    page.get_by_test_id("password-current").fill(password)
    page.get_by_test_id("password-new").fill("my-own-pass-2026")
    page.get_by_test_id("password-repeat").fill("my-own-pass-2027")
    page.get_by_test_id("password-submit").click()
    assert page.get_by_test_id("password-repeat-error").inner_text() == "两次输入的新密码不一致"
    if viewport == "desktop":  # the server's rule, in Chinese (the phone fixture fails on a 4xx)
        page.get_by_test_id("password-new").fill("short")
        page.get_by_test_id("password-repeat").fill("short")
        page.get_by_test_id("password-submit").click()
        assert "至少 8 位" in page.get_by_test_id("password-new-error").inner_text()
    page.get_by_test_id("password-new").fill("my-own-pass-2026")
    page.get_by_test_id("password-repeat").fill("my-own-pass-2026")
    page.get_by_test_id("password-submit").click()

    # …and lands in the ledger, seeing 青田县's projects only
    page.get_by_test_id("project-row").first.wait_for()
    assert page.get_by_test_id("change-password").count() == 0
    items = page.request.get("/api/v1/projects?per_page=500").json()["items"]
    assert items and {p["county"]["name"] for p in items} == {"青田县"}
    assert page.get_by_test_id("filter-county").count() == 0  # one county: no county filter
    fits(page, width)
    screenshot(page, f"admin-user-lands-{viewport}")


def test_workbook_imports_preview_their_errors_then_import(desktop, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Townships, villages and units into 青田县, then two accounts, each from an XLSX: a bad
    file lists its errors by sheet, row and column and cannot be imported; a good one is
    previewed, then imported, and the accounts' one-time passwords are listed to print."""
    regions, units = ["乡镇(街道)", "乡镇代码", "村(社区)", "村代码"], ["单位编码", "单位名称", "联系人", "联系电话"]  # fmt: skip
    bad = tmp_path / "地区-有误.xlsx"
    bad.write_bytes(
        workbook_bytes([regions, ["导入镇", None, "导入村", None], [None, None, "孤村", None]])
    )
    good = tmp_path / "地区.xlsx"
    good.write_bytes(
        workbook_bytes(
            [regions, ["导入镇", None, "导入村", None]],
            [units, ["QT-IMP", "县导入局", "赵工", "6800000"]],
        )
    )  # fmt: skip
    log_in(desktop, "admin", PASSWORD)
    desktop.get_by_test_id("project-row").first.wait_for()
    desktop.goto("/admin/regions")
    qingtian = region_id(desktop, "青田县")
    desktop.get_by_test_id("units-county").select_option(str(qingtian))
    form = desktop.get_by_test_id("region-import")
    form.get_by_test_id("region-import-file").set_input_files(str(bad))
    form.get_by_test_id("region-import-preview").click()
    error = form.get_by_test_id("region-import-error-row")
    error.wait_for()
    assert [c.strip() for c in error.locator("td").all_inner_texts()] == [
        "Sheet1", "3", "乡镇(街道)", "不能为空",
    ]  # fmt: skip
    assert form.get_by_test_id("region-import-submit").is_disabled()

    form.get_by_test_id("region-import-file").set_input_files(str(good))
    form.get_by_test_id("region-import-preview").click()
    assert "将新增乡镇 1 个、村（社区） 1 个，新增单位 1 个" in (
        form.get_by_test_id("region-import-result").inner_text()
    )
    assert region_id_or_none(desktop, "导入镇") is None  # a preview writes nothing
    form.get_by_test_id("region-import-submit").click()
    form.get_by_text("导入完成").wait_for()
    node(desktop, "导入镇").wait_for()
    desktop.locator("[data-testid=unit-row][data-code=QT-IMP]").wait_for()

    accounts = tmp_path / "账号.xlsx"
    accounts.write_bytes(
        workbook_bytes(
            [
                ["用户名", "姓名", "角色", "所辖地区", "负责乡镇", "单位编码"],
                ["imp.insp", "导入督查员", "督查员", None, "导入镇", None],
                ["imp.unit", "导入局", "责任单位", None, None, "QT-IMP"],
            ]
        )
    )
    desktop.goto("/users")
    bulk = desktop.get_by_test_id("user-import")
    bulk.get_by_test_id("user-import-file").set_input_files(str(accounts))
    bulk.get_by_test_id("user-import-preview").click()
    assert "将新建 2 个账号" in bulk.get_by_test_id("user-import-result").inner_text()
    bulk.get_by_test_id("user-import-submit").click()
    desktop.locator("[data-testid=one-time-row][data-username='imp.unit']").wait_for()
    passwords = desktop.get_by_test_id("one-time-password").all_inner_texts()
    assert len(passwords) == 2 and all(len(p.strip()) >= 8 for p in passwords)
    desktop.locator("[data-testid=user-row][data-username='imp.insp']").wait_for()
    desktop.goto("/admin/regions")
    assert "导入督查员" in node(desktop, "导入镇").get_by_test_id("region-inspectors").inner_text()
