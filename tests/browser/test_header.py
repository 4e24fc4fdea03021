"""The header fits a 360×740 phone: one compact sticky row (logo, the user, sync state, bell, a
menu with language and logout), the office's tabs scroll with a cue and every one is reachable,
and the field sync bar sits under the header instead of over it."""

from __future__ import annotations

import re

from tests.browser.conftest import screenshot
from tests.browser.field import log_in as field_log_in
from tests.browser.test_office import log_in

MAX_HEADER_PX = 64


def box(page, testid: str) -> dict[str, float]:  # type: ignore[no-untyped-def]
    found = page.get_by_test_id(testid).bounding_box()
    assert found is not None, testid
    return found


def test_the_office_header_is_one_row_of_at_most_64_px(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone)
    screenshot(phone, "header-office-360")
    header = box(phone, "app-header")
    assert header["height"] <= MAX_HEADER_PX
    parts = [box(phone, t) for t in ("current-user", "notification-bell", "header-menu")]
    middle = header["y"] + header["height"] / 2
    for part in parts:
        assert (
            part["y"] >= header["y"]
            and part["y"] + part["height"] <= header["y"] + header["height"]
        )
        assert abs(part["y"] + part["height"] / 2 - middle) < 12  # one row, not wrapped
        assert part["x"] + part["width"] <= 360
    assert parts[2]["width"] >= 44 and parts[2]["height"] >= 44  # a finger-sized target


def test_the_header_stays_at_the_top_while_the_page_scrolls(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone)
    phone.mouse.wheel(0, 1500)
    phone.wait_for_function("window.scrollY > 300")
    header = box(phone, "app-header")
    assert header["y"] == 0 and header["height"] <= MAX_HEADER_PX
    # only the one row is sticky: the tabs scroll away with the page
    nav = box(phone, "main-nav")
    assert nav["y"] + nav["height"] <= 0


def test_language_and_logout_are_in_the_menu(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone)
    assert not phone.get_by_test_id("lang-switch").is_visible()
    phone.get_by_test_id("header-menu").click()
    assert phone.get_by_test_id("header-menu").get_attribute("aria-expanded") == "true"
    assert phone.get_by_test_id("logout").is_visible()
    phone.get_by_test_id("lang-switch").click()
    phone.get_by_test_id("logout").filter(has_text=re.compile("Log ?out")).wait_for(
        state="attached"
    )
    phone.keyboard.press("Escape")
    assert not phone.get_by_test_id("logout").is_visible()


def test_every_office_tab_is_reachable_with_a_cue(phone) -> None:  # type: ignore[no-untyped-def]
    log_in(phone)
    nav = phone.get_by_test_id("main-nav")
    tabs = nav.locator("a[data-testid^=nav-]")
    count = tabs.count()
    assert count >= 9
    # the row is wider than the phone: the hidden end shows a fading arrow
    assert nav.get_attribute("data-more-end") == "true"
    assert phone.get_by_test_id("nav-more-end").is_visible()
    phone.get_by_test_id("nav-more-end").click()
    phone.wait_for_function(
        "document.querySelector('[data-testid=main-nav]').dataset.moreStart === 'true'"
    )
    for index in range(count):
        tab = tabs.nth(index)
        tab.scroll_into_view_if_needed()
        place = tab.bounding_box()
        assert place is not None
        assert place["x"] >= 0 and place["x"] + place["width"] <= 360, tab.inner_text()
    last = tabs.nth(count - 1)
    href = last.get_attribute("href")
    last.click()
    phone.wait_for_url(re.compile(re.escape(href or "") + "$"))
    # on its page the last tab is current and scrolled into view
    current = phone.locator("[data-testid=main-nav] a[aria-current=page]")
    place = current.bounding_box()
    assert place is not None and place["x"] + place["width"] <= 360


def test_the_sync_bar_sits_under_the_header(field_phone) -> None:  # type: ignore[no-untyped-def]
    page = field_phone
    field_log_in(page)
    assert page.get_by_test_id("header-sync").is_visible()
    page.evaluate("document.querySelector('main').style.minHeight = '3000px'")
    page.mouse.wheel(0, 1200)
    page.wait_for_function("window.scrollY > 300")
    screenshot(page, "header-field-360")
    header = box(page, "app-header")
    bar = box(page, "sync-bar")
    assert header["height"] <= MAX_HEADER_PX
    assert bar["y"] >= header["y"] + header["height"] - 1  # below, not over the header
    assert bar["y"] < header["y"] + header["height"] + 20  # and still stuck near the top


def test_on_a_desktop_the_menu_items_sit_in_the_row(desktop) -> None:  # type: ignore[no-untyped-def]
    log_in(desktop)
    assert not desktop.get_by_test_id("header-menu").is_visible()
    assert desktop.get_by_test_id("lang-switch").is_visible()
    assert desktop.get_by_test_id("logout").is_visible()
    assert box(desktop, "app-header")["height"] <= MAX_HEADER_PX
