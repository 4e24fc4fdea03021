"""What pull sends for a problem and a deputy's report, pinned key by key (the other record
types: tests/sync/test_records.py): the problem with the report it came from, its slip in force
and its events; the report with its problem's steps."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from server.db import db
from server.issues import events as contract
from server.issues.models import AssignmentSlip, Issue, IssueEvent
from server.reports.models import DeputyReport
from tests.sync.conftest import new_id
from tests.sync.record_shapes import AT, LOCATION, NAMED, PERSON, build_world, sent, under


@pytest.fixture
def world(make_user, make_unit, make_project, county, townships, templates):  # type: ignore[no-untyped-def]
    return build_world(make_user, make_unit, make_project, county, townships, templates)


def _issue(world: dict[str, Any], report: DeputyReport | None = None) -> Issue:
    project = world["project"]
    issue = Issue(
        id=new_id(),
        project=project,
        report_id=report.id if report else None,
        title="厕所无水",
        description="水龙头没有水",
        severity="high",
        state="rectifying",
        unit=world["unit"],
        deadline=date(2023, 8, 31),
        lat=28.1,
        lon=120.1,
        accuracy_m=9,
        created_by=world["office"],
        region_path=project.region_path,
    )
    assign = {"expected_from": "found", "unit_id": world["unit"].id, "deadline": "2023-08-15"}
    steps = [("found", "assigned", assign, world["office"], None)]
    if report is not None:  # closed, then reopened by the deputy's 不满意 (reports/lifecycle.py)
        rating = {"via": "rating", "rating": "dissatisfied", "report_id": report.id}
        reopened = {**rating, "reopened": True, "deadline": "2023-08-31"}
        steps.append(("closed", "rectifying", reopened, world["deputy"], "还是不亮"))
    for from_state, to_state, data, actor, reason in steps:
        assert contract.conforms("transition", data), data
        issue.events.append(
            IssueEvent(
                kind="transition",
                from_state=from_state,
                to_state=to_state,
                actor_id=actor.id,
                at=AT,
                reason=reason,
                data=data,
            )
        )
    db.session.add(issue)
    db.session.commit()
    return issue


def _report(world: dict[str, Any]) -> DeputyReport:
    project = world["project"]
    report = DeputyReport(
        id=new_id(),
        deputy_id=world["deputy"].id,
        project=project,
        title="路灯不亮",
        description="村口路灯坏了",
        lat=28.1,
        lon=120.1,
        accuracy_m=20,
        located_at=AT,
        status="accepted",
        reply="已交办",
        rating="dissatisfied",
        rating_comment="还是不亮",
        rated_at=AT,
        region_path=project.region_path,
    )
    db.session.add(report)
    db.session.commit()
    return report


def _slip(world: dict[str, Any], issue: Issue) -> None:
    """The slip in force: what the unit was asked (交办单)."""
    slip = AssignmentSlip(
        issue=issue,
        region_id=world["project"].county_id,
        prefix="督交",
        year=2023,
        number=17,
        unit=world["unit"],
        deadline=date(2023, 8, 15),
        requirements="三日内恢复供水",
        issued_by_id=world["office"].id,
        issued_at=AT,
    )
    db.session.add(slip)
    db.session.commit()


def test_issue(world) -> None:
    event = {"id", "kind", "from_state", "to_state", "actor", "at", "reason", "data"}
    event |= {"received_at", "clock_skew", "late"}
    issue = _issue(world, _report(world))
    _slip(world, issue)
    assert sent("issue", issue, world["office"]) == {
        "id",
        "project_id",
        "inspection_id",
        "report_id",
        "title",
        "description",
        "severity",
        "state",
        "unit",
        *under("unit", NAMED),
        "deadline",
        "suggested_unit",
        "suggested_deadline",
        "duplicate_of_id",
        "pending_extension_until",
        *LOCATION,
        "created_by",
        *under("created_by", PERSON),
        "source_report",
        "source_report.id",
        "source_report.deputy",
        *under("source_report.deputy", NAMED),
        "slip",
        *under("slip", {"code", "requirements", "deadline", "issued_at"}),
        "created_at",
        "version",
        "events",
        *under("events[]", event),
        *under("events[].actor", PERSON),
        "events_more",
    }


def test_report(world) -> None:
    report = _report(world)
    _issue(world, report)
    assert sent("report", report, world["deputy"]) == {
        "id",
        "project_id",
        "title",
        "description",
        *LOCATION,
        "status",
        "reply",
        "rating",
        "rating_comment",
        "rated_at",
        "created_at",
        "received_at",
        "rated_received_at",
        "clock_skew",
        "version",
        "issue_id",
        "issue_state",
        "issue_deadline",
        "steps",
        *under("steps[]", {"key", "done", "at"}),
        "reopened",
        *under("reopened", {"at", "deadline"}),
    }
