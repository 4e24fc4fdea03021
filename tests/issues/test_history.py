"""A problem's history in pages: the page gets the latest events, older ones page back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from server.db import db
from server.issues.models import IssueEvent
from tests.sync.conftest import Phone


def _with_comments(issue, actor, n: int) -> list[int]:  # type: ignore[no-untyped-def]
    """``n`` comments on the problem after its created event; all its event ids, oldest first."""
    start = datetime.now(UTC) - timedelta(days=1)
    db.session.add_all(
        IssueEvent(
            issue=issue,
            kind="comment",
            actor_id=actor.id,
            at=start + timedelta(seconds=i),
            reason=f"意见{i}",
        )
        for i in range(n)
    )
    db.session.commit()
    return sorted(e.id for e in db.session.query(IssueEvent).filter_by(issue_id=issue.id))


def test_the_problems_page_holds_its_latest_50_events(cast, make_issue, as_user) -> None:
    issue = make_issue()
    ids = _with_comments(issue, cast["office"], 120)
    body = as_user(cast["office"]).get(f"/api/v1/issues/{issue.id}").get_json()
    assert [e["id"] for e in body["events"]] == ids[-50:]
    assert body["events_more"] is True
    assert body["events"][-1]["reason"] == "意见119"


def test_a_short_history_comes_whole(cast, make_issue, as_user) -> None:
    issue = make_issue()
    ids = _with_comments(issue, cast["office"], 3)
    body = as_user(cast["office"]).get(f"/api/v1/issues/{issue.id}").get_json()
    assert [e["id"] for e in body["events"]] == ids and body["events_more"] is False


def test_older_events_page_back_to_the_first(cast, make_issue, as_user) -> None:
    issue = make_issue()
    ids = _with_comments(issue, cast["office"], 120)
    office = as_user(cast["office"])
    seen = [e["id"] for e in office.get(f"/api/v1/issues/{issue.id}").get_json()["events"]]
    pages = []
    while True:
        url = f"/api/v1/issues/{issue.id}/events?before={seen[0]}&limit=40"
        page = office.get(url).get_json()
        seen = [e["id"] for e in page["items"]] + seen
        pages.append((len(page["items"]), page["has_more"]))
        if not page["has_more"]:
            break
    assert seen == ids
    assert pages == [(40, True), (31, False)]


def test_a_page_of_events_is_at_most_200(cast, make_issue, as_user) -> None:
    response = as_user(cast["office"]).get(f"/api/v1/issues/{make_issue().id}/events?limit=201")
    assert response.status_code == 422


def test_another_units_history_is_404(cast, make_issue, as_user) -> None:
    issue = make_issue(state="assigned", unit=cast["roads"])
    response = as_user(cast["water_unit"]).get(f"/api/v1/issues/{issue.id}/events")
    assert response.status_code == 404


def test_a_phone_gets_the_latest_50_events(app, cast, make_issue) -> None:
    from sync.changes import log_change

    issue = make_issue(state="assigned", unit=cast["water"])
    ids = _with_comments(issue, cast["office"], 120)
    log_change(db.session, "issue", issue)
    db.session.commit()
    phone = Phone(app, cast["water_unit"])
    phone.sync_all()
    pulled = phone.local[("issue", issue.id)]
    assert [e["id"] for e in pulled["events"]] == ids[-50:]
    assert pulled["events_more"] is True
