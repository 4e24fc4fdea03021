"""The field app when things go wrong, in a real Chromium at 360×740 against gunicorn.

- The network drops in the middle of a photo upload: once back, the upload resumes at the
  offset the server has; the first part is not sent again and the server ends up with the
  same bytes as the phone.
- The server refuses a mutation captured offline: the phone says so in Chinese, with what to
  do, and the outbox does not stay stuck.
- The session expires while the outbox waits: the app asks for the password and, once the
  inspector has logged in again, the outbox syncs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import create_engine, text

from tests.browser.conftest import screenshot
from tests.browser.field import (
    INSPECTOR,
    LOCAL_STATE,
    PASSWORD,
    PHOTOS,
    assert_on_server,
    fill_login,
    log_in,
    open_project,
    outbox_size,
    sample_photos,
    server_view,
    start_and_answer,
    upscaled_jpeg,
    wait_synced,
)
from tests.support import skip_or_fail

pytestmark = pytest.mark.browser
CHUNK = 512 * 1024  # UPLOAD_CHUNK_SIZE in pwa/src/sync/types.ts
UPLOADS = re.compile(r"/api/v1/uploads/")


@pytest.fixture
def big_photo(tmp_path: Path) -> Path:
    """A 4000×3000 JPEG with the sample's EXIF GPS: several tus chunks when sent as taken."""
    source = PHOTOS / "DSCN0010.jpg"
    if not source.is_file():
        skip_or_fail(f"the sample photo {source} is missing")
    return upscaled_jpeg(source, tmp_path / "IMG_4000x3000.jpg")


@dataclass
class Patch:
    offset: int
    size: int
    delivered: bool


@dataclass
class UploadLine:
    """Playwright routing on the tus endpoint: counts each PATCH and cuts the network once
    `cut_after` PATCHes have gone through (that PATCH is aborted, the context goes offline)."""

    context: object
    cut_after: int
    posts: int = 0
    patches: list[Patch] = field(default_factory=list)
    cut: bool = False

    def __call__(self, route) -> None:  # type: ignore[no-untyped-def]
        request = route.request
        if request.method == "POST":
            self.posts += 1
        if request.method != "PATCH":
            route.continue_()
            return
        body = request.post_data_buffer or b""
        offset = int(request.headers["upload-offset"])
        delivered = sum(p.delivered for p in self.patches)
        if not self.cut and delivered == self.cut_after:
            self.cut = True
            self.patches.append(Patch(offset, len(body), delivered=False))
            self.context.set_offline(True)  # type: ignore[attr-defined]
            route.abort("internetdisconnected")
            return
        self.patches.append(Patch(offset, len(body), delivered=True))
        route.continue_()

    @property
    def sent(self) -> list[Patch]:
        return [p for p in self.patches if p.delivered]


def keep_originals(page) -> None:  # type: ignore[no-untyped-def]
    """Settings: upload photos as taken (not downscaled), so one photo spans several chunks."""
    page.goto("/settings")
    box = page.locator("[data-testid=settings-keep-originals]:not([disabled])")
    box.check()
    page.locator("[data-testid=settings-keep-originals][data-saved=true]").wait_for()
    page.goto("/field")
    page.get_by_test_id("task-card").first.wait_for()


def blob_records(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.evaluate(
        """async () => {
  const db = await new Promise((ok, ko) => { const r = indexedDB.open('xianchang'); r.onsuccess = () => ok(r.result); r.onerror = ko; });
  const all = await new Promise((ok) => { const r = db.transaction('blobs').objectStore('blobs').getAll(); r.onsuccess = () => ok(r.result); });
  db.close();
  return all.map((b) => ({ sha256: b.sha256, size: b.size, uploaded: !!b.uploaded, upload_url: b.upload_url || null, last_error: b.last_error || null }));
}"""
    )


def test_upload_cut_midway_resumes_at_the_servers_offset(field_phone, big_photo: Path) -> None:
    page = field_phone
    data = big_photo.read_bytes()
    assert len(data) > 3 * CHUNK, len(data)
    log_in(page)
    keep_originals(page)
    line = UploadLine(page.context, cut_after=2)
    page.context.route(UPLOADS, line)
    open_project(page, "TS2023-001")
    page.get_by_test_id("kind-revisit").click()
    page.get_by_test_id("start-inspection").click()
    page.wait_for_url(re.compile(r"/field/inspections/[0-9a-f-]{36}$"))
    inspection_id = page.url.rsplit("/", 1)[1]
    page.get_by_test_id("photo-5-gallery").set_input_files(str(big_photo))
    page.locator("[data-testid=photos-5][data-count='1']").wait_for(timeout=30_000)

    # the cut: two chunks went through, the third was dropped and the phone is offline
    page.wait_for_function(
        "['offline', 'waiting'].includes(document.querySelector('[data-testid=sync-bar]')?.dataset.state)",
        timeout=60_000,
    )
    assert line.cut
    [blob] = blob_records(page)
    assert blob["size"] == len(data) and blob["sha256"] == hashlib.sha256(data).hexdigest()
    assert not blob["uploaded"] and blob["upload_url"], blob
    head = page.request.head(blob["upload_url"], headers={"Tus-Resumable": "1.0.0"})
    at_cut = int(head.headers["upload-offset"])
    assert at_cut == sum(p.size for p in line.sent) == 2 * CHUNK
    screenshot(page, "field-upload-cut-360")

    page.context.set_offline(False)  # no tap: the engine syncs on `online`
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=60_000,
    )
    after = line.patches[line.patches.index(next(p for p in line.patches if not p.delivered)) + 1 :]
    assert after, line.patches
    assert after[0].offset == at_cut > 0, line.patches
    assert all(p.offset >= at_cut for p in after), line.patches
    assert line.posts == 1, "the resumed upload reused the first one's URL"
    total = sum(p.size for p in line.sent)
    assert len(data) <= total <= len(data) + CHUNK, (total, len(data), line.patches)

    records = server_view(page)
    [photo] = [p for p in records["photo"].values() if p["owner_id"] == inspection_id]
    original = page.request.get(f"/api/v1/photos/{photo['id']}/original")
    assert original.ok, original.status
    assert hashlib.sha256(original.body()).hexdigest() == blob["sha256"]


@contextmanager
def office_api(browser, live_server: str) -> Iterator[tuple[object, dict[str, str]]]:  # type: ignore[no-untyped-def]
    """The office API as the demo admin, in a context of its own (the phone's cookies untouched)."""
    context = browser.new_context(base_url=live_server)
    api = context.request
    response = api.post("/api/v1/auth/login", data={"username": "admin", "password": PASSWORD})
    assert response.ok, response.text()
    headers = {"X-CSRF-Token": api.get("/api/v1/auth/me").json()["csrf_token"]}
    try:
        yield api, headers
    finally:
        context.close()


@pytest.fixture
def take_dongyuan(browser, live_server: str) -> Iterator[Callable[[], None]]:  # type: ignore[no-untyped-def]
    """Call it to have the office take 东园镇 from the inspector; given back after the test."""
    before: list[int] = []

    def set_townships(ids: list[int] | None) -> None:
        """`ids`, or (None) the inspector's townships less 东园镇."""
        with office_api(browser, live_server) as (api, headers):
            users = api.get("/api/v1/users").json()["items"]  # type: ignore[attr-defined]
            user = next(u for u in users if u["username"] == INSPECTOR)
            if ids is None:
                before.extend(t["id"] for t in user["townships"])
                ids = [t["id"] for t in user["townships"] if t["name"] != "东园镇"]
            url = f"/api/v1/users/{user['id']}"
            response = api.patch(url, data={"township_ids": ids}, headers=headers)  # type: ignore[attr-defined]
            assert response.ok, response.text()

    yield lambda: set_townships(None)
    if before:
        set_townships(before)


def expire_sessions(database_url: str, username: str) -> None:
    """The server forgets every login of `username`, as when a session times out."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as conn:
            gone = conn.execute(
                text(
                    "DELETE FROM auth_sessions WHERE user_id IN "
                    "(SELECT id FROM users WHERE username = :username)"
                ),
                {"username": username},
            ).rowcount
    finally:
        engine.dispose()
    assert gone >= 1


def capture_offline(page) -> str:  # type: ignore[no-untyped-def]
    """Log in, open TS2023-001, lose the network, capture and submit; returns the inspection id."""
    log_in(page)
    open_project(page, "TS2023-001")
    page.context.set_offline(True)
    inspection_id = start_and_answer(page, sample_photos())
    page.get_by_test_id("inspection-submit").click()
    page.locator("[data-testid=inspection-capture][data-status=submitted]").wait_for()
    assert page.get_by_test_id("sync-status").inner_text().startswith("离线 · 待同步")
    return inspection_id


def wait_all_synced(page, timeout: int = 60_000) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=timeout,
    )


def test_a_refused_mutation_is_explained_in_chinese_and_the_outbox_drains(
    field_phone, take_dongyuan
) -> None:
    page = field_phone
    inspection_id = capture_offline(page)
    assert outbox_size(page) > 0
    take_dongyuan()  # meanwhile the office gives 东园镇 to someone else
    page.context.set_offline(False)
    wait_all_synced(page)
    notice = page.get_by_test_id("sync-notice").filter(has_text="新建检查")
    notice.wait_for()
    said = notice.inner_text()
    assert notice.get_attribute("data-code") == "not_found"
    assert "新建检查未被服务器接受" in said
    assert "找不到该项目" in said  # the server's reason
    assert "这项操作未生效。如有疑问请联系督查室" in said  # what to do
    screenshot(page, "field-sync-refused-360")
    assert outbox_size(page) == 0, page.evaluate(LOCAL_STATE)
    assert inspection_id not in server_view(page).get("inspection", {})
    # the inspection itself says it was refused (not 待同步 forever) and keeps what was entered
    refused = page.get_by_test_id("refused-notice")
    refused.wait_for()
    assert "未被服务器接受" in refused.inner_text()
    assert "找不到该项目" in refused.inner_text()
    screenshot(page, "field-inspection-refused-360")
    refused.get_by_test_id("refused-discard").click()
    refused.get_by_test_id("refused-discard").click()  # the second tap confirms
    # back to the project, or to the task list when the project left the phone with the township
    page.wait_for_url(re.compile(r"/field(/projects/\d+)?$"))
    assert page.get_by_test_id("refused-notice").count() == 0


def test_session_expiry_during_sync_asks_for_the_password_and_keeps_the_outbox(
    field_phone, live_database: str
) -> None:
    page = field_phone
    inspection_id = capture_offline(page)
    waiting = outbox_size(page)
    assert waiting > 0
    expire_sessions(live_database, INSPECTOR)
    page.context.set_offline(False)
    page.get_by_test_id("login-password").wait_for()
    expect(page.locator("main")).to_contain_text("登录已失效，请重新登录")
    screenshot(page, "field-login-expired-360")
    assert outbox_size(page) == waiting
    fill_login(page)
    page.wait_for_url(re.compile(f"/field/inspections/{inspection_id}$"))
    wait_synced(page)
    assert outbox_size(page) == 0
    assert_on_server(page, inspection_id)
