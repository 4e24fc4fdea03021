"""On a desktop the project map names a point on hover (project name, code, status); on a phone
a tap still opens the card, with no tooltip in the way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_dashboard import log_in

pytestmark = pytest.mark.browser


def open_map(page):  # type: ignore[no-untyped-def]
    log_in(page)
    page.get_by_test_id("dashboard-to-map").click()
    expect(page.get_by_test_id("map-page")).to_be_visible()
    as_of = page.url.split("as_of=")[1]
    listed = page.request.get(f"/api/v1/map/projects?as_of={as_of}").json()["projects"]
    expect(page.locator("path.map-point")).to_have_count(len(listed), timeout=30_000)
    return listed


def test_hovering_a_point_shows_its_project_and_status(desktop) -> None:  # type: ignore[no-untyped-def]
    listed = open_map(desktop)
    point = desktop.locator("path.map-point").nth(len(listed) // 2)
    point.hover(force=True)
    tip = desktop.locator(".leaflet-tooltip.map-tooltip")
    expect(tip).to_be_visible()
    text = tip.inner_text()
    shown = [p for p in listed if p["name"] in text]
    assert len(shown) == 1, text
    assert shown[0]["status_label"] in text and shown[0]["code"] in text
    desktop.mouse.move(5, 5)
    expect(tip).to_have_count(0)


def test_a_phone_tap_opens_the_card_without_a_tooltip(phone) -> None:  # type: ignore[no-untyped-def]
    open_map(phone)
    phone.locator("path.map-point").first.dispatch_event("click")
    expect(phone.get_by_test_id("map-card")).to_be_visible()
    expect(phone.locator(".leaflet-tooltip")).to_have_count(0)
