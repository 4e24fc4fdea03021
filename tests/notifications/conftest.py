"""People around one problem: two units, the office of the county and of another township."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select

from server.db import db
from server.inspections.models import Inspection
from server.issues.models import Issue
from server.notifications.models import Notification
from server.regions.services import children
from server.reports.models import DeputyReport
from tests.sync.conftest import Phone

OFFICE_OF_EAST = ("office", "east_office", "admin")  # the office of the project's township


@pytest.fixture
def place(county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    return {"county": county, "east": east, "west": west}


@pytest.fixture
def people(make_user, make_unit, place):  # type: ignore[no-untyped-def]
    water, roads = make_unit("水利局"), make_unit("交通局")
    gone = make_user("unit", unit=water)
    gone.active = False
    db.session.commit()
    return {
        "water": water,
        "roads": roads,
        "water_1": make_user("unit", unit=water),
        "water_2": make_user("unit", unit=water),
        "water_gone": gone,
        "roads_1": make_user("unit", unit=roads),
        "office": make_user("supervisor", region=place["county"]),
        "east_office": make_user("supervisor", region=place["east"]),
        "west_office": make_user("supervisor", region=place["west"]),
        "admin": make_user("admin"),
        "inspector": make_user("inspector", townships=[place["east"]]),
        "deputy": make_user("deputy", region=place["county"]),
        "other_deputy": make_user("deputy", region=place["county"]),
    }


@pytest.fixture
def project(make_project, place, people):  # type: ignore[no-untyped-def]
    east = place["east"]
    return make_project(name="东村饮水工程", township=east, region_path=east.path)


@pytest.fixture
def make_issue(project, people):  # type: ignore[no-untyped-def]
    def make(state: str = "found", deadline: date | None = None, unit: Any = None) -> Issue:
        issue = Issue(
            id=str(uuid.uuid4()),
            project=project,
            title="村里水管不出水",
            description="三组水管停水一周",
            severity="high",
            state=state,
            unit=unit,
            deadline=deadline,
            created_by=people["inspector"],
            region_path=project.region_path,
        )
        db.session.add(issue)
        db.session.commit()
        return issue

    return make


@pytest.fixture
def phone_of(app, people):  # type: ignore[no-untyped-def]
    """``phone_of(name)``: that person logged in (one client each, kept for the test)."""
    phones: dict[str, Phone] = {}

    def get(name: str) -> Phone:
        if name not in phones:
            phones[name] = Phone(app, people[name])
        return phones[name]

    return get


def post(phone: Phone, url: str, payload: dict[str, Any]) -> Any:
    """An API call of the office's pages (or a unit's), as ``phone``'s user."""
    return phone.client.post(url, json=payload, headers={"X-CSRF-Token": phone.csrf})


def forget() -> None:
    """Drop the notifications so far, to look at those of the next step alone."""
    db.session.execute(delete(Notification))
    db.session.commit()


@pytest.fixture
def make_report(project, people):  # type: ignore[no-untyped-def]
    def make(status: str = "accepted") -> DeputyReport:
        report = DeputyReport(
            id=str(uuid.uuid4()),
            deputy_id=people["deputy"].id,
            project_id=project.id,
            title="路灯不亮",
            description="村口路灯坏了两个月",
            status=status,
            region_path=project.region_path,
        )
        db.session.add(report)
        db.session.commit()
        return report

    return make


@pytest.fixture
def make_inspection(project, people):  # type: ignore[no-untyped-def]
    def make() -> Inspection:
        inspection = Inspection(
            id=str(uuid.uuid4()),
            project_id=project.id,
            kind="revisit",
            inspector_id=people["inspector"].id,
            started_at=datetime(2023, 7, 31, 1, 0, tzinfo=UTC),
            submitted_at=datetime(2023, 7, 31, 2, 0, tzinfo=UTC),
            status="submitted",
        )
        db.session.add(inspection)
        db.session.commit()
        return inspection

    return make


def notified() -> dict[int, list[Notification]]:
    """Every notification by user id."""
    by_user: dict[int, list[Notification]] = {}
    for n in db.session.scalars(select(Notification).order_by(Notification.id)):
        by_user.setdefault(n.user_id, []).append(n)
    return by_user


def only(people: dict[str, Any], *names: str) -> set[int]:
    return {people[name].id for name in names}


def once_each(people: dict[str, Any], kind: str, *names: str) -> list[Notification]:
    """The notifications so far: one of ``kind`` for each of ``names`` and none for anyone else."""
    got = notified()
    assert set(got) == only(people, *names)
    assert all(len(notes) == 1 for notes in got.values()), got
    notes = [notes[0] for notes in got.values()]
    assert {n.kind for n in notes} == {kind}
    return notes
