"""The office's dashboard and map with the demo data: the Taishang office (ts_duchashi) opens
/office/dashboard and every chart draws (an SVG of non-zero size whose ECharts option has the
expected number of series), then /office/map shows one point per project with coordinates (as
many as the API lists), and a tapped point shows its card with a link to the project. No console
errors, on a desktop and at 360 px (screenshots in test-artifacts/)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
PASSWORD = "demo12345"
# chart → series in its option (completion: 已完成 + 未完成; funds: 计划/下达/完成; lines: 发现/销号)
CHARTS = {
    "chart-level": 2,
    "chart-statuses": 1,
    "chart-series": 2,
    "chart-township": 2,
    "chart-funds": 3,
    "chart-problems": 2,
    "chart-overdue": 1,
    "chart-inspections": 1,
    "chart-satisfaction": 1,
}


def watch_console(page) -> list[str]:  # type: ignore[no-untyped-def]
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def log_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/office/dashboard")
    page.get_by_test_id("login-username").fill("ts_duchashi")
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("dashboard")).to_be_visible(timeout=30_000)


def assert_charts_drawn(page) -> None:  # type: ignore[no-untyped-def]
    for testid, series in CHARTS.items():
        canvas = page.get_by_test_id(f"{testid}-canvas")
        expect(canvas).to_have_attribute("data-series-count", str(series), timeout=30_000)
        svg = canvas.locator("svg").first
        expect(svg).to_be_attached()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 100, (testid, box)


def assert_map_points(page) -> None:  # type: ignore[no-untyped-def]
    as_of = page.url.split("as_of=")[1]
    listed = page.request.get(f"/api/v1/map/projects?as_of={as_of}").json()["projects"]
    assert len(listed) > 50  # the Taishang district's projects all have coordinates
    expect(page.locator("path.map-point")).to_have_count(len(listed), timeout=30_000)
    expect(page.get_by_test_id("map-summary")).to_contain_text(f"{len(listed)} 个有坐标的项目")
    expect(page.locator(".leaflet-control-scale-line")).to_be_visible()


def test_dashboard_and_map_on_a_desktop(desktop) -> None:  # type: ignore[no-untyped-def]
    errors = watch_console(desktop)
    log_in(desktop)
    expect(desktop.get_by_test_id("nav-dashboard")).to_have_attribute("aria-current", "page")
    expect(desktop.get_by_test_id("dashboard-year")).to_have_value("2023")
    assert_charts_drawn(desktop)
    # the district's 81 projects in the completion chart's note
    expect(desktop.get_by_test_id("chart-level")).to_contain_text("共 81 个项目")
    screenshot(desktop, "dashboard-desktop")

    desktop.get_by_test_id("dashboard-to-map").click()
    expect(desktop.get_by_test_id("map-page")).to_be_visible()
    assert_map_points(desktop)
    screenshot(desktop, "map-desktop")
    desktop.locator("path.map-point").first.dispatch_event("click")
    card = desktop.get_by_test_id("map-card")
    expect(card).to_be_visible()
    expect(card.get_by_test_id("status-badge")).to_be_visible()
    expect(card.get_by_test_id("map-card-problems")).to_contain_text("未销号问题")
    expect(card.get_by_test_id("map-card-link")).to_have_attribute(
        "href", re.compile(r"^/projects/\d+$")
    )
    card.get_by_test_id("map-card-link").click()
    expect(desktop).to_have_url(re.compile(r"/projects/\d+$"))
    assert [e for e in errors if "401" not in e] == []  # 401: /auth/me before logging in


def test_dashboard_and_map_at_360_px(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone)
    assert_charts_drawn(phone)
    # charts stack: each one as wide as the page, none wider than the screen
    for testid in CHARTS:
        box = phone.get_by_test_id(testid).bounding_box()
        assert box is not None and box["width"] <= 360 and box["x"] >= 0, (testid, box)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    screenshot(phone, "dashboard-phone")
    phone.screenshot(path="test-artifacts/dashboard-phone-full.png", full_page=True)

    phone.get_by_test_id("dashboard-to-map").click()
    assert_map_points(phone)
    screenshot(phone, "map-phone")
