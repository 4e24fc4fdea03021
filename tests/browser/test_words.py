"""Each screen tells the truth, at 360 px (issue 14, "Words"): a problem of a returned inspection
(退回) shows 所属检查已退回 in the ledger and on its page; 交办 starts from the inspector's
suggested unit and deadline; a submitted inspection offers no 记录问题; a 随机查 names its
algorithm in Chinese. Everything is set up through the sync and REST APIs a phone and the office
use."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import INSPECTOR, PASSWORD
from tests.browser.problems import push_as

pytestmark = pytest.mark.browser
OFFICE = "ts_duchashi"
UNIT_NAME = "民生保障局"


def _office_today() -> datetime:
    return datetime.now(ZoneInfo("Asia/Shanghai"))


def _office_api(context):  # type: ignore[no-untyped-def]
    api = context.request
    api.post("/api/v1/auth/login", data={"username": OFFICE, "password": PASSWORD})
    return api, api.get("/api/v1/auth/me").json()["csrf_token"]


@pytest.fixture(scope="module")
def setup(browser, live_server) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """An inspection with a problem (suggesting 民生保障局 and a deadline) the office returned,
    one still being written and one submitted; and a 随机查 plan."""
    context = browser.new_context(base_url=live_server)
    api, token = _office_api(context)
    project = api.get("/api/v1/projects", params={"q": "TS2023-001"}).json()["items"][0]
    plan = api.post(
        "/api/v1/plans",
        data={
            "name": "十二月随机查",
            "kind": "random",
            "sample_size": 2,
            "seed": 20261207,
            "as_of": "2023-07-31",  # the demo's report day
        },
        headers={"X-CSRF-Token": token},
    )
    assert plan.ok, plan.text()
    plan_id = str(plan.json()["id"])
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})

    ids = {name: str(uuid.uuid4()) for name in ("returned", "issue", "draft", "submitted")}
    deadline = (_office_today() + timedelta(days=20)).date().isoformat()
    started = datetime.now(UTC).isoformat()

    def create(inspection_id: str) -> dict:  # type: ignore[type-arg]
        args = {"id": inspection_id, "project_id": project["id"], "kind": "routine"}
        return {"name": "inspection.create", "args": {**args, "started_at": started}}

    problem = {
        "id": ids["issue"],
        "project_id": project["id"],
        "inspection_id": ids["returned"],
        "title": "食堂消防通道堆放杂物",
        "description": "一楼食堂后门消防通道堆放纸箱",
        "severity": "medium",
        "suggested_unit": UNIT_NAME,
        "suggested_deadline": deadline,
    }
    push_as(
        context,
        INSPECTOR,
        [
            create(ids["returned"]),
            {"name": "issue.create", "args": problem},
            {"name": "inspection.submit", "args": {"inspection_id": ids["returned"]}},
            create(ids["draft"]),
            create(ids["submitted"]),
            {"name": "inspection.submit", "args": {"inspection_id": ids["submitted"]}},
        ],
    )
    api, token = _office_api(context)
    back = api.post(
        f"/api/v1/review/inspections/{ids['returned']}/return",
        data={"review_note": "未拍公示牌，请补拍"},
        headers={"X-CSRF-Token": token},
    )
    assert back.ok, back.text()
    context.close()
    yield {**ids, "deadline": deadline, "plan": plan_id}


def _log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url)


def _fits(page, what: str) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{what} is {width}px wide at 360px"


@pytest.fixture
def office(browser, live_server):  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _log_in(page, OFFICE)
    yield page
    context.close()
    assert errors == []


def test_a_problem_of_a_returned_inspection_is_marked(office, setup) -> None:  # type: ignore[no-untyped-def]
    office.goto("/office/issues")
    row = office.locator(f"[data-testid=issue-row][data-id='{setup['issue']}']")
    row.wait_for(timeout=30_000)
    assert row.get_by_test_id("issue-inspection-returned").inner_text() == "所属检查已退回"
    _fits(office, "the ledger")
    screenshot(office, "words-returned-ledger-360")
    row.click()
    office.get_by_test_id("issue-detail").wait_for()
    assert office.get_by_test_id("issue-inspection-returned").inner_text() == "所属检查已退回"


def test_assigning_starts_from_the_suggested_unit_and_deadline(office, setup) -> None:  # type: ignore[no-untyped-def]
    office.goto(f"/office/issues/{setup['issue']}")
    office.get_by_test_id("issue-action-assign").click()
    unit = office.get_by_test_id("issue-unit")
    office.wait_for_function(
        "document.querySelector('[data-testid=issue-unit]').selectedOptions[0]"
        f"?.textContent.includes('{UNIT_NAME}')"
    )
    assert UNIT_NAME in unit.locator("option:checked").inner_text()
    assert office.get_by_test_id("issue-deadline").input_value() == setup["deadline"]
    _fits(office, "the 交办 form")
    screenshot(office, "words-assign-preselected-360")


def test_a_random_check_names_its_algorithm_in_chinese(office, setup) -> None:  # type: ignore[no-untyped-def]
    office.goto(f"/office/plans/{setup['plan']}")
    algorithm = office.get_by_test_id("plan-algorithm")
    algorithm.wait_for(timeout=30_000)
    assert algorithm.inner_text() == "分层随机抽样（第 1 版）"
    assert "strata-random-sample" not in office.locator("body").inner_text()
    _fits(office, "the plan")


def test_a_submitted_inspection_offers_no_new_problem(field_phone, setup) -> None:  # type: ignore[no-untyped-def]
    page = field_phone
    _log_in(page, INSPECTOR)
    page.goto(f"/field/inspections/{setup['draft']}")
    page.get_by_test_id("problem-add").wait_for(timeout=60_000)  # a draft: still offered
    page.goto(f"/field/inspections/{setup['submitted']}")
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for(timeout=60_000)
    assert page.get_by_test_id("problem-add").count() == 0
    _fits(page, "a submitted inspection")
    screenshot(page, "words-submitted-no-problem-360")
