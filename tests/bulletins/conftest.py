"""A county, its office, two units, and factories for a hand-built ledger with exact times."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from flask.testing import FlaskClient

from server.auth.models import User
from server.db import db
from server.inspections.models import Inspection
from server.issues import events as contract
from server.issues.machine import TRANSITIONS
from server.issues.models import Issue, IssueEvent
from server.projects.models import ProgressReport
from server.regions.services import children
from server.reports.models import DeputyReport
from tests.conftest import PASSWORD

JULY = ("2023-07-01", "2023-07-31")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    return children(county.id, "township")


@pytest.fixture
def cast(make_user, make_unit, county, townships):  # type: ignore[no-untyped-def]
    return {
        "office": make_user("supervisor", region=county),
        "west_office": make_user("supervisor", region=townships[1]),
        "inspector": make_user("inspector", townships=list(townships)),
        "deputy": make_user("deputy", region=county),
        "water": make_unit("水利局", "SL"),
        "roads": make_unit("交通局", "JT"),
    }


def client_for(app, user) -> FlaskClient:  # type: ignore[no-untyped-def]
    client = app.test_client()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    return client


@pytest.fixture
def office(app, cast) -> FlaskClient:  # type: ignore[no-untyped-def]
    return client_for(app, cast["office"])


@pytest.fixture
def bulletin(office):  # type: ignore[no-untyped-def]
    """``bulletin(first, last, **query)`` → the JSON figures, asserting a 200."""

    def get(first: str = JULY[0], last: str = JULY[1], **query: Any) -> dict[str, Any]:
        extra = "".join(f"&{key}={value}" for key, value in query.items())
        response = office.get(f"/api/v1/bulletins/figures?from={first}&to={last}{extra}")
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


@pytest.fixture
def report_progress():  # type: ignore[no-untyped-def]
    """A progress report (月报) of ``project`` on ``day`` with optional funds in yuan."""

    def add(project, day: date, progress: float, released=None, spent=None) -> None:  # type: ignore[no-untyped-def]
        db.session.add(
            ProgressReport(
                project=project,
                report_date=day,
                progress_pct=Decimal(str(progress)),
                allocated_investment_yuan=released,
                spent_investment_yuan=spent,
                source="manual",
            )
        )
        db.session.commit()

    return add


def logged(issue: Issue, kind: str, data: dict[str, Any] | None = None, **columns: Any) -> None:
    """Log an event of ``issue`` in a shape production writes (server/issues/events.py),
    received when it was done unless ``received_at`` says otherwise."""
    assert contract.conforms(kind, data), (kind, data)
    if "at" in columns:
        columns.setdefault("received_at", columns["at"])
    db.session.add(IssueEvent(issue=issue, kind=kind, data=data, **columns))


def _from_report(deputy: User, issue: Issue, created: datetime) -> DeputyReport:
    """Make ``issue`` the problem the office made of a deputy's report (受理)."""
    report = DeputyReport(
        id=str(uuid.uuid4()),
        deputy_id=deputy.id,
        project_id=issue.project_id,
        title=issue.title,
        description=issue.description,
        status="accepted",
        region_path=issue.region_path,
        created_at=created,
    )
    db.session.add(report)
    issue.report_id = report.id
    return report


def _step(cast, issue: Issue, at: datetime, to: str, data, report) -> None:  # type: ignore[no-untyped-def]
    """One step of ``record_problem``, logged with the data its writer gives it."""
    if to == "extension_approved":
        deadline = data["deadline"]
        asked = {"proposed_deadline": deadline, "previous_deadline": issue.deadline.isoformat()}
        logged(issue, "extension_requested", asked, actor=cast["office"], at=at, reason="材料未到")
        logged(issue, to, {**asked, "deadline": deadline}, actor=cast["office"], at=at)
        issue.deadline = date.fromisoformat(deadline)
        return
    assert (issue.state, to) in TRANSITIONS, (issue.state, to)
    data = dict(data or {})
    move: dict[str, Any] = {"expected_from": issue.state}
    reason, actor = None, cast["office"]
    if data.pop("reopened", False):  # a deputy's 不满意 (server/reports/lifecycle.py)
        reason, actor = "整改不到位", cast["deputy"]
        move = {"via": "rating", "rating": "dissatisfied", "report_id": report.id}
        move["reopened"] = True
        report.rating, report.rating_comment, report.rated_at = "dissatisfied", reason, at
    elif to == "assigned":
        assert issue.unit is not None, "a problem is assigned to a unit"
        move["unit_id"] = issue.unit.id
    move.update(data)
    if to in ("assigned", "rectifying") and "deadline" in move:
        issue.deadline = date.fromisoformat(move["deadline"])
    columns = {"from_state": issue.state, "to_state": to, "actor": actor, "at": at}
    logged(issue, "transition", move, reason=reason, **columns)
    issue.state = to


def record_problem(  # type: ignore[no-untyped-def]
    cast,
    project,
    created: datetime,
    steps=(),
    unit=None,
    deadline=None,
    title: str = "管网无水",
    description: str = "三户无水",
) -> Issue:
    """A problem of ``project`` created at ``created`` whose log then follows ``steps``:
    ``(at, to_state, data)`` moves, ``data`` holding what the test cares about (a deadline,
    ``reopened`` for a deputy's 不满意), or ``(at, "extension_approved", {"deadline": …})``.
    Each event carries the data its writer gives it (an assignment its unit, a reopening its
    report: such a problem is made of a deputy's report); no slip is issued (as before slips
    existed). The row ends in the last state and deadline, as the state machine leaves it;
    an assignment without ``unit`` goes to 水利局."""
    issue = Issue(
        id=str(uuid.uuid4()),
        project=project,
        title=title,
        description=description,
        severity="medium",
        state="found",
        unit=unit,
        deadline=None,
        created_by=cast["inspector"],
        region_path=project.region_path,
        created_at=created,
    )
    db.session.add(issue)
    if issue.unit is None and any(to == "assigned" for _, to, _ in steps):
        issue.unit = cast["water"]
    reopens = any((data or {}).get("reopened") for _, _, data in steps)
    report = _from_report(cast["deputy"], issue, created) if reopens else None
    made = {"via": "report", "report_id": report.id} if report else None
    logged(issue, "created", made, to_state="found", actor=cast["office"], at=created)
    for at, to, data in steps:
        _step(cast, issue, at, to, data, report)
    if deadline is not None:
        issue.deadline = deadline
    db.session.commit()
    return issue


@pytest.fixture
def make_problem(cast, make_project):  # type: ignore[no-untyped-def]
    """``record_problem`` on one project of its own."""
    project = make_project(code="ISSUES", name="问题所在项目")

    def make(created: datetime, steps=(), unit=None, deadline=None) -> Issue:  # type: ignore[no-untyped-def]
        return record_problem(cast, project, created, steps, unit, deadline)

    return make


@pytest.fixture
def make_inspection(cast):  # type: ignore[no-untyped-def]
    def make(project, kind: str, submitted: datetime | None, **fields: Any) -> Inspection:  # type: ignore[no-untyped-def]
        inspection = Inspection(
            id=str(uuid.uuid4()),
            project_id=project.id,
            kind=kind,
            inspector_id=cast["inspector"].id,
            started_at=submitted or utc(2023, 7, 1),
            submitted_at=submitted,
            status="submitted" if submitted else "draft",
            **fields,
        )
        db.session.add(inspection)
        db.session.commit()
        return inspection

    return make


@pytest.fixture
def make_deputy_report(cast, county):  # type: ignore[no-untyped-def]
    """A deputy's report received at ``created``; ``accepted`` adds the problem made of it."""

    def make(created: datetime, status="submitted", accepted=None, rating=None, rated=None):  # type: ignore[no-untyped-def]
        report = DeputyReport(
            id=str(uuid.uuid4()),
            deputy_id=cast["deputy"].id,
            title="路灯不亮",
            description="村口路灯坏了",
            status=status,
            rating=rating,
            rated_at=rated,
            region_path=county.path,
            created_at=created,
        )
        db.session.add(report)
        if accepted is not None:
            db.session.add(
                Issue(
                    id=str(uuid.uuid4()),
                    report_id=report.id,
                    title=report.title,
                    description=report.description,
                    severity="medium",
                    state="found",
                    created_by=cast["office"],
                    region_path=county.path,
                    created_at=accepted,
                )
            )
        db.session.commit()
        return report

    return make
