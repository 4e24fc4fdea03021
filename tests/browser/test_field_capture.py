"""The field app in a real Chromium at 360×740 against gunicorn with the demo data.

An inspector captures an inspection (checklist, two real photos with EXIF GPS, the device fix)
and submits; the phone syncs it through the SyncEngine; the server's pull then has the
inspection, its answers and both photos with their EXIF GPS. A second test does the same with
the context offline and a reload in the middle: the draft and the outbox survive and the phone
syncs by itself once back online.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.browser.field import (
    assert_on_server,
    log_in,
    open_project,
    sample_photos,
    server_view,
    start_and_answer,
    wait_synced,
)

pytestmark = pytest.mark.browser


def test_inspector_captures_and_syncs_an_inspection(field_phone) -> None:
    page = field_phone
    photos = sample_photos()
    log_in(page)
    screenshot(page, "field-home-360")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"field home is {width}px wide at 360px"
    open_project(page, "TS2023-001")
    screenshot(page, "field-project-360")
    inspection_id = start_and_answer(page, photos)
    screenshot(page, "field-inspection-360")
    # a problem found, with its own photo and the inspector's suggestions
    page.get_by_test_id("problem-add").click()
    page.get_by_test_id("problem-description").fill("三楼消防通道堆放杂物。需立即清理")
    page.get_by_test_id("problem-severity-high").click()
    page.get_by_test_id("problem-photo-gallery").set_input_files(sample_photos(3)[2:])
    page.get_by_test_id("problem-photo-count").wait_for()
    page.get_by_test_id("problem-deadline").fill("2030-06-30")
    screenshot(page, "field-problem-form-360")
    page.get_by_test_id("problem-save").click()
    page.get_by_test_id("issue-line").wait_for()
    page.get_by_test_id("inspection-submit").click()
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
    wait_synced(page)
    assert "已同步" in page.get_by_test_id("inspection-sync-state").inner_text()
    screenshot(page, "field-inspection-synced-360")
    assert_on_server(page, inspection_id)
    records = server_view(page)
    issue = next(i for i in records["issue"].values() if i["inspection_id"] == inspection_id)
    assert issue["title"] == "三楼消防通道堆放杂物"
    assert issue["severity"] == "high" and issue["state"] == "found"
    assert (issue["suggested_unit"], issue["suggested_deadline"]) == (
        "教育文体旅游局",
        "2030-06-30",
    )
    assert [p for p in records["photo"].values() if p["owner_id"] == issue["id"]]


def test_offline_capture_survives_a_reload_and_syncs_when_back_online(field_phone) -> None:
    page = field_phone
    photos = sample_photos()
    log_in(page)
    # the service worker must control the page before the network goes away
    page.evaluate(
        "navigator.serviceWorker ? navigator.serviceWorker.ready.then(() => true) : false"
    )
    open_project(page, "TS2023-001")
    page.context.set_offline(True)
    inspection_id = start_and_answer(page, photos)
    status = page.get_by_test_id("sync-status").inner_text()
    assert status.startswith("离线 · 待同步"), status

    page.reload()
    page.get_by_test_id("checklist").wait_for(timeout=20_000)
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=check-item][data-answered=true]').length === 7"
    )
    assert page.get_by_test_id("answer-1-yes").get_attribute("aria-checked") == "true"
    assert page.get_by_test_id("answer-2").input_value() == "100"
    page.locator("[data-testid=photos-5][data-count='2']").wait_for()
    assert page.get_by_test_id("sync-status").inner_text().startswith("离线 · 待同步")
    screenshot(page, "field-offline-after-reload-360")

    page.get_by_test_id("inspection-submit").click()
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
    assert page.get_by_test_id("inspection-sync-state").get_attribute("data-pending") == "true"

    page.context.set_offline(False)  # no tap: the engine syncs on `online`
    wait_synced(page)
    assert_on_server(page, inspection_id)
