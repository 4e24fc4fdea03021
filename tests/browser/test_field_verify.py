"""复核 on site: an inspector at a rectified problem passes it, or sends it back, from the phone."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE, PASSWORD, sample_photos, server_view
from tests.browser.test_field_roles import log_in, wait_all_synced

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    yield context
    context.close()


def push_as(context, username: str, mutations: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Push ``mutations`` through the sync API as ``username``; every one must apply."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": username, "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    numbered = [{"id": i, **m} for i, m in enumerate(mutations, start=1)]
    response = api.post(
        "/api/v1/sync/push",
        data={"client_id": str(uuid.uuid4()), "schema_version": 1, "mutations": numbered},
        headers={"X-CSRF-Token": token},
    )
    assert response.ok, response.text()
    assert all(r["status"] == "applied" for r in response.json()["results"]), response.text()
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})


def rectified_issue(context, title: str) -> str:  # type: ignore[no-untyped-def]
    """A problem at a 东园镇 school, assigned to 民生局 and reported fixed by it."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    unit = next(u for u in api.get("/api/v1/units").json()["items"] if u["code"] == "TS-MS")
    project = api.get("/api/v1/projects", params={"q": "TS2023-001"}).json()["items"][0]
    issue_id = str(uuid.uuid4())
    push_as(
        context,
        "ts_duchashi",
        [
            {
                "name": "issue.create",
                "args": {
                    "id": issue_id,
                    "project_id": project["id"],
                    "title": title,
                    "description": "操场围栏倒伏一段,学生可进入施工区",
                    "severity": "high",
                },
            },
            {
                "name": "issue.transition",
                "args": {
                    "issue_id": issue_id,
                    "to": "assigned",
                    "expected_from": "found",
                    "unit_id": unit["id"],
                    "deadline": "2030-12-31",
                },
            },
        ],
    )
    photo_id = str(uuid.uuid4())  # attached, its bytes never sent: the record is evidence enough
    photo = {
        "id": photo_id,
        "sha256": uuid.uuid4().hex * 2,
        "size": 1000,
        "content_type": "image/jpeg",
        "owner_type": "issue",
        "owner_id": issue_id,
    }
    step = {"issue_id": issue_id, "expected_from": "assigned", "to": "rectifying"}
    fixed = {
        "issue_id": issue_id,
        "expected_from": "rectifying",
        "to": "rectified",
        "reason": "围栏已重新立起并加固",
        "photo_ids": [photo_id],
    }
    push_as(
        context,
        "ts_minsheng",
        [
            {"name": "photo.attach", "args": photo},
            {"name": "issue.transition", "args": step},
            {"name": "issue.transition", "args": fixed},
        ],
    )
    return issue_id


def open_to_verify(context, issue_id: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    log_in(page, "ts_duchayuan1", "/field")
    page.locator(
        f"[data-testid=to-verify] [data-testid=issue-line][data-id='{issue_id}'] a"
    ).click()
    page.get_by_test_id("verify-form").wait_for()
    return page


def test_inspector_passes_a_rectification_with_a_photo(context) -> None:
    issue_id = rectified_issue(context, "操场围栏倒伏")
    page = open_to_verify(context, issue_id)
    assert page.get_by_test_id("verify-pass").is_disabled()  # no photo taken yet
    page.get_by_test_id("verify-photo-gallery").set_input_files(sample_photos()[:1])
    page.locator("[data-testid=verify-photos][data-count='1']").wait_for()
    page.get_by_test_id("verify-note").fill("现场查看,围栏牢固")
    page.get_by_test_id("verify-pass").click()
    page.locator("[data-testid=unit-issue][data-state=verified]").wait_for()
    wait_all_synced(page)
    screenshot(page, "field-verify-360")
    records = server_view(page)
    issue = records["issue"][issue_id]
    assert issue["state"] == "verified"
    last = issue["events"][-1]
    assert last["to_state"] == "verified" and last["reason"] == "现场查看,围栏牢固"
    (photo_id,) = last["data"]["photo_ids"]
    assert records["photo"][photo_id]["owner_id"] == issue_id


def test_inspector_sends_a_rectification_back_with_a_reason(context) -> None:
    issue_id = rectified_issue(context, "围栏仍有缺口")
    page = open_to_verify(context, issue_id)
    assert page.get_by_test_id("verify-fail").is_disabled()  # a reason is needed
    page.get_by_test_id("verify-note").fill("东侧仍有两米缺口")
    page.get_by_test_id("verify-fail").click()
    page.locator("[data-testid=unit-issue][data-state=rectifying]").wait_for()
    wait_all_synced(page)
    issue = server_view(page)["issue"][issue_id]
    assert issue["state"] == "rectifying"
    assert issue["events"][-1]["reason"] == "东侧仍有两米缺口"
