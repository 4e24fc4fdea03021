"""Per-user limits on a problem's history: comments and recorded conflicting moves per hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from server.db import db
from server.issues.models import Issue, IssueEvent
from tests.sync.conftest import found_problem, move


@pytest.fixture
def cast(phone, make_user, make_project, townships):  # type: ignore[no-untyped-def]
    east = townships[0]
    return {
        "office": phone(make_user("supervisor")),
        "inspector": phone(make_user("inspector", townships=[east])),
        "project": make_project(township=east, region_path=east.path),
    }


@pytest.fixture
def issue_id(cast) -> str:  # type: ignore[no-untyped-def]
    return found_problem(
        cast["inspector"], cast["project"].id, "管网铺设后无法供水", "村东头三户龙头无水"
    )


def _kinds(issue_id: str) -> list[str]:
    issue = db.session.get(Issue, issue_id)
    db.session.refresh(issue)
    return [event.kind for event in issue.events]


@pytest.fixture
def small_limits(app):  # type: ignore[no-untyped-def]
    app.config.update(ISSUE_COMMENTS_PER_HOUR=3, ISSUE_CONFLICTS_PER_HOUR=2)


def test_comments_beyond_the_hours_limit_are_refused(cast, issue_id, small_limits) -> None:
    office = cast["office"]
    results = [office.do("issue.comment", issue_id=issue_id, body=f"意见{n}") for n in range(5)]
    assert [r["status"] for r in results] == ["applied"] * 3 + ["rejected"] * 2
    assert results[-1]["code"] == "too_many_comments"
    assert "一小时内已发表 3 条意见" in results[-1]["message"]
    assert _kinds(issue_id).count("comment") == 3


def test_the_comment_limit_is_each_users_own(cast, issue_id, small_limits) -> None:
    for n in range(3):
        cast["office"].do("issue.comment", issue_id=issue_id, body=f"意见{n}")
    result = cast["inspector"].do("issue.comment", issue_id=issue_id, body="现场已核实")
    assert result["status"] == "applied"


def test_comments_older_than_an_hour_do_not_count(cast, issue_id, small_limits) -> None:
    office = cast["office"]
    earlier = datetime.now(UTC) - timedelta(hours=2)
    db.session.add_all(
        IssueEvent(issue_id=issue_id, kind="comment", actor_id=office.user.id, at=earlier)
        for _ in range(3)
    )
    db.session.commit()
    assert office.do("issue.comment", issue_id=issue_id, body="新意见")["status"] == "applied"


def test_conflicting_moves_beyond_the_hours_limit_are_not_kept(
    cast, issue_id, small_limits
) -> None:
    move(cast["office"], issue_id, "found", "rejected", reason="不属于民生实事")
    unit = cast["inspector"]
    results = [move(unit, issue_id, "rectified", "verified") for _ in range(4)]
    assert [r["status"] for r in results] == ["conflict", "conflict", "rejected", "rejected"]
    assert results[-1]["code"] == "too_many_conflicts"
    assert "本次未记录" in results[-1]["message"]
    assert _kinds(issue_id).count("conflict") == 2


def test_limits_come_from_the_configuration(app) -> None:
    from server.config import load_config

    config = load_config(app.instance_path, secret_required=False)
    assert (config["ISSUE_COMMENTS_PER_HOUR"], config["ISSUE_CONFLICTS_PER_HOUR"]) == (60, 30)
