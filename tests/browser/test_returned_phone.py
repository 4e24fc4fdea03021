"""所属检查已退回 on the inspector's phone at 360 px: a problem found in an inspection the office
returned (退回) is marked in the project's open problems, on the problem's page and in the
inspection it belongs to, so the inspector knows to correct and resubmit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from tests.browser.conftest import screenshot
from tests.browser.field import INSPECTOR, PASSWORD, log_in, open_project
from tests.browser.problems import push_as

pytestmark = pytest.mark.browser
MARK = "所属检查已退回"


def returned_inspection_with_a_problem(context, title: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The demo inspector submits an inspection of TS2023-001 with one problem; the district
    office returns it. Returns (inspection id, problem id)."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    project = api.get("/api/v1/projects", params={"q": "TS2023-001"}).json()["items"][0]
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    inspection_id, issue_id = str(uuid.uuid4()), str(uuid.uuid4())
    push_as(
        context,
        INSPECTOR,
        [
            {
                "name": "inspection.create",
                "args": {
                    "id": inspection_id,
                    "project_id": project["id"],
                    "kind": "random",
                    "started_at": datetime.now(UTC).isoformat(),
                    "template_id": None,
                },
            },
            {
                "name": "issue.create",
                "args": {
                    "id": issue_id,
                    "project_id": project["id"],
                    "inspection_id": inspection_id,
                    "title": title,
                    "description": "楼梯扶手松动",
                    "severity": "medium",
                },
            },
            {"name": "inspection.submit", "args": {"inspection_id": inspection_id}},
        ],
    )
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    returned = api.post(
        f"/api/v1/review/inspections/{inspection_id}/return",
        data={"review_note": "问题照片不清楚，请补拍"},
        headers={"X-CSRF-Token": token},
    )
    assert returned.ok, returned.text()
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    return inspection_id, issue_id


def test_the_phone_marks_problems_of_a_returned_inspection(field_phone) -> None:
    page = field_phone
    title = f"扶手松动{uuid.uuid4().hex[:6]}"
    inspection_id, issue_id = returned_inspection_with_a_problem(page.context, title)
    log_in(page)

    open_project(page, "TS2023-001")
    line = page.locator(f"[data-testid=issue-line][data-id='{issue_id}']")
    line.wait_for(timeout=30_000)
    assert line.get_attribute("data-inspection-returned") == "true"
    assert line.get_by_test_id("issue-inspection-returned").inner_text() == MARK
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the project is {width}px wide at 360px"
    line.scroll_into_view_if_needed()
    screenshot(page, "returned-problem-line-360")

    line.get_by_role("link").click()
    page.get_by_test_id("unit-issue").wait_for()
    assert page.get_by_test_id("issue-inspection-returned").inner_text() == MARK

    page.goto(f"/field/inspections/{inspection_id}")
    page.get_by_test_id("review-returned").wait_for(timeout=30_000)
    own = page.locator(f"[data-testid=issue-line][data-id='{issue_id}']")
    assert own.get_by_test_id("issue-inspection-returned").inner_text() == MARK
    screenshot(page, "returned-inspection-problems-360")
