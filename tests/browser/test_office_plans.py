"""The office's planning screen on a 360 px phone: the demo district supervisor builds a 随机查 of 5
projects stratified by township, sees its seed, redraws it identically and gives a 洛阳镇 task to
陈志强, whose phone then lists it under 督查室派发的任务; and sends him back (回头看) to a rectified
problem's project from the problem's page."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import PASSWORD
from tests.browser.problems import rectified_problem

pytestmark = pytest.mark.browser
SUPERVISOR = "ts_duchashi"
INSPECTOR = "ts_duchayuan1"  # 陈志强: 洛阳镇, 东园镇


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The supervisor's phone; fails the test on a page error."""
    context = phone_context(browser, live_server)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert errors == []


@pytest.fixture
def inspector_phone(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """陈志强's own phone (another browser context)."""
    context = phone_context(browser, live_server)
    yield context.new_page()
    context.close()


def log_in(page, username: str, lands_on: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(lands_on + "$"))


def inspector_sees_task(page, project: str, plan: str, shot: str) -> None:  # type: ignore[no-untyped-def]
    """The inspector's phone, once synced, lists the task under 督查室派发的任务."""
    log_in(page, INSPECTOR, "/field")
    tasks = page.get_by_test_id("assigned-tasks")
    expect(tasks).to_contain_text("督查室派发的任务", timeout=60_000)
    task = tasks.get_by_test_id("assigned-task").filter(has_text=plan)
    expect(task).to_contain_text(project, timeout=60_000)
    screenshot(page, shot)


def test_random_check_drawn_checked_assigned_and_on_the_inspectors_phone(
    context, inspector_phone
) -> None:
    name = f"7月随机查-{uuid.uuid4().hex[:4]}"
    page = context.new_page()
    log_in(page, SUPERVISOR, "/projects")
    page.get_by_test_id("nav-plans").click()
    page.wait_for_url(re.compile(r"/office/plans$"))
    page.get_by_test_id("plan-new").click()
    expect(page.get_by_test_id("plan-kind")).to_have_value("random")
    page.get_by_test_id("plan-name").fill(name)
    page.get_by_test_id("plan-size").fill("5")
    page.get_by_test_id("plan-as-of").fill("2023-07-31")  # the demo's report day
    page.get_by_test_id("plan-stratify").check()
    page.get_by_test_id("plan-preview-submit").click()

    projects = page.get_by_test_id("plan-preview-project")
    expect(projects).to_have_count(5)
    expect(page.get_by_test_id("plan-preview-summary")).to_contain_text("符合条件的项目 45 个")
    # every township of the district is in the sample
    for township in ("洛阳镇", "东园镇", "张坂镇", "百崎回族乡"):
        drawn = page.locator(f"[data-testid=plan-preview-project][data-township='{township}']")
        expect(drawn).not_to_have_count(0)
    page.get_by_test_id("plan-preview").scroll_into_view_if_needed()
    screenshot(page, "plans-preview-360")
    page.get_by_test_id("plan-create").click()

    page.wait_for_url(re.compile(r"/office/plans/\d+\?created=1$"))
    seed = page.get_by_test_id("plan-seed")
    expect(seed).to_have_text(re.compile(r"^\d+$"))
    expect(page.get_by_test_id("plan-created")).to_contain_text(f"随机种子 {seed.inner_text()}")
    expect(page.get_by_test_id("plan-population")).to_have_text("45 个项目")
    expect(page.get_by_test_id("plan-task")).to_have_count(5)
    expect(page.get_by_test_id("plan-task-status").first).to_have_text("待检查")

    page.get_by_test_id("plan-redraw").click()
    result = page.get_by_test_id("plan-redraw-result")
    expect(result).to_contain_text("重抽结果一致")
    expect(result).to_have_attribute("data-same", "true")
    page.get_by_test_id("plan-name").scroll_into_view_if_needed()
    screenshot(page, "plans-detail-360")

    task = page.locator("[data-testid=plan-task][data-township='洛阳镇']").first
    project = task.locator(".plan-project-name").inner_text()
    chen = task.get_by_test_id("plan-task-pick").locator("option", has_text="陈志强")
    task.get_by_test_id("plan-task-pick").select_option(chen.get_attribute("value"))
    task.get_by_test_id("plan-task-assign").click()
    expect(page.get_by_test_id("plan-assign-done")).to_contain_text("已派给 陈志强")
    expect(
        page.locator("[data-testid=plan-task][data-township='洛阳镇']").first.get_by_test_id(
            "plan-task-assignee"
        )
    ).to_contain_text("陈志强")
    screenshot(page, "plans-assigned-360")

    page.get_by_test_id("plans-back").click()
    row = page.get_by_test_id("plan-row").filter(has_text=name)
    expect(row.get_by_test_id("plan-row-tally")).to_have_text("已完成 0/5 · 4 项未派")
    screenshot(page, "plans-list-360")
    page.close()

    inspector_sees_task(inspector_phone, project, name, "plans-inspector-task-360")


def test_a_rectified_problem_sends_an_inspector_back(context, inspector_phone) -> None:
    title = f"操场围栏倒伏-{uuid.uuid4().hex[:4]}"
    issue_id = rectified_problem(context, title)
    context.clear_cookies()
    page = context.new_page()
    log_in(page, SUPERVISOR, "/projects")
    page.goto(f"/office/issues/{issue_id}")
    expect(page.get_by_test_id("issue-detail")).to_have_attribute("data-state", "rectified")
    page.get_by_test_id("issue-revisit-start").click()
    pick = page.get_by_test_id("issue-revisit-pick")
    chen = pick.locator("option", has_text="陈志强")
    expect(chen).to_have_count(1)
    pick.select_option(chen.get_attribute("value"))
    page.get_by_test_id("issue-revisit-send").click()
    expect(page.get_by_test_id("issue-revisit-done")).to_contain_text("已派 陈志强")
    screenshot(page, "plans-issue-revisit-360")

    page.get_by_test_id("issue-revisit-plan").click()
    page.wait_for_url(re.compile(r"/office/plans/\d+$"))
    expect(page.get_by_test_id("plan-name")).to_have_text(f"回头看：{title}")
    expect(page.get_by_test_id("plan-task-assignee")).to_contain_text("陈志强")
    page.close()

    inspector_sees_task(
        inspector_phone,
        "东园镇中心小学综合楼新建工程",
        f"回头看：{title}",
        "plans-inspector-revisit-360",
    )
