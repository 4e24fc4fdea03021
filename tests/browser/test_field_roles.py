"""The field screens of a responsible unit and of a deputy, at 360×740, through the SyncEngine."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE, PASSWORD, sample_photos, server_view

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    yield context
    context.close()


def log_in(page, username: str, lands_on: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(lands_on + "$"))
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=30_000,
    )


def wait_all_synced(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=60_000,
    )


def assign_an_issue(context, unit_code: str) -> str:  # type: ignore[no-untyped-def]
    """As the county's supervisor, through the sync API: a problem assigned to the unit."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    unit = next(u for u in api.get("/api/v1/units").json()["items"] if u["code"] == unit_code)
    project = api.get("/api/v1/projects", params={"q": "TS2023-001"}).json()["items"][0]
    issue_id = str(uuid.uuid4())
    mutations = [
        {
            "id": 1,
            "name": "issue.create",
            "args": {
                "id": issue_id,
                "project_id": project["id"],
                "title": "教学楼楼梯扶手松动",
                "description": "三楼楼梯扶手松动,存在安全隐患",
                "severity": "high",
            },
        },
        {
            "id": 2,
            "name": "issue.transition",
            "args": {
                "issue_id": issue_id,
                "to": "assigned",
                "expected_from": "found",
                "unit_id": unit["id"],
                "deadline": "2030-12-31",
            },
        },
    ]
    response = api.post(
        "/api/v1/sync/push",
        data={"client_id": str(uuid.uuid4()), "schema_version": 1, "mutations": mutations},
        headers={"X-CSRF-Token": token},
    )
    assert response.ok and all(r["status"] == "applied" for r in response.json()["results"])
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    return issue_id


def test_unit_answers_an_assigned_problem_with_photos(context) -> None:
    issue_id = assign_an_issue(context, "TS-MS")
    page = context.new_page()
    log_in(page, "ts_minsheng", "/field/issues")
    page.locator(f"[data-testid=issue-line][data-id='{issue_id}'] a").click()
    page.get_by_test_id("rectify-form").wait_for()
    page.get_by_test_id("rectify-note").fill("已更换扶手并加固")
    page.get_by_test_id("rectify-photo-gallery").set_input_files(sample_photos()[:1])
    page.locator("[data-testid=rectify-photos][data-count='1']").wait_for()
    page.get_by_test_id("rectify-submit").click()
    page.locator("[data-testid=unit-issue][data-state=rectified]").wait_for()
    wait_all_synced(page)
    screenshot(page, "field-unit-issue-360")
    issue = server_view(page)["issue"][issue_id]
    assert issue["state"] == "rectified"
    last = issue["events"][-1]
    assert last["to_state"] == "rectified" and last["reason"] == "已更换扶手并加固"
    assert len(last["data"]["photo_ids"]) == 1


def test_deputy_files_a_report_with_photo_and_place(context) -> None:
    page = context.new_page()
    log_in(page, "ts_daibiao1", "/field/reports")
    page.get_by_test_id("report-new").click()
    page.get_by_test_id("report-photo-gallery").set_input_files(sample_photos()[:1])
    page.locator("[data-testid=gps-card][data-state=ok]").wait_for()
    page.get_by_test_id("report-words").fill("村口路灯一直不亮,晚上出行不便")
    page.get_by_test_id("report-submit").click()
    card = page.get_by_test_id("report-card").first
    card.wait_for()
    # the form closes once the photo is queued too: before that the report alone may be synced
    page.get_by_test_id("report-form").wait_for(state="detached")
    wait_all_synced(page)
    page.locator("[data-testid=report-card][data-pending=false]").first.wait_for()
    screenshot(page, "field-deputy-reports-360")
    records = server_view(page)
    report = next(r for r in records["report"].values() if r["description"].startswith("村口路灯"))
    assert report["title"] == "村口路灯一直不亮,晚上出行不便"
    assert report["location"]["lat"] == pytest.approx(HERE["latitude"], abs=1e-4)
    photos = [p for p in records.get("photo", {}).values() if p["owner_id"] == report["id"]]
    assert len(photos) == 1
