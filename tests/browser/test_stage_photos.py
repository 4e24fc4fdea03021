"""Before and after, shown to everyone who decides (issue 12 §2), each on a 360×740 screen.

A deputy reports a problem with a photo; the office sees it with its flags and accepts it, an inspector adds a photo of what
was found, the office assigns it to 民生保障局 with requirements. The unit sees what it was asked
and the before photos, and its form starts with no evidence; it answers from 5 km away (its photo
is flagged far from the site). The inspector checks with a photo of their own, seeing the unit's
photo and its flag; the office sees all four stages and closes with a reason, as the flags
demand; the deputy sees the rectification and check photos on the report; the project log counts
the photos per stage.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, phone_context
from tests.browser.field import HERE, PASSWORD, sample_photos
from tests.browser.problems import push_as, send_photo_as

pytestmark = pytest.mark.browser

PROJECT = "东园镇中心小学综合楼新建工程"  # TS2023-001, next to HERE
UNIT_CODE = "TS-MS"  # 民生保障局, ts_minsheng
#: 5.5 km north of the project: the unit's photo is taken far from the site
AWAY = {**HERE, "latitude": HERE["latitude"] + 0.05}
SLIP = re.compile(r"督交〔\d{4}〕\d+号")
SYNCED = "document.querySelector('[data-testid=sync-status]')?.textContent.startsWith('已同步')"
REQUIREMENTS = "三日内加固围栏并设置警示标志，附整改前后照片"


@pytest.fixture
def people(browser, live_server) -> Iterator[dict[str, object]]:  # type: ignore[no-untyped-def]
    """A 360×740 phone per person (each its own cookies and IndexedDB), and a context for the
    set-up calls; fails on page errors."""
    contexts, pages, errors = [], {}, []
    for who, where in (
        ("deputy", HERE),
        ("office", HERE),
        ("unit", AWAY),
        ("inspector", HERE),
        ("api", HERE),
    ):
        context = phone_context(
            browser, live_server, geolocation=where, permissions=["geolocation"]
        )
        page = context.new_page()
        page.on("pageerror", lambda error, who=who: errors.append(f"{who}: {error}"))
        contexts.append(context)
        pages[who] = page
    yield pages
    for context in contexts:
        context.close()
    assert errors == []


def log_in(page, username: str, lands_on: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(lands_on + "$"))


def synced(page) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_function(SYNCED, timeout=60_000)


def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """The whole page: the photos sit below the fold on a phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def stages(column) -> list[str]:  # type: ignore[no-untyped-def]
    """The stages a before/after column shows, in order."""
    groups = column.locator("[data-testid=stage-group]")
    return [groups.nth(i).get_attribute("data-stage") or "" for i in range(groups.count())]


def deputy_reports(page, words: str) -> str:  # type: ignore[no-untyped-def]
    log_in(page, "ts_daibiao1", "/field/reports")
    synced(page)
    page.get_by_test_id("report-new").click()
    page.get_by_test_id("report-photo-gallery").set_input_files(sample_photos(3)[:1])
    page.locator("[data-testid=gps-card][data-state=ok]").wait_for()
    page.get_by_test_id("report-words").fill(words)
    page.get_by_test_id("report-project").select_option(label=PROJECT)
    page.get_by_test_id("report-submit").click()
    card = page.locator("[data-testid=report-card][data-pending=false]", has_text=words)
    card.wait_for(timeout=60_000)
    synced(page)
    return card.get_attribute("data-id") or ""


def office_makes_a_problem(page, report_id: str) -> str:  # type: ignore[no-untyped-def]
    """Through the API: the office accepts the report, an inspector adds a photo of what was
    found, the office assigns it to the unit with requirements. The problem's id."""
    api = page.request
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    token = {"X-CSRF-Token": api.get("/api/v1/auth/me").json()["csrf_token"]}
    accepted = api.post(
        f"/api/v1/reports/{report_id}/accept",
        data={"title": "校门口围栏倒伏", "severity": "high"},
        headers=token,
    )
    assert accepted.ok, accepted.text()
    issue_id = accepted.json()["issue"]["id"]
    api.post("/api/v1/auth/logout", headers=token)

    sha256, size = send_photo_as(page.context, "ts_duchayuan1")
    found = {
        "id": str(uuid.uuid4()),
        "sha256": sha256,
        "size": size,
        "content_type": "image/jpeg",
        "owner_type": "issue",
        "owner_id": issue_id,
        "location": {"lat": HERE["latitude"], "lon": HERE["longitude"], "accuracy_m": 12},
    }
    push_as(page.context, "ts_duchayuan1", [{"name": "photo.attach", "args": found}])

    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    token = {"X-CSRF-Token": api.get("/api/v1/auth/me").json()["csrf_token"]}
    unit = next(u for u in api.get("/api/v1/units").json()["items"] if u["code"] == UNIT_CODE)
    assigned = api.post(
        f"/api/v1/issues/{issue_id}/transitions",
        data={
            "to": "assigned",
            "expected_from": "found",
            "unit_id": unit["id"],
            "deadline": (date.today() + timedelta(days=10)).isoformat(),
            "requirements": REQUIREMENTS,
        },
        headers=token,
    )
    assert assigned.ok, assigned.text()
    api.post("/api/v1/auth/logout", headers=token)
    return issue_id


def unit_answers(page, issue_id: str) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ts_minsheng", "/field/issues")
    synced(page)
    page.get_by_test_id("unit-group-todo").locator(
        f"[data-testid=issue-line][data-id='{issue_id}'] a"
    ).click()
    form = page.get_by_test_id("rectify-form")
    form.wait_for()
    # what it was asked, and where the problem came from
    expect(page.get_by_test_id("source-report")).to_have_text(
        re.compile("^来自人大代表 .+ 的反映$")
    )
    expect(page.get_by_test_id("unit-asked-slip")).to_have_text(SLIP)
    expect(page.get_by_test_id("unit-asked-requirements")).to_have_text(REQUIREMENTS)
    # the before photos, labelled: the deputy's and the inspector's; nothing after yet
    photos = page.get_by_test_id("issue-photos")
    assert stages(photos.get_by_test_id("stage-before")) == ["report", "found"]
    expect(photos.get_by_test_id("stage-before")).to_contain_text("代表")
    expect(photos.get_by_test_id("stage-before")).to_contain_text("发现")
    assert stages(photos.get_by_test_id("stage-after")) == []
    # the form starts with no evidence: the found photo is not the unit's "已上传"
    expect(form.get_by_test_id("photo-thumb")).to_have_count(0)
    expect(page.get_by_test_id("rectify-need-photo")).to_be_visible()
    page.get_by_test_id("rectify-note").fill("围栏已重新立起并用膨胀螺栓加固，设警示牌")
    expect(page.get_by_test_id("rectify-submit")).to_be_disabled()  # a note alone is not enough
    screenshot(page, "stage-photos-1-unit-form")

    page.get_by_test_id("rectify-photo-gallery").set_input_files(sample_photos(3)[1:2])
    page.locator("[data-testid=rectify-photos][data-count='1']").wait_for()
    expect(page.get_by_test_id("rectify-submit")).to_be_enabled()
    page.get_by_test_id("rectify-submit").click()
    page.locator("[data-testid=unit-issue][data-state=rectified]").wait_for()
    synced(page)


def inspector_checks(page, issue_id: str) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ts_duchayuan1", "/field")
    synced(page)
    line = page.get_by_test_id("to-verify").locator(
        f"[data-testid=issue-line][data-id='{issue_id}']"
    )
    expect(line.get_by_test_id("source-report")).to_be_visible()
    line.locator("a").click()
    page.get_by_test_id("verify-form").wait_for()
    photos = page.get_by_test_id("issue-photos")
    assert stages(photos.get_by_test_id("stage-before")) == ["report", "found"]
    after = photos.get_by_test_id("stage-after")
    assert stages(after) == ["rectify"]
    # the unit's photo was taken 5 km from the site: flagged there and at the 复核 control
    expect(after.locator("[data-testid=photo-flag][data-severity=warning]").first).to_be_visible()
    expect(page.get_by_test_id("verify-flags")).to_be_visible()
    expect(page.get_by_test_id("verify-pass")).to_be_disabled()  # no photo of the check yet
    screenshot(page, "stage-photos-2-inspector-check")

    page.get_by_test_id("verify-photo-gallery").set_input_files(sample_photos(3)[2:3])
    page.locator("[data-testid=verify-photos][data-count='1']").wait_for()
    expect(page.get_by_test_id("verify-pass")).to_be_enabled()
    page.get_by_test_id("verify-note").fill("现场查看，围栏牢固，警示牌已设")
    page.get_by_test_id("verify-pass").click()
    page.locator("[data-testid=unit-issue][data-state=verified]").wait_for()
    synced(page)


def office_sees_the_report(page, report_id: str) -> None:  # type: ignore[no-untyped-def]
    """Where the office accepts or declines: the deputy's photo with its flags."""
    log_in(page, "ts_duchashi", "/projects")
    page.goto("/office/reports")
    item = page.locator(f"[data-testid=report-item][data-id='{report_id}']")
    item.wait_for(timeout=30_000)
    item.locator("[data-testid=report-photo] img").wait_for()
    expect(item.locator("[data-testid=report-flag][data-severity=warning]").first).to_be_visible()


def office_closes(page, issue_id: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"/office/issues/{issue_id}")
    detail = page.locator(f"[data-testid=issue-detail][data-id='{issue_id}'][data-state=verified]")
    detail.wait_for(timeout=30_000)
    expect(detail.get_by_test_id("source-report")).to_be_visible()
    photos = detail.get_by_test_id("issue-photos")
    assert stages(photos.get_by_test_id("stage-before")) == ["report", "found"]
    assert stages(photos.get_by_test_id("stage-after")) == ["rectify", "verify"]
    expect(photos.get_by_test_id("stage-after")).to_contain_text("整改")
    expect(photos.get_by_test_id("stage-after")).to_contain_text("复核")
    expect(photos.locator("[data-testid=photo-flag][data-severity=warning]").first).to_be_visible()
    # before beside after on a 360 px screen
    before_box = photos.get_by_test_id("stage-before").bounding_box()
    after_box = photos.get_by_test_id("stage-after").bounding_box()
    assert before_box and after_box and after_box["x"] > before_box["x"] + before_box["width"] - 1
    assert after_box["x"] + after_box["width"] <= 360

    page.get_by_test_id("issue-action-close").click()
    expect(page.get_by_test_id("close-flags")).to_be_visible()
    screenshot(page, "stage-photos-3-office-close")
    page.get_by_test_id("issue-action-confirm").click()
    expect(page.get_by_test_id("issue-action-error")).to_contain_text("理由")
    page.get_by_test_id("issue-reason").fill("已电话联系学校核实，围栏已加固")
    page.get_by_test_id("issue-action-confirm").click()
    page.locator("[data-testid=issue-detail][data-state=closed]").wait_for()
    closed = page.request.get(f"/api/v1/issues/{issue_id}").json()["events"][-1]
    assert closed["to_state"] == "closed"
    assert closed["reason"] == "已电话联系学校核实，围栏已加固"


def test_everyone_who_decides_sees_before_and_after_by_stage(people) -> None:
    deputy, office, unit, inspector, api = (
        people[k] for k in ("deputy", "office", "unit", "inspector", "api")
    )
    words = f"东园镇中心小学校门口围栏倒伏 {uuid.uuid4().hex[:4]}"
    report_id = deputy_reports(deputy, words)
    office_sees_the_report(office, report_id)
    issue_id = office_makes_a_problem(api, report_id)

    unit_answers(unit, issue_id)
    inspector_checks(inspector, issue_id)
    office_closes(office, issue_id)

    # the deputy sees the rectification and check photos beside the report's
    deputy.get_by_test_id("sync-now").click()
    synced(deputy)
    card = deputy.locator(f"[data-testid=report-card][data-id='{report_id}']")
    shown = card.get_by_test_id("report-stage-photos")
    shown.wait_for(timeout=30_000)
    assert stages(shown.get_by_test_id("stage-before")) == ["report"]
    assert stages(shown.get_by_test_id("stage-after")) == ["rectify", "verify"]
    expect(shown.locator("[data-testid=photo-flag]").first).to_be_visible()
    screenshot(deputy, "stage-photos-4-deputy")

    # the project log counts the photos per stage
    project_id = office.request.get(f"/api/v1/issues/{issue_id}").json()["project"]["id"]
    office.goto(f"/projects/{project_id}/log")
    counts = office.locator("[data-testid=log-photo-counts][data-rectify='1'][data-verify='1']")
    expect(counts.first).to_be_visible()
    expect(counts.first).to_contain_text("整改 1")
    # …and names the doubts about them
    problem = office.locator("[data-testid=log-entry][data-kind=problem]", has=counts.first)
    problem.first.locator("[data-testid=log-flags] summary").click()
    expect(problem.first.locator("[data-testid=log-flag]").first).to_be_visible()
    screenshot(office, "stage-photos-5-project-log")
