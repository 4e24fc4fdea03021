"""The deputy rates the office's reply: 满意 / 基本满意 close it, 不满意 reopens the problem."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from server.db import db
from server.issues.models import Issue
from server.reports.lifecycle import reopen_deadline
from server.reports.models import DeputyReport


def _replied(office, filed, state: str = "closed") -> str:  # type: ignore[no-untyped-def]
    """Accepted, its problem put in ``state``, and answered."""
    issue_id = office.post(f"/api/v1/reports/{filed}/accept").get_json()["issue"]["id"]
    issue = db.session.get(Issue, issue_id)
    issue.state, issue.deadline = state, date(2023, 8, 31)
    db.session.commit()
    assert office.post(f"/api/v1/reports/{filed}/reply", {"text": "已通水"}).status_code == 200
    return issue_id


def _fresh(model, record_id):  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.get(model, record_id)


def _shanghai_today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


@pytest.mark.parametrize("rating", ["satisfied", "basically_satisfied"])
def test_a_good_rating_closes_the_report_and_leaves_the_problem(
    office, deputy, filed, rating
) -> None:
    issue_id = _replied(office, filed)
    assert deputy.do("report.rate", report_id=filed, rating=rating)["status"] == "applied"
    report = _fresh(DeputyReport, filed)
    assert (report.status, report.rating) == ("rated", rating)
    assert _fresh(Issue, issue_id).state == "closed"


def test_dissatisfied_reopens_a_closed_problem_with_a_new_deadline(
    office, deputy, people, filed
) -> None:
    issue_id = _replied(office, filed)
    result = deputy.do(
        "report.rate", report_id=filed, rating="dissatisfied", comment="还有一户没有来水"
    )
    assert result["status"] == "applied", result
    issue = _fresh(Issue, issue_id)
    new_deadline = _shanghai_today() + timedelta(days=15)
    assert (issue.state, issue.deadline) == ("rectifying", new_deadline)
    event = issue.events[-1]
    assert (event.kind, event.from_state, event.to_state) == ("transition", "closed", "rectifying")
    assert (event.actor_id, event.reason) == (people["deputy"].id, "还有一户没有来水")
    assert event.data["reopened"] is True and event.data["deadline"] == new_deadline.isoformat()
    report = _fresh(DeputyReport, filed)
    assert (report.status, report.rating) == ("accepted", "dissatisfied")
    # the phone shows it: 已重新交办整改,新期限 …
    deputy.sync_all()
    mine = deputy.local[("report", filed)]
    assert (mine["status"], mine["issue_state"]) == ("accepted", "rectifying")
    assert mine["reopened"]["deadline"] == new_deadline.isoformat()
    # the office answers again; the deputy may rate again
    assert office.post(f"/api/v1/reports/{filed}/reply", {"text": "已补接"}).status_code == 200
    assert deputy.do("report.rate", report_id=filed, rating="satisfied")["status"] == "applied"
    assert _fresh(DeputyReport, filed).status == "rated"


def test_dissatisfied_needs_a_reason(office, deputy, filed) -> None:
    issue_id = _replied(office, filed)
    for comment in (None, "   "):
        result = deputy.do("report.rate", report_id=filed, rating="dissatisfied", comment=comment)
        assert result["code"] == "reason_required"
    assert _fresh(Issue, issue_id).state == "closed"
    assert _fresh(DeputyReport, filed).status == "replied"


@pytest.mark.parametrize("state", ["assigned", "rectifying", "rectified", "verified"])
def test_dissatisfied_on_an_open_problem_is_recorded_on_it(office, deputy, filed, state) -> None:
    issue_id = _replied(office, filed, state)
    deputy.do("report.rate", report_id=filed, rating="dissatisfied", comment="还没修好")
    issue = _fresh(Issue, issue_id)
    assert (issue.state, issue.deadline) == (state, date(2023, 8, 31))
    assert (issue.events[-1].kind, issue.events[-1].reason) == ("comment", "还没修好")
    assert _fresh(DeputyReport, filed).status == "accepted"
    deputy.sync_all()
    assert deputy.local[("report", filed)]["reopened"] is None


def test_a_dissatisfied_report_waits_for_a_new_reply(office, deputy, filed) -> None:
    _replied(office, filed)
    deputy.do("report.rate", report_id=filed, rating="dissatisfied", comment="没水")
    again = deputy.do("report.rate", report_id=filed, rating="satisfied")
    assert again["code"] == "not_replied"


def test_a_rated_report_may_be_rated_again_and_then_reopen(office, deputy, filed) -> None:
    issue_id = _replied(office, filed)
    deputy.do("report.rate", report_id=filed, rating="satisfied")
    assert office.post(f"/api/v1/reports/{filed}/reply", {"text": "x"}).status_code == 409
    deputy.do("report.rate", report_id=filed, rating="dissatisfied", comment="又停水了")
    assert _fresh(Issue, issue_id).state == "rectifying"


def test_the_reopen_period_is_configurable(app, office, deputy, filed) -> None:
    app.config["REPORT_REOPEN_DAYS"] = 7
    issue_id = _replied(office, filed)
    deputy.do("report.rate", report_id=filed, rating="dissatisfied", comment="没水")
    assert _fresh(Issue, issue_id).deadline == _shanghai_today() + timedelta(days=7)


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2023, 7, 31, 15, 59, 59, tzinfo=UTC), date(2023, 8, 15)),  # 23:59:59 in Beijing
        (datetime(2023, 7, 31, 16, 0, 0, tzinfo=UTC), date(2023, 8, 16)),  # 00:00 on 8-1
        (datetime(2023, 12, 31, 16, 0, 0, tzinfo=UTC), date(2024, 1, 16)),  # across the year
    ],
)
def test_the_new_deadline_counts_from_the_day_in_shanghai(utc, expected) -> None:
    assert reopen_deadline(utc, "Asia/Shanghai", 15) == expected


def test_the_new_deadline_follows_the_configured_zone() -> None:
    assert reopen_deadline(datetime(2023, 7, 31, 16, 0, tzinfo=UTC), "UTC", 15) == date(2023, 8, 15)
