"""A county with a water-supply problem found on site, the office, two units and an inspector."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest

from server.db import db
from server.issues.models import Issue, IssueEvent
from server.media.models import Photo
from server.projects.status import today
from server.regions.services import children


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    return children(county.id, "township")


@pytest.fixture
def cast(make_user, make_unit, make_project, townships, county):  # type: ignore[no-untyped-def]
    east, west = townships
    water, roads = make_unit("水利局", "SL"), make_unit("交通局", "JT")
    return {
        "office": make_user("supervisor", region=county),
        "west_office": make_user("supervisor", region=west),
        "admin": make_user("admin"),
        "inspector": make_user("inspector", townships=[east]),
        "water_unit": make_user("unit", unit=water),
        "roads_unit": make_user("unit", unit=roads),
        "water": water,
        "roads": roads,
        "east_project": make_project(
            code="E1", name="东村供水", township=east, region_path=east.path
        ),
        "west_project": make_project(
            code="W1", name="西村公厕", township=west, region_path=west.path
        ),
    }


@pytest.fixture
def make_issue(cast):  # type: ignore[no-untyped-def]
    """A problem found by the inspector (state ``found`` unless told), optionally assigned."""

    def make(project=None, state="found", unit=None, deadline=None, title="管网铺设后无法供水"):  # type: ignore[no-untyped-def]
        project = project or cast["east_project"]
        issue = Issue(
            id=str(uuid.uuid4()),
            project=project,
            title=title,
            description="村东头三户龙头无水",
            severity="high",
            state=state,
            unit=unit,
            deadline=deadline,
            created_by=cast["inspector"],
            region_path=project.region_path,
        )
        db.session.add(issue)
        db.session.add(
            IssueEvent(issue=issue, kind="created", to_state="found", actor=cast["inspector"])
        )
        db.session.commit()
        return issue

    return make


@pytest.fixture
def make_evidence(cast):  # type: ignore[no-untyped-def]
    """Photo ids attached to a problem by the unit (or ``by`` another user: the verifier's
    check), their bytes uploaded (rows only), to cite when reporting a fix or verifying it."""
    from tests.media.arrived import bytes_arrived

    def make(issue, n: int = 1, by=None) -> list[str]:  # type: ignore[no-untyped-def]
        uploader = by or cast["water_unit"]
        photos = [
            Photo(
                id=str(uuid.uuid4()),
                sha256=uuid.uuid4().hex * 2,
                size=10,
                content_type="image/jpeg",
                owner_type="issue",
                owner_id=issue.id,
                stage="rectify" if uploader.role == "unit" else "verify",
                lat=issue.project.lat if issue.project and issue.project.lat else 28.1,
                lon=issue.project.lon if issue.project and issue.project.lon else 120.1,
                uploaded_by_id=uploader.id,
            )
            for _ in range(n)
        ]
        db.session.add_all(photos)
        db.session.commit()
        for photo in photos:
            bytes_arrived(photo.sha256, photo.size, uploader.id)
        return [p.id for p in photos]

    return make


def in_days(n: int) -> date:
    return today() + timedelta(days=n)


@pytest.fixture
def as_user(app, login):  # type: ignore[no-untyped-def]
    """``as_user(user)`` → a client logged in as ``user`` that sends the CSRF token."""

    def make(user):  # type: ignore[no-untyped-def]
        client = app.test_client()
        response = client.post(
            "/api/v1/auth/login",
            json={"username": user.username, "password": "correct-horse-battery"},
        )
        token = response.get_json()["csrf_token"]

        class Session:
            def get(self, url, **kw):  # type: ignore[no-untyped-def]
                return client.get(url, **kw)

            def post(self, url, payload):  # type: ignore[no-untyped-def]
                return client.post(url, json=payload, headers={"X-CSRF-Token": token})

        return Session()

    return make


def move(session, issue_id, frm, to, **extra):  # type: ignore[no-untyped-def]
    return session.post(
        f"/api/v1/issues/{issue_id}/transitions", {"expected_from": frm, "to": to, **extra}
    )
