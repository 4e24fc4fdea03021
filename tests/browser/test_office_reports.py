"""Deputies' reports across two phones at 360 px: the demo deputy files one; the supervisor
accepts it on /office/reports (a problem is made, linked) and replies; after a sync the deputy's
phone shows 受理 and 答复 reached and the reply's words. A declined report shows 不予受理 and why."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import pytest

from tests.browser.conftest import phone_context, screenshot
from tests.browser.field import HERE, PASSWORD, sample_photos

pytestmark = pytest.mark.browser
DEPUTY = "ts_daibiao1"
REPLY = "经核查,管网末端阀门未开启,已于7月5日打开阀门,三户已正常供水"


def _watched(context) -> tuple[object, list[str]]:  # type: ignore[no-untyped-def]
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


@pytest.fixture
def deputy(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = phone_context(browser, live_server, geolocation=HERE, permissions=["geolocation"])
    page, errors = _watched(context)
    yield page
    context.close()
    assert errors == []


@pytest.fixture
def office(browser, live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The supervisor on a 360 px phone (the office page has to fit one too)."""
    context = phone_context(browser, live_server)
    page, errors = _watched(context)
    yield page
    context.close()
    assert errors == []


def wait_synced(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(
        "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')",
        timeout=60_000,
    )


def file_report(page, words: str, photos: list[str]) -> str:  # type: ignore[no-untyped-def]
    """On the deputy's phone: a report with words (and photos), synced; returns its id."""
    page.get_by_test_id("report-new").click()
    if photos:
        page.get_by_test_id("report-photo-gallery").set_input_files(photos)
    page.locator("[data-testid=gps-card][data-state=ok]").wait_for()
    page.get_by_test_id("report-words").fill(words)
    page.get_by_test_id("report-submit").click()
    card = page.locator("[data-testid=report-card]", has_text=words)
    card.wait_for()
    wait_synced(page)
    page.locator("[data-testid=report-card][data-pending=false]", has_text=words).wait_for()
    return card.get_attribute("data-id") or ""


def deputy_logs_in(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(DEPUTY)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/field/reports$"))
    wait_synced(page)


def office_reports(page) -> None:  # type: ignore[no-untyped-def]
    page.goto("/office/reports")
    # the app first finds out who is logged in: wait for the login form or the page
    page.locator("[data-testid=login-username], [data-testid=reports-page]").first.wait_for()
    if page.get_by_test_id("login-username").is_visible():
        page.get_by_test_id("login-username").fill("supervisor")
        page.get_by_test_id("login-password").fill(PASSWORD)
        page.get_by_test_id("login-submit").click()
    page.get_by_test_id("reports-page").wait_for()


def pull_again(page, report_id: str, status: str):  # type: ignore[no-untyped-def]
    page.get_by_test_id("sync-now").click()
    card = page.locator(f"[data-testid=report-card][data-id='{report_id}'][data-status={status}]")
    card.wait_for(timeout=30_000)
    return card


def assert_fits(page, what: str) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{what} is {width}px wide at 360px"


def test_office_accepts_and_replies_and_the_deputy_follows(deputy, office) -> None:
    words = f"下曾村自来水管网铺设后三户至今没有来水 {uuid.uuid4().hex[:6]}"
    deputy_logs_in(deputy)
    report_id = file_report(deputy, words, sample_photos()[:1])
    steps = deputy.locator(
        f"[data-testid=report-card][data-id='{report_id}'] [data-testid=report-steps]"
    )
    assert steps.locator("[data-done=true]").count() == 1  # 已提交 only

    office_reports(office)
    card = office.locator(f"[data-testid=report-item][data-id='{report_id}']")
    card.wait_for(timeout=30_000)
    assert card.get_by_test_id("report-description").inner_text() == words
    assert "骆清泉" in card.inner_text()
    card.locator("[data-testid=report-photo] img").wait_for()
    card.get_by_test_id("report-accept").click()
    card.get_by_test_id("report-severity-high").click()
    card.get_by_test_id("report-accept-confirm").click()
    done = office.get_by_test_id("report-done-issue")
    done.wait_for()
    issue_id = done.get_attribute("data-issue-id")
    assert done.get_attribute("href") == f"/office/issues/{issue_id}"
    accepted = office.locator(
        f"[data-testid=report-item][data-id='{report_id}'][data-status=accepted]"
    )
    accepted.get_by_test_id("report-issue").wait_for()
    assert accepted.get_by_test_id("report-issue").get_attribute("data-state") == "found"
    assert_fits(office, "the office's reports page")
    screenshot(office, "office-reports-accepted-360")

    accepted.get_by_test_id("report-reply").click()
    accepted.get_by_test_id("report-reply-confirm").click()
    assert accepted.get_by_test_id("report-action-error").inner_text() == "请填写答复内容"
    accepted.get_by_test_id("report-reply-text").fill(REPLY)
    accepted.get_by_test_id("report-reply-confirm").click()
    replied = office.locator(
        f"[data-testid=report-item][data-id='{report_id}'][data-status=replied]"
    )
    replied.get_by_test_id("report-reply-shown").wait_for()
    assert replied.get_by_test_id("report-reply-shown").inner_text() == f"答复：{REPLY}"
    screenshot(office, "office-reports-replied-360")

    phone_card = pull_again(deputy, report_id, "replied")
    for step, done_now in [
        ("submitted", "true"),
        ("accepted", "true"),
        ("assigned", "false"),
        ("rectified", "false"),
        ("replied", "true"),
    ]:
        assert (
            phone_card.get_by_test_id(f"report-step-{step}").get_attribute("data-done") == done_now
        ), step
    assert phone_card.get_by_test_id("report-reply").inner_text() == f"答复： {REPLY}"
    assert "问题状态：发现" in phone_card.get_by_test_id("report-problem").inner_text()
    phone_card.get_by_test_id("report-rate").wait_for()
    phone_card.scroll_into_view_if_needed()
    assert_fits(deputy, "the deputy's reports")
    screenshot(deputy, "field-deputy-report-replied-360")


def test_a_declined_report_shows_why_on_the_deputys_phone(deputy, office) -> None:
    words = f"希望村里再建一个篮球场 {uuid.uuid4().hex[:6]}"
    reason = "不属于今年民生实事项目范围,已转交区文体旅局研究"
    deputy_logs_in(deputy)
    report_id = file_report(deputy, words, [])

    office_reports(office)
    card = office.locator(f"[data-testid=report-item][data-id='{report_id}']")
    card.wait_for(timeout=30_000)
    card.get_by_test_id("report-decline").click()
    card.get_by_test_id("report-decline-confirm").click()
    assert card.get_by_test_id("report-action-error").inner_text() == "请填写不予受理的原因"
    card.get_by_test_id("report-decline-reason").fill(reason)
    card.get_by_test_id("report-decline-confirm").click()
    office.locator(
        f"[data-testid=report-item][data-id='{report_id}'][data-status=declined]"
    ).wait_for()

    phone_card = pull_again(deputy, report_id, "declined")
    declined = phone_card.get_by_test_id("report-declined")
    assert declined.inner_text() == f"不予受理\n原因：{reason}"
    assert phone_card.get_by_test_id("report-steps").count() == 0
    assert phone_card.get_by_test_id("report-rate").count() == 0
