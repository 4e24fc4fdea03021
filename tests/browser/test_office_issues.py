"""The office's problem ledger on a 360 px phone: the demo supervisor opens /office/issues, finds a
problem in 发现, assigns it (交办) to a unit with a deadline and requirements, and sees the slip
number 督交〔年〕N号, the new state and the deadline's colour chip, on the problem and in the list."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"
PROJECT = "TS2023-001"  # 东园镇中心小学综合楼新建工程
UNIT = "农林水与生态环境局"
SLIP = re.compile(r"^督交〔\d{4}〕\d+号$")


def log_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/projects")
    page.get_by_test_id("login-username").fill("supervisor")
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("project-row").first.wait_for()


def record_problem(page, title: str) -> str:  # type: ignore[no-untyped-def]
    """A problem in 发现 on the demo project, recorded through sync as the office may."""
    me = page.request.get("/api/v1/auth/me")
    assert me.ok, me.text()
    headers = {"X-CSRF-Token": me.json()["csrf_token"]}
    projects = page.request.get(f"/api/v1/projects?q={PROJECT}").json()["items"]
    issue_id = str(uuid.uuid4())
    args = {
        "id": issue_id,
        "project_id": projects[0]["id"],
        "title": title,
        "description": "教学楼二楼走廊护栏松动，学生倚靠有坠落危险",
        "severity": "high",
        "suggested_unit": UNIT,
    }
    push = page.request.post(
        "/api/v1/sync/push",
        data={
            "client_id": str(uuid.uuid4()),
            "schema_version": 1,
            "mutations": [{"id": 1, "name": "issue.create", "args": args}],
        },
        headers=headers,
    )
    assert push.ok and push.json()["results"][0]["status"] == "applied", push.text()
    return issue_id


def office_today() -> datetime:
    return datetime.now(ZoneInfo("Asia/Shanghai"))


def test_the_office_assigns_a_found_problem_and_sees_its_slip(phone) -> None:
    log_in(phone)
    title = f"护栏松动 {uuid.uuid4().hex[:6]}"
    issue_id = record_problem(phone, title)

    phone.get_by_test_id("nav-issues").click()
    phone.get_by_test_id("issues-page").wait_for()
    phone.get_by_test_id("issue-count-found").wait_for()
    # on a phone the filters are folded under the counts
    expect(phone.get_by_test_id("issues-filter-q")).to_be_hidden()
    phone.get_by_test_id("issues-filter-toggle").click()
    phone.get_by_test_id("issues-filter-q").fill(title)
    phone.get_by_test_id("issues-filter-q").press("Enter")
    row = phone.locator(f"[data-testid=issue-row][data-id='{issue_id}']")
    row.wait_for()
    assert row.get_by_test_id("issue-state").inner_text() == "发现"
    # the search answer may come after the unfiltered list: wait for it, do not count at once
    expect(phone.get_by_test_id("issue-row")).to_have_count(1)
    row.click()

    phone.locator(f"[data-testid=issue-detail][data-id='{issue_id}']").wait_for()
    phone.get_by_test_id("issue-action-assign").click()
    unit = phone.get_by_test_id("issue-unit")
    # the finder's suggested unit is preselected once the units arrive
    phone.wait_for_function(
        "document.querySelector('[data-testid=issue-unit]').selectedOptions[0]?.textContent"
        f" === '{UNIT}'"
    )
    deadline = (office_today() + timedelta(days=2)).date().isoformat()
    phone.get_by_test_id("issue-deadline").fill(deadline)
    phone.get_by_test_id("issue-requirements").fill("三日内加固护栏并设置警示标志")
    phone.get_by_test_id("issue-action-confirm").click()

    done = phone.get_by_test_id("issue-done")
    done.wait_for()
    code = phone.get_by_test_id("issue-slip-code").inner_text()
    assert SLIP.match(code), code
    assert done.inner_text() == f"已交办，交办单号 {code}"
    assert phone.get_by_test_id("issue-state").inner_text() == "已交办"
    assert phone.get_by_test_id("issue-unit-name").inner_text() == UNIT
    assert "三日内加固护栏" in phone.get_by_test_id("issue-slip-requirements").inner_text()
    chip = phone.get_by_test_id("deadline-chip")
    assert chip.get_attribute("data-colour") == "yellow"
    assert chip.text_content() == "黄 剩 2 天"
    assert unit.count() == 0  # the form closed: nothing more for the office until the unit acts
    events = phone.get_by_test_id("issue-event")
    assert code in events.last.inner_text() and "发现 → 已交办" in events.last.inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the problem is {width}px wide at 360px"
    phone.get_by_test_id("issue-title").scroll_into_view_if_needed()
    screenshot(phone, "office-issue-assigned-360")

    phone.get_by_test_id("issues-back").click()
    row = phone.locator(f"[data-testid=issue-row][data-id='{issue_id}']")
    row.locator("[data-testid=issue-state][data-state=assigned]").wait_for()
    assert row.get_by_test_id("deadline-chip").get_attribute("data-colour") == "yellow"
    assert code in row.inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the ledger is {width}px wide at 360px"
    row.scroll_into_view_if_needed()
    screenshot(phone, "office-issues-list-360")


def test_a_move_that_lost_a_race_is_said_and_the_problem_read_again(desktop) -> None:
    log_in(desktop)
    title = f"化粪池异味 {uuid.uuid4().hex[:6]}"
    issue_id = record_problem(desktop, title)
    desktop.goto(f"/office/issues/{issue_id}")
    desktop.get_by_test_id("issue-action-reject").click()
    desktop.get_by_test_id("issue-reason").fill("属于日常维护，不列入民生实事")
    # meanwhile a colleague rejects it on another screen
    me = desktop.request.get("/api/v1/auth/me").json()
    other = desktop.request.post(
        f"/api/v1/issues/{issue_id}/transitions",
        data={"to": "rejected", "expected_from": "found", "reason": "同事已处理"},
        headers={"X-CSRF-Token": me["csrf_token"]},
    )
    assert other.ok, other.text()
    desktop.get_by_test_id("issue-action-confirm").click()
    conflict = desktop.get_by_test_id("issue-conflict")
    conflict.wait_for()
    assert "问题已是「不予处理」" in conflict.inner_text()
    desktop.locator("[data-testid=issue-detail][data-state=rejected]").wait_for()
    expect(desktop.get_by_test_id("issue-no-actions")).to_be_visible()
    expect(desktop.get_by_test_id("issue-event").last).to_contain_text("同事已处理")
    screenshot(desktop, "office-issue-conflict-desktop")
