"""复核 on site: an inspector at a rectified problem passes it, or sends it back, from the phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE, sample_photos, server_view
from tests.browser.problems import rectified_problem
from tests.browser.test_field_roles import log_in, wait_all_synced

pytestmark = pytest.mark.browser


@pytest.fixture
def context(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    yield context
    context.close()


def open_to_verify(context, issue_id: str):  # type: ignore[no-untyped-def]
    page = context.new_page()
    log_in(page, "ts_duchayuan1", "/field")
    page.locator(
        f"[data-testid=to-verify] [data-testid=issue-line][data-id='{issue_id}'] a"
    ).click()
    page.get_by_test_id("verify-form").wait_for()
    return page


def test_inspector_passes_a_rectification_with_a_photo(context) -> None:
    issue_id = rectified_problem(context, "操场围栏倒伏")
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
    issue_id = rectified_problem(context, "围栏仍有缺口")
    page = open_to_verify(context, issue_id)
    assert page.get_by_test_id("verify-fail").is_disabled()  # a reason is needed
    page.get_by_test_id("verify-note").fill("东侧仍有两米缺口")
    page.get_by_test_id("verify-fail").click()
    page.locator("[data-testid=unit-issue][data-state=rectifying]").wait_for()
    wait_all_synced(page)
    issue = server_view(page)["issue"][issue_id]
    assert issue["state"] == "rectifying"
    assert issue["events"][-1]["reason"] == "东侧仍有两米缺口"
