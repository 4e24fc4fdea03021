"""The bulletin tests' county, office and factories, plus problems on a chosen project."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from server.db import db
from server.issues.models import Issue, IssueEvent
from tests.bulletins.conftest import (  # noqa: F401  (fixtures shared with the bulletin tests)
    cast,
    client_for,
    make_deputy_report,
    make_inspection,
    office,
    report_progress,
    townships,
)


@pytest.fixture
def dashboard(office: FlaskClient):  # type: ignore[no-untyped-def]  # noqa: F811
    """``dashboard(**query)`` → the dashboard's JSON, asserting a 200."""

    def get(**query: Any) -> dict[str, Any]:
        response = office.get("/api/v1/dashboard", query_string=query)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


@pytest.fixture
def make_problem(cast):  # type: ignore[no-untyped-def]  # noqa: F811
    """A problem of ``project`` created at ``created`` whose log follows ``steps`` of
    ``(at, to_state, data)``; the row ends in the last state and deadline."""

    def make(project, created: datetime, steps=(), unit=None) -> Issue:  # type: ignore[no-untyped-def]
        issue = Issue(
            id=str(uuid.uuid4()),
            project=project,
            title="护栏缺失",
            description="临水一侧无护栏",
            severity="medium",
            state="found",
            unit=unit,
            created_by=cast["inspector"],
            region_path=project.region_path,
            created_at=created,
        )
        db.session.add(issue)
        actor = cast["office"]
        db.session.add(
            IssueEvent(issue=issue, kind="created", to_state="found", actor=actor, at=created)
        )
        for at, to, data in steps:
            db.session.add(
                IssueEvent(
                    issue=issue,
                    kind="transition",
                    from_state=issue.state,
                    to_state=to,
                    actor=actor,
                    at=at,
                    data=data,
                )
            )
            issue.state = to
            if data and "deadline" in data:
                issue.deadline = date.fromisoformat(data["deadline"])
        db.session.commit()
        return issue

    return make
