"""A problem's photos on the office's page are a grid of thumbnails (several a row, no bullets),
each opening full size over the page: at 360×740 and on a desktop."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot
from tests.browser.field import HERE
from tests.browser.problems import push_as, rectified_problem, send_photo_as
from tests.browser.test_office import log_in

pytestmark = pytest.mark.browser


def with_found_photos(context, n: int) -> str:  # type: ignore[no-untyped-def]
    """A rectified problem (one photo of the unit's) to which the inspector attached ``n``."""
    issue_id = rectified_problem(context, f"围栏倒伏 {uuid.uuid4().hex[:4]}")
    for _ in range(n):
        sha256, size = send_photo_as(context, "ts_duchayuan1")
        photo = {
            "id": str(uuid.uuid4()),
            "sha256": sha256,
            "size": size,
            "content_type": "image/jpeg",
            "owner_type": "issue",
            "owner_id": issue_id,
            "location": {"lat": HERE["latitude"], "lon": HERE["longitude"], "accuracy_m": 12},
        }
        push_as(context, "ts_duchayuan1", [{"name": "photo.attach", "args": photo}])
    return issue_id


def open_issue(page, issue_id: str):  # type: ignore[no-untyped-def]
    log_in(page, "ts_duchashi")
    page.goto(f"/office/issues/{issue_id}")
    photos = page.get_by_test_id("issue-photos")
    photos.locator("[data-testid=stage-photo] img").first.wait_for()
    return photos


def rows_of(thumbs) -> list[float]:  # type: ignore[no-untyped-def]
    return sorted({round(thumbs.nth(i).bounding_box()["y"]) for i in range(thumbs.count())})


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_photos_are_a_grid_of_thumbnails(request, screen: str) -> None:  # type: ignore[no-untyped-def]
    page = request.getfixturevalue(screen)
    photos = open_issue(page, with_found_photos(page.context, 3))
    found = photos.locator("[data-testid=stage-group][data-count='3']")  # the inspector's three
    thumbs = found.locator("[data-testid=stage-photo]")
    expect(thumbs).to_have_count(3)
    assert len(rows_of(thumbs)) < 3  # side by side, not one under another
    style = found.locator("ul.stage-list").evaluate("el => getComputedStyle(el).listStyleType")
    assert style == "none"
    width = 360 if screen == "phone" else 1280
    for i in range(3):
        place = thumbs.nth(i).bounding_box()
        assert place and place["x"] + place["width"] <= width
    screenshot(page, f"office-photos-{screen}")


def test_a_thumbnail_opens_full_size_and_closes(phone) -> None:  # type: ignore[no-untyped-def]
    photos = open_issue(phone, with_found_photos(phone.context, 1))
    thumb = photos.locator("[data-testid=stage-photo] img").first
    thumb.evaluate("img => img.complete || new Promise(r => (img.onload = r))")
    small = thumb.bounding_box()
    assert small
    photos.get_by_test_id("photo-open").first.click()
    viewer = phone.get_by_test_id("photo-viewer")
    expect(viewer).to_be_visible()
    image = phone.get_by_test_id("photo-viewer-image")
    image.evaluate("img => img.complete || new Promise(r => (img.onload = r))")
    # the display size, not the thumbnail, shown across the phone
    assert "display" in (image.get_attribute("src") or "")
    assert image.get_attribute("src") != thumb.get_attribute("src")
    place = image.bounding_box()
    assert place and place["width"] >= 300 and place["width"] > 3 * small["width"]
    screenshot(phone, "office-photo-full-360")
    phone.get_by_test_id("photo-viewer-close").click()
    expect(viewer).to_have_count(0)
