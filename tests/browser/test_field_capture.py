"""The field app in a real Chromium at 360×740 against gunicorn with the demo data.

An inspector captures an inspection (checklist, two real photos with EXIF GPS, the device fix)
and submits; the phone syncs it through the SyncEngine; the server's pull then has the
inspection, its answers and both photos with their EXIF GPS. A second test does the same with
the context offline and a reload in the middle: the draft and the outbox survive and the phone
syncs by itself once back online.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest

from tests.browser.conftest import ROOT, screenshot
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"
INSPECTOR = "ts_duchayuan1"  # 洛阳镇, 东园镇
PHOTOS = ROOT.parent / "shared" / "samples" / "photos" / "gps"
# near TS2023-001 东园镇中心小学综合楼新建工程 (118.800660, 25.001276)
HERE = {"latitude": 25.00135, "longitude": 118.80071, "accuracy": 12}


def _photos(n: int = 2) -> list[str]:
    files = sorted(PHOTOS.glob("*.jpg"))[:n] if PHOTOS.is_dir() else []
    if len(files) < n:
        skip_or_fail(f"{n} sample photos with GPS are missing in {PHOTOS}")
    return [str(f) for f in files]


@pytest.fixture
def field_phone(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A phone context with location allowed and a fix near the project; fails on page errors."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="zh-CN",
        base_url=live_server,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        geolocation=HERE,
        permissions=["geolocation"],
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def log_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(INSPECTOR)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/field$"))
    page.get_by_test_id("task-card").first.wait_for(timeout=30_000)
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')"
    )


def open_project(page, code: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("field-search").fill(code)
    page.locator(f"[data-testid=task-card][data-code='{code}']").click()
    page.get_by_test_id("field-project-name").wait_for()


def start_and_answer(page, photos: list[str]) -> str:  # type: ignore[no-untyped-def]
    """Start a 回头看 with the general checklist and answer it; returns the inspection id."""
    page.get_by_test_id("kind-revisit").click()
    page.locator("[data-testid=gps-card][data-state=ok]").first.wait_for()
    page.get_by_test_id("start-inspection").click()
    page.wait_for_url(re.compile(r"/field/inspections/[0-9a-f-]{36}$"))
    inspection_id = page.url.rsplit("/", 1)[1]
    page.get_by_test_id("checklist").wait_for()
    # 通用检查表: 1 开工 (是/否), 2 形象进度 %, 3 公示牌, 4 安全隐患, 5 照片, 6 定位, 7 意见
    page.get_by_test_id("answer-1-yes").click()
    page.get_by_test_id("answer-2").fill("100")
    page.get_by_test_id("answer-2").blur()
    page.get_by_test_id("answer-3-yes").click()
    page.get_by_test_id("answer-4-no").click()
    page.get_by_test_id("photo-5-gallery").set_input_files(photos)
    page.locator("[data-testid=photos-5][data-count='2']").wait_for(timeout=20_000)
    page.get_by_test_id("answer-6-usefix").click()
    page.get_by_test_id("answer-6-fix").wait_for()
    page.get_by_test_id("answer-7").fill("群众反映教学楼使用正常")
    page.get_by_test_id("answer-7").blur()
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=check-item][data-answered=true]').length === 7"
    )
    return inspection_id


def server_view(page) -> dict[str, dict[str, dict]]:  # type: ignore[no-untyped-def]
    """What the server holds for this inspector: a full pull with a fresh client id."""
    me = page.request.get("/api/v1/auth/me")
    assert me.ok, me.text()
    headers = {"X-CSRF-Token": me.json()["csrf_token"]}
    client_id, cookie = str(uuid.uuid4()), None
    records: dict[str, dict[str, dict]] = {}
    while True:
        response = page.request.post(
            "/api/v1/sync/pull",
            data={"client_id": client_id, "cookie": cookie, "schema_version": 1},
            headers=headers,
        )
        assert response.ok, response.text()
        body = response.json()
        for change in body["changes"]:
            if change["op"] == "put":
                records.setdefault(change["type"], {})[str(change["id"])] = change["data"]
        cookie = body["cookie"]
        if not body["has_more"]:
            return records


def assert_on_server(page, inspection_id: str) -> None:  # type: ignore[no-untyped-def]
    records = server_view(page)
    inspection = records["inspection"][inspection_id]
    assert inspection["status"] == "submitted"
    assert inspection["kind"] == "revisit"
    assert inspection["location"]["accuracy_m"] == pytest.approx(12, abs=1)
    answers = {a["item_id"]: a["value"] for a in inspection["answers"]}
    assert len(answers) == 7
    assert sorted(v for v in answers.values() if isinstance(v, str) and v in ("yes", "no")) == [
        "no",
        "yes",
        "yes",
    ]
    assert 100 in answers.values()
    photo_ids = next(v for v in answers.values() if isinstance(v, list))
    photos = [p for p in records["photo"].values() if p["owner_id"] == inspection_id]
    assert sorted(p["id"] for p in photos) == sorted(photo_ids)
    assert len(photos) == 2
    for photo in photos:
        assert photo["status"] != "pending", photo
        evidence = photo["evidence"]
        assert evidence["exif_lat"] is not None and evidence["exif_lon"] is not None, evidence
        assert photo["location"]["lat"] == pytest.approx(HERE["latitude"], abs=1e-4)
        thumb = page.request.get(f"/api/v1/photos/{photo['id']}/thumb")
        assert thumb.ok and thumb.headers["content-type"] == "image/jpeg"


_LOCAL_STATE = """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('xianchang'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const all = (store) => new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); });
  const outbox = await all('outbox');
  const blobs = await all('blobs');
  const drafts = await all('drafts');
  const notices = await all('notices');
  return {
    outbox: outbox.map((m) => [m.id, m.name, m.attempts, m.last_error]),
    blobs: blobs.map((b) => [b.sha256.slice(0, 8), b.uploaded, b.last_error, b.failed]),
    drafts: drafts.map((d) => [d.type, d.id, d.mutation_id]),
    notices: notices.map((n) => [n.code, n.message]),
  };
}"""


def wait_synced(page, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    try:
        page.locator("[data-testid=inspection-sync-state][data-pending=false]").wait_for(
            timeout=timeout
        )
    except Exception as err:
        bar = page.get_by_test_id("sync-bar").inner_text()
        raise AssertionError(f"not synced: {bar!r} {page.evaluate(_LOCAL_STATE)}") from err
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=timeout,
    )


def test_inspector_captures_and_syncs_an_inspection(field_phone) -> None:
    page = field_phone
    photos = _photos()
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
    page.get_by_test_id("problem-photo-gallery").set_input_files(_photos(3)[2:])
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
    assert "建议整改期限:2030-06-30" in issue["description"]
    assert "建议责任单位:教育文体旅游局" in issue["description"]
    assert [p for p in records["photo"].values() if p["owner_id"] == issue["id"]]


def test_offline_capture_survives_a_reload_and_syncs_when_back_online(field_phone) -> None:
    page = field_phone
    photos = _photos()
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
