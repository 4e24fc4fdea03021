"""What the field-app browser tests share: the demo inspector, sample photos, driving the
capture screens, and reading what the phone and the server hold."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest

from tests.browser.conftest import ROOT
from tests.support import skip_or_fail

PASSWORD = "demo12345"
INSPECTOR = "ts_duchayuan1"  # 洛阳镇, 东园镇
PHOTOS = ROOT.parent / "shared" / "samples" / "photos" / "gps"
# near TS2023-001 东园镇中心小学综合楼新建工程 (118.800660, 25.001276)
HERE = {"latitude": 25.00135, "longitude": 118.80071, "accuracy": 12}


def sample_photos(n: int = 2) -> list[str]:
    files = sorted(PHOTOS.glob("*.jpg"))[:n] if PHOTOS.is_dir() else []
    if len(files) < n:
        skip_or_fail(f"{n} sample photos with GPS are missing in {PHOTOS}")
    return [str(f) for f in files]


def fill_login(page, username: str = INSPECTOR) -> None:  # type: ignore[no-untyped-def]
    """Log in on the login page shown now."""
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()


def log_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    fill_login(page)
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


LOCAL_STATE = """async () => {
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
        raise AssertionError(f"not synced: {bar!r} {page.evaluate(LOCAL_STATE)}") from err
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=timeout,
    )


def upscaled_jpeg(
    source: Path, target: Path, size: tuple[int, int] = (4000, 3000), quality: int = 92
) -> Path:
    """A 12 MP JPEG as a phone takes it: `source` upscaled, with its EXIF (GPS too) kept."""
    from PIL import Image

    with Image.open(source) as image:
        exif = image.info.get("exif", b"")
        image.convert("RGB").resize(size, Image.Resampling.LANCZOS).save(
            target, "JPEG", quality=quality, exif=exif
        )
    return target


def outbox_size(page) -> int:  # type: ignore[no-untyped-def]
    """Mutations waiting in the phone's outbox (IndexedDB)."""
    return len(page.evaluate(LOCAL_STATE)["outbox"])


def sync_state(page) -> str:  # type: ignore[no-untyped-def]
    return page.get_by_test_id("sync-bar").get_attribute("data-state") or ""
