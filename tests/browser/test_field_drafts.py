"""Nothing typed or photographed is lost before 保存, in a real Chromium at 360×740.

The inspector opens a problem form in an inspection, types a description, picks a severity and
a real photo with EXIF GPS, and the page is reloaded before 保存: the form opens again by itself
with "已恢复未保存的内容", the words and the photo. 保存 then queues the problem with its photo,
the phone syncs it, and the server has both. 放弃 forgets a form. With the phone nearly full the
photo buttons warn first ("手机存储空间不足…") and the capture still goes ahead.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.browser.conftest import screenshot
from tests.browser.field import (
    fill_login,
    log_in,
    open_project,
    sample_photos,
    server_view,
    wait_synced,
)

pytestmark = pytest.mark.browser

WORDS = "二楼外墙脚手架连墙件缺失。需立即整改"

FORMS = """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('xianchang'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const all = (store) => new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
  const forms = await all('forms');
  const photos = await all('form_photos');
  db.close();
  return { version: db.version, forms: forms.map((f) => [f.key, f.fields, f.photo_ids.length]),
           photos: photos.map((p) => [p.form_key, p.name, p.size]) };
}"""

# navigator.storage.estimate() as on a phone with 30 MB left of 2 GB
NEARLY_FULL = """() => {
  const quota = 2 * 1024 ** 3;
  StorageManager.prototype.estimate = async () => ({ quota, usage: quota - 30 * 1024 ** 2 });
}"""


# the next IndexedDB put into `store` fails as on a full phone (only new photo bytes for `blobs`)
FULL = """(store) => {
  const put = IDBObjectStore.prototype.put;
  window.__unfill = () => { IDBObjectStore.prototype.put = put; };
  IDBObjectStore.prototype.put = function (value, ...rest) {
    if (this.name === store && (store !== 'blobs' || (value && value.uploaded === false && !value.upload_url)))
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    return put.call(this, value, ...rest);
  };
}"""


EMPTY_PROBLEM = {"suggestedUnit": "教育文体旅游局", "suggestedDeadline": ""}


def wait_stored(page, check, timeout: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Wait until the phone's `forms` store (as [key, fields, photo count]) passes `check`."""
    deadline = time.monotonic() + timeout
    while not check(forms := page.evaluate(FORMS)["forms"]):
        assert time.monotonic() < deadline, f"not stored: {forms}"
        page.wait_for_timeout(100)


def start_inspection(page) -> str:  # type: ignore[no-untyped-def]
    page.get_by_test_id("kind-revisit").click()
    page.locator("[data-testid=gps-card][data-state=ok]").first.wait_for()
    page.get_by_test_id("start-inspection").click()
    page.wait_for_url(re.compile(r"/field/inspections/[0-9a-f-]{36}$"))
    page.get_by_test_id("checklist").wait_for()
    return page.url.rsplit("/", 1)[1]


def test_unsaved_problem_survives_a_reload_then_saves_and_syncs(field_phone) -> None:
    page = field_phone
    photo = sample_photos(1)
    log_in(page)
    open_project(page, "TS2023-001")
    inspection_id = start_inspection(page)
    key = f"problem:{inspection_id}"

    page.get_by_test_id("problem-add").click()
    assert page.get_by_test_id("problem-restored").count() == 0
    page.get_by_test_id("problem-description").fill(WORDS)
    page.get_by_test_id("problem-severity-high").click()
    page.get_by_test_id("problem-photo-gallery").set_input_files(photo)
    page.locator("[data-testid=problem-photo-list][data-count='1']").wait_for()
    # kept on the phone as the user goes (the words after a short debounce)
    wait_stored(
        page, lambda s: [key, {**EMPTY_PROBLEM, "description": WORDS, "severity": "high"}, 1] in s
    )
    state = page.evaluate(FORMS)
    assert state["version"] == 2
    assert [p[0] for p in state["photos"]] == [key]

    page.reload()
    page.get_by_test_id("problem-form").wait_for(timeout=20_000)
    restored = page.get_by_test_id("problem-restored")
    assert restored.inner_text() == "已恢复未保存的内容"
    assert page.get_by_test_id("problem-description").input_value() == WORDS
    assert page.get_by_test_id("problem-severity-high").get_attribute("aria-checked") == "true"
    page.locator("[data-testid=problem-photo-list][data-count='1'] img").wait_for()
    assert page.get_by_test_id("problem-photo-count").inner_text() == "已选 1 张"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the problem form is {width}px wide at 360px"
    screenshot(page, "field-problem-restored-360")

    page.get_by_test_id("problem-save").click()
    page.get_by_test_id("problem-form").wait_for(state="detached")
    page.get_by_test_id("issue-line").wait_for()
    assert page.evaluate(FORMS)["forms"] == [] and page.evaluate(FORMS)["photos"] == []
    wait_synced(page)

    records = server_view(page)
    issue = next(i for i in records["issue"].values() if i["inspection_id"] == inspection_id)
    assert issue["description"] == WORDS and issue["severity"] == "high"
    photos = [p for p in records["photo"].values() if p["owner_id"] == issue["id"]]
    assert len(photos) == 1, photos
    assert photos[0]["status"] != "pending", photos[0]
    assert photos[0]["evidence"]["exif_lat"] is not None, photos[0]["evidence"]
    assert page.request.get(f"/api/v1/photos/{photos[0]['id']}/thumb").ok

    # 放弃 forgets the form: after a reload it does not come back
    page.get_by_test_id("problem-add").click()
    page.get_by_test_id("problem-description").fill("写了一半")
    wait_stored(page, lambda s: len(s) == 1)
    page.get_by_test_id("problem-discard").click()
    assert page.get_by_test_id("problem-discard").inner_text() == "确定放弃？"
    page.get_by_test_id("problem-discard").click()
    page.get_by_test_id("problem-add").wait_for()
    assert page.evaluate(FORMS)["forms"] == []
    page.reload()
    page.get_by_test_id("problem-add").wait_for(timeout=20_000)
    page.wait_for_timeout(500)
    assert page.get_by_test_id("problem-form").count() == 0


def test_a_nearly_full_phone_warns_before_a_capture_and_still_captures(field_phone) -> None:
    page = field_phone
    photo = sample_photos(1)
    log_in(page)
    open_project(page, "TS2023-001")
    start_inspection(page)
    page.evaluate(NEARLY_FULL)
    page.get_by_test_id("problem-add").click()
    warning = page.get_by_test_id("capture-space-low")
    warning.wait_for()
    assert "手机存储空间不足" in warning.inner_text()
    assert "请先同步已上传的照片或清理空间" in warning.inner_text()
    warning.scroll_into_view_if_needed()
    screenshot(page, "field-capture-space-low-360")
    # the warning does not stop the capture
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id("problem-photo-pick").click()
    chooser.value.set_files(photo)
    page.locator("[data-testid=problem-photo-list][data-count='1']").wait_for()
    assert page.get_by_test_id("problem-error").count() == 0


def test_a_full_phone_says_so_and_keeps_what_was_stored(field_phone) -> None:
    page = field_phone
    photos = sample_photos(2)
    log_in(page)
    open_project(page, "TS2023-001")
    inspection_id = start_inspection(page)
    page.get_by_test_id("problem-add").click()
    page.get_by_test_id("problem-description").fill(WORDS)
    page.get_by_test_id("problem-severity-medium").click()
    page.get_by_test_id("problem-photo-gallery").set_input_files(photos[:1])
    page.locator("[data-testid=problem-photo-list][data-count='1']").wait_for()

    # the phone is full when the second photo is chosen: said in Chinese, the first one stays
    page.evaluate(FULL, "form_photos")
    page.get_by_test_id("problem-photo-gallery").set_input_files(photos[1:])
    error = page.get_by_test_id("problem-error")
    error.wait_for()
    assert "手机存储空间已满" in error.inner_text()
    assert "请先同步已上传的照片或清理空间" in error.inner_text()
    assert page.get_by_test_id("problem-photo-list").get_attribute("data-count") == "1"
    assert len(page.evaluate(FORMS)["photos"]) == 1
    page.evaluate("window.__unfill()")

    # full again at 保存, when the photo goes into the outbox: the problem is queued, the photo
    # stays in the form, and 保存 once more attaches it without a second problem
    page.evaluate(FULL, "blobs")
    page.get_by_test_id("problem-save").click()
    page.get_by_test_id("issue-line").wait_for()
    page.locator("[data-testid=problem-error]", has_text="手机存储空间已满").wait_for()
    # 保存 has finished (not still downscaling the photo while the old error shows)
    page.locator("[data-testid=problem-save]:enabled").wait_for()
    assert page.get_by_test_id("problem-photo-list").get_attribute("data-count") == "1"
    page.evaluate("window.__unfill()")
    page.reload()
    page.get_by_test_id("problem-form").wait_for(timeout=20_000)
    page.locator("[data-testid=problem-photo-list][data-count='1']").wait_for()
    page.get_by_test_id("problem-save").click()
    page.get_by_test_id("problem-form").wait_for(state="detached")
    wait_synced(page)
    records = server_view(page)
    issues = [i for i in records["issue"].values() if i["inspection_id"] == inspection_id]
    assert [i["description"] for i in issues] == [WORDS]
    assert len([p for p in records["photo"].values() if p["owner_id"] == issues[0]["id"]]) == 1


def test_deputy_report_survives_a_reload_then_files(field_phone) -> None:
    page = field_phone
    photo = sample_photos(1)
    page.goto("/")
    fill_login(page, "ts_daibiao1")
    page.wait_for_url(re.compile(r"/field/reports$"))
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=30_000,
    )
    page.get_by_test_id("report-new").click()
    page.get_by_test_id("report-photo-gallery").set_input_files(photo)
    page.get_by_test_id("report-words").fill("桥头护栏松动,存在安全隐患")
    page.locator("[data-testid=report-photo-list][data-count='1']").wait_for()
    wait_stored(
        page, lambda s: any(f[0] == "report:new" and f[1]["description"] and f[2] for f in s)
    )
    page.reload()
    page.get_by_test_id("report-restored").wait_for(timeout=20_000)
    assert page.get_by_test_id("report-words").input_value() == "桥头护栏松动,存在安全隐患"
    page.locator("[data-testid=report-photo-list][data-count='1']").wait_for()
    page.locator("[data-testid=gps-card][data-state=ok]").wait_for()
    page.get_by_test_id("report-submit").click()
    page.get_by_test_id("report-form").wait_for(state="detached")
    page.locator("[data-testid=report-card][data-pending=false]").first.wait_for(timeout=60_000)
    assert page.evaluate(FORMS)["forms"] == []
    records = server_view(page)
    report = next(r for r in records["report"].values() if r["description"].startswith("桥头护栏"))
    assert len([p for p in records["photo"].values() if p["owner_id"] == report["id"]]) == 1
