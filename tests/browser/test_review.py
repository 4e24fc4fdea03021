"""The review loop across two screens: an inspector submits on a 360 px phone; the office
returns it with a reason on a desktop; the phone shows "督查室退回:…" and the inspector answers
with a correction (the answers copied, the photos taken again), which reaches the office's queue
linked to the version it corrects."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot
from tests.browser.field import (
    PASSWORD,
    log_in,
    open_project,
    sample_photos,
    server_view,
    start_and_answer,
    wait_synced,
)

pytestmark = pytest.mark.browser
REASON = "照片未拍到公示牌,请补拍"


def office_queue(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/office/review")
    # the app first finds out who is logged in: wait for the login form or the queue
    page.locator("[data-testid=login-username], [data-testid=review-page]").first.wait_for()
    if page.get_by_test_id("login-username").is_visible():
        page.get_by_test_id("login-username").fill("supervisor")
        page.get_by_test_id("login-password").fill(PASSWORD)
        page.get_by_test_id("login-submit").click()
    page.get_by_test_id("review-page").wait_for()


def test_office_returns_and_the_inspector_corrects(field_phone, desktop) -> None:
    phone = field_phone
    photos = sample_photos()
    log_in(phone)
    open_project(phone, "TS2023-001")
    first = start_and_answer(phone, photos)
    phone.get_by_test_id("inspection-submit").click()
    wait_synced(phone)

    office_queue(desktop)
    card = desktop.locator(f"[data-testid=review-item][data-id='{first}']")
    card.wait_for(timeout=30_000)
    assert card.get_by_test_id("review-photo").count() == 2
    assert card.get_by_test_id("review-answers").locator("dt").count() == 7
    screenshot(desktop, "review-queue-desktop")
    card.get_by_test_id("review-return").click()
    card.get_by_test_id("review-return-confirm").click()
    assert "请填写退回原因" in card.get_by_test_id("review-error").inner_text()
    card.get_by_test_id("review-reason").fill(REASON)
    card.get_by_test_id("review-return-confirm").click()
    desktop.get_by_test_id("review-done").wait_for()
    # the queue is read again after the decision: the returned inspection leaves it
    desktop.locator(f"[data-testid=review-item][data-id='{first}']").wait_for(state="detached")

    phone.get_by_test_id("sync-now").click()
    note = phone.get_by_test_id("review-note")
    note.wait_for(timeout=30_000)
    assert note.inner_text() == f"督查室退回：{REASON}"
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"the returned inspection is {width}px wide at 360px"
    screenshot(phone, "review-returned-360")
    phone.get_by_test_id("review-correct").click()
    phone.wait_for_url(re.compile(r"/field/inspections/(?!" + first + r")[0-9a-f-]{36}$"))
    second = phone.url.rsplit("/", 1)[1]
    # six answers copied; the photo item is taken again
    phone.wait_for_function(
        "document.querySelectorAll('[data-testid=check-item][data-answered=true]').length === 6"
    )
    phone.get_by_test_id("photo-5-gallery").set_input_files(photos)
    phone.locator("[data-testid=photos-5][data-count='2']").wait_for(timeout=20_000)
    phone.get_by_test_id("inspection-submit").click()
    wait_synced(phone)
    records = server_view(phone)
    assert records["inspection"][second]["replaces_id"] == first
    assert records["inspection"][first]["status"] == "returned"

    desktop.reload()
    card = desktop.locator(f"[data-testid=review-item][data-id='{second}']")
    card.wait_for(timeout=30_000)
    assert REASON in card.get_by_test_id("review-replaces").inner_text()
    card.get_by_test_id("review-approve").click()
    desktop.get_by_test_id("review-done").wait_for()
    phone.get_by_test_id("sync-now").click()
    phone.get_by_test_id("review-approved").wait_for(timeout=30_000)
