"""检查表 end to end (issue 13): the Taishang office designs a checklist on a desktop and
publishes it; the inspector's phone (360 px) pulls it and captures with it (a bad answer offers a
problem draft, too few photos hold 提交 back); the office publishes version 2; the phone pulls
it, goes offline, captures with version 2 and syncs; the project log still shows the first
inspection against version 1."""

from __future__ import annotations

import re

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE, PASSWORD, log_in, open_project, sample_photos, wait_synced

OFFICE = "ts_duchashi"
PROJECT = "TS2023-001"
NAME = "学校工程现场检查表"


def _office(page, live_server: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    page.goto("/login")
    page.get_by_test_id("login-username").fill(OFFICE)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/projects"))
    found = page.request.get("/api/v1/projects", params={"q": PROJECT}).json()["items"]
    return next(p for p in found if p["code"] == PROJECT)


def retire(page, template_id: str) -> None:  # type: ignore[no-untyped-def]
    """Retire a checklist the test made: the live demo server is shared by every browser test,
    and a county checklist would be the one their phones pick."""
    csrf = page.request.get("/api/v1/auth/me").json()["csrf_token"]
    response = page.request.post(
        f"/api/v1/templates/{template_id}/retire", headers={"X-CSRF-Token": csrf}
    )
    assert response.ok, response.text()


def _item(page, index: int):  # type: ignore[no-untyped-def]
    return page.get_by_test_id("tpl-item-edit").nth(index)


def _design_v1(page, county_id: int) -> str:  # type: ignore[no-untyped-def]
    assert page.get_by_test_id("nav-templates").count() == 1  # the office's 检查表 tab
    page.goto("/office/templates")
    page.get_by_test_id("tpl-list").wait_for()
    page.get_by_test_id("tpl-new").click()
    page.get_by_test_id("tpl-editor").wait_for()
    page.get_by_test_id("tpl-name").fill(NAME)
    page.get_by_test_id("tpl-county").select_option(str(county_id))
    page.get_by_test_id("tpl-kind-revisit").check()
    # 1 存在安全隐患: 是 is the problem, and it opens a problem draft
    first = _item(page, 0)
    first.get_by_test_id("tpl-item-label").fill("存在安全隐患")
    first.get_by_test_id("tpl-item-bad-select").select_option("yes")
    assert first.get_by_test_id("tpl-item-opens-problem").is_checked()
    # 2 教室数量: a whole number from 1 to 50
    page.get_by_test_id("tpl-item-add").click()
    second = _item(page, 1)
    second.get_by_test_id("tpl-item-kind").select_option("number")
    second.get_by_test_id("tpl-item-label").fill("教室数量")
    second.get_by_test_id("tpl-item-unit").fill("间")
    second.get_by_test_id("tpl-item-min").fill("1")
    second.get_by_test_id("tpl-item-min").blur()
    second.get_by_test_id("tpl-item-max").fill("50")
    second.get_by_test_id("tpl-item-max").blur()
    second.get_by_test_id("tpl-item-integer").check()
    # 3 配套设施: several of three options
    page.get_by_test_id("tpl-item-add").click()
    third = _item(page, 2)
    third.get_by_test_id("tpl-item-kind").select_option("multiple_choice")
    third.get_by_test_id("tpl-item-label").fill("配套设施")
    third.get_by_test_id("tpl-item-option-0").fill("操场")
    third.get_by_test_id("tpl-item-option-1").fill("食堂")
    third.get_by_test_id("tpl-item-option-add").click()
    third.get_by_test_id("tpl-item-option-2").fill("围墙破损")
    third.get_by_test_id("tpl-item-bad-opt-2").check()
    # 4 现场照片: at least two
    page.get_by_test_id("tpl-item-add").click()
    fourth = _item(page, 3)
    fourth.get_by_test_id("tpl-item-kind").select_option("photo")
    fourth.get_by_test_id("tpl-item-label").fill("现场照片")
    fourth.get_by_test_id("tpl-item-min-count").fill("2")
    fourth.get_by_test_id("tpl-item-min-count").blur()
    # moved up and back down: the order is the office's
    fourth.get_by_test_id("tpl-item-up").click()
    assert _item(page, 2).get_by_test_id("tpl-item-label").input_value() == "现场照片"
    _item(page, 2).get_by_test_id("tpl-item-down").click()
    page.get_by_test_id("tpl-publish").click()
    page.wait_for_url(re.compile(r"/office/templates/[0-9a-f-]{36}$"))
    page.locator("[data-testid=tpl-page][data-version='1']").wait_for()
    labels = page.locator("[data-testid=tpl-view-item] .tpl-view-label").all_inner_texts()
    assert [label.rstrip(" *") for label in labels] == [
        "存在安全隐患",
        "教室数量",
        "配套设施",
        "现场照片",
    ]
    screenshot(page, "templates-designer-v1-desktop")
    return page.url.rsplit("/", 1)[1]


def _publish_v2(page, v1: str) -> str:  # type: ignore[no-untyped-def]
    page.goto(f"/office/templates/{v1}")
    page.get_by_test_id("tpl-edit").click()
    page.get_by_test_id("tpl-editor-next").wait_for()
    _item(page, 1).get_by_test_id("tpl-item-label").fill("教室数量（含功能室）")
    page.get_by_test_id("tpl-item-add").click()
    fifth = _item(page, 4)
    fifth.get_by_test_id("tpl-item-kind").select_option("date")
    fifth.get_by_test_id("tpl-item-label").fill("竣工日期")
    fifth.get_by_test_id("tpl-item-required").uncheck()
    page.get_by_test_id("tpl-publish").click()
    page.locator("[data-testid=tpl-page][data-version='2']").wait_for()
    v2 = page.url.rsplit("/", 1)[1]
    assert v2 != v1
    page.locator("[data-testid=tpl-history-row][data-version='1']").wait_for()
    assert page.get_by_test_id("tpl-history-row").count() == 2
    # the old version stays readable, read-only
    page.goto(f"/office/templates/{v1}")
    page.get_by_test_id("tpl-readonly").wait_for()
    assert page.get_by_test_id("tpl-edit").count() == 0
    return v2


def _start(page, name: str, version: int) -> None:  # type: ignore[no-untyped-def]
    open_project(page, PROJECT)
    page.get_by_test_id("kind-revisit").click()
    page.locator("[data-testid=gps-card][data-state=ok]").first.wait_for()
    page.get_by_test_id("start-inspection").click()
    page.wait_for_url(re.compile(r"/field/inspections/[0-9a-f-]{36}$"))
    page.get_by_test_id("checklist").wait_for()
    assert f"{name}（第 {version} 版）" in page.locator("h1").inner_text()


def _capture_v1(page, photos: list[str]) -> str:  # type: ignore[no-untyped-def]
    _start(page, NAME, 1)
    inspection_id = page.url.rsplit("/", 1)[1]
    # another allowed checklist could be chosen before the first answer
    assert page.get_by_test_id("template-switch-select").count() == 1
    # 是 to 存在安全隐患 is this item's bad answer: red, with a problem draft offered
    page.get_by_test_id("answer-1-yes").click()
    page.locator("[data-testid=check-item][data-bad=true]").wait_for()
    page.get_by_test_id("answer-1-problem").click()
    description = page.get_by_test_id("problem-description")
    assert description.input_value() == "存在安全隐患：是。"
    page.get_by_test_id("problem-discard").click()
    page.get_by_test_id("problem-discard").click()  # 确定放弃
    page.get_by_test_id("problem-form").wait_for(state="detached")
    assert page.get_by_test_id("template-switch").count() == 0  # answered: the version is kept
    # a number out of bounds is refused at once
    page.get_by_test_id("answer-2").fill("60")
    page.get_by_test_id("answer-2").blur()
    assert "超出范围" in page.get_by_test_id("answer-2-error").inner_text()
    page.get_by_test_id("answer-2").fill("24")
    page.get_by_test_id("answer-2").blur()
    page.get_by_test_id("answer-3-opt-0").check()
    page.get_by_test_id("answer-3-opt-1").check()
    page.get_by_test_id("photo-4-gallery").set_input_files(photos[:1])
    page.locator("[data-testid=photos-4][data-count='1']").wait_for(timeout=20_000)
    page.get_by_test_id("inspection-submit").click()
    assert "至少需要 2 张照片" in page.get_by_test_id("submit-blocked").inner_text()
    page.get_by_test_id("photo-4-gallery").set_input_files(photos[1:2])
    page.locator("[data-testid=photos-4][data-count='2']").wait_for(timeout=20_000)
    page.get_by_test_id("submit-blocked").wait_for(state="detached")  # it follows the answers
    screenshot(page, "templates-capture-v1-360")
    page.get_by_test_id("inspection-submit").click()
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
    wait_synced(page)
    return inspection_id


def _capture_v2_offline(page, photos: list[str]) -> str:  # type: ignore[no-untyped-def]
    page.goto("/field")
    page.get_by_test_id("sync-now").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')"
    )
    page.context.set_offline(True)
    _start(page, NAME, 2)
    inspection_id = page.url.rsplit("/", 1)[1]
    labels = page.locator("[data-testid=check-item] .check-label").all_inner_texts()
    assert any("教室数量（含功能室）" in label for label in labels)
    assert page.get_by_test_id("answer-5").get_attribute("type") == "date"
    page.get_by_test_id("answer-1-no").click()
    assert page.locator("[data-testid=check-item][data-bad=true]").count() == 0  # 否 is fine here
    page.get_by_test_id("answer-2").fill("30")
    page.get_by_test_id("answer-2").blur()
    page.get_by_test_id("answer-3-opt-2").check()  # 围墙破损: a bad option
    page.locator("[data-testid=check-item][data-bad=true]").wait_for()
    page.get_by_test_id("photo-4-gallery").set_input_files(photos[:2])
    page.locator("[data-testid=photos-4][data-count='2']").wait_for(timeout=20_000)
    page.get_by_test_id("answer-5").fill("2023-06-30")
    page.get_by_test_id("inspection-submit").click()
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
    assert page.get_by_test_id("sync-status").inner_text().startswith("离线")
    page.context.set_offline(False)
    wait_synced(page)
    return inspection_id


def test_office_designs_versions_and_the_phone_captures_with_them(
    browser, live_server, desktop
) -> None:
    photos = sample_photos()
    project = _office(desktop, live_server)
    v1 = _design_v1(desktop, project["county"]["id"])
    try:
        _capture_both(browser, live_server, desktop, project, photos, v1)
    finally:
        retire(desktop, v1)


def _capture_both(browser, live_server, desktop, project, photos, v1) -> None:  # type: ignore[no-untyped-def]

    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    phone = context.new_page()
    errors: list[str] = []
    phone.on("pageerror", lambda error: errors.append(str(error)))
    try:
        log_in(phone)
        phone.evaluate(
            "navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : false"
        )
        first = _capture_v1(phone, photos)
        _publish_v2(desktop, v1)
        second = _capture_v2_offline(phone, photos)
        screenshot(phone, "templates-capture-v2-offline-360")
    finally:
        context.close()
    assert errors == []

    # the log: each inspection against its own version, red only where the item says so
    desktop.goto(f"/projects/{project['id']}/log")
    desktop.get_by_test_id("log-entry").first.wait_for()
    old = desktop.locator("[data-testid=log-checklist][data-version='1']")
    new = desktop.locator("[data-testid=log-checklist][data-version='2']")
    old.first.locator("summary").click()
    new.first.locator("summary").click()
    old_text = old.first.inner_text()
    assert "教室数量" in old_text and "含功能室" not in old_text and "竣工日期" not in old_text
    assert (
        "教室数量（含功能室）" in new.first.inner_text() and "2023-06-30" in new.first.inner_text()
    )
    bad_old = old.first.locator("[data-testid=log-answer][data-bad=true] dt").all_inner_texts()
    bad_new = new.first.locator("[data-testid=log-answer][data-bad=true] dt").all_inner_texts()
    assert bad_old == ["存在安全隐患"]
    assert bad_new == ["配套设施"]
    assert first != second
    screenshot(desktop, "templates-log-desktop")


def test_the_checklist_pages_fit_a_phone(phone) -> None:
    phone.goto("/login")
    phone.get_by_test_id("login-username").fill(OFFICE)
    phone.get_by_test_id("login-password").fill(PASSWORD)
    phone.get_by_test_id("login-submit").click()
    phone.wait_for_url(re.compile(r"/projects"))
    phone.goto("/office/templates")
    phone.get_by_test_id("tpl-row").first.wait_for()
    phone.goto("/office/templates/new")
    phone.get_by_test_id("tpl-editor").wait_for()
    phone.get_by_test_id("tpl-item-add").click()
    _item(phone, 1).get_by_test_id("tpl-item-kind").select_option("number")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, width
    # publishing with nothing filled in says what to fix, in Chinese, and sends nothing
    phone.get_by_test_id("tpl-publish").click()
    assert "请先改正" in phone.get_by_test_id("tpl-editor-invalid").inner_text()
    assert "请填写检查内容" in phone.get_by_test_id("tpl-item-errors").first.inner_text()
    screenshot(phone, "templates-editor-360")
