"""Fixtures for the sync tests: a phone that pushes and pulls through the real endpoints."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from server.db import db
from server.inspections.templates import ensure_default_templates
from server.regions.services import children


class Phone:
    """One install: a client id, a mutation counter, a cookie and the local copy."""

    def __init__(self, app, user) -> None:  # type: ignore[no-untyped-def]
        self.client = app.test_client()
        self.user = user
        self.client_id = str(uuid.uuid4())
        self.next_id = 1
        self.cookie: str | None = None
        self.local: dict[tuple[str, str], dict[str, Any]] = {}
        response = self.client.post(
            "/api/v1/auth/login",
            json={"username": user.username, "password": "correct-horse-battery"},
        )
        self.csrf = response.get_json()["csrf_token"]

    def mutation(self, name: str, **args: Any) -> dict[str, Any]:
        m = {
            "id": self.next_id,
            "name": name,
            "args": args,
            "client_time": datetime.now(UTC).isoformat(),
        }
        self.next_id += 1
        return m

    def push(self, *mutations: dict[str, Any], schema_version: int = 1) -> Any:
        return self.client.post(
            "/api/v1/sync/push",
            json={
                "client_id": self.client_id,
                "schema_version": schema_version,
                "mutations": list(mutations),
            },
            headers={"X-CSRF-Token": self.csrf},
        )

    def do(self, name: str, **args: Any) -> dict[str, Any]:
        """Push one mutation and return its result."""
        response = self.push(self.mutation(name, **args))
        assert response.status_code == 200, response.get_json()
        return response.get_json()["results"][0]

    def pull(self, limit: int = 500) -> dict[str, Any]:
        response = self.client.post(
            "/api/v1/sync/pull",
            json={"client_id": self.client_id, "cookie": self.cookie, "limit": limit},
            headers={"X-CSRF-Token": self.csrf},
        )
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        if body["reset"]:
            self.local.clear()
        for change in body["changes"]:
            key = (change["type"], change["id"])
            if change["op"] == "put":
                self.local[key] = change["data"]
            else:
                self.local.pop(key, None)
        self.cookie = body["cookie"]
        return body

    def sync_all(self) -> None:
        while self.pull()["has_more"]:
            pass

    def ids(self, entity_type: str) -> set[str]:
        return {i for (t, i) in self.local if t == entity_type}


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    return children(county.id, "township")


@pytest.fixture
def inspector(make_user, townships):  # type: ignore[no-untyped-def]
    """An inspector of the first township."""
    return make_user("inspector", townships=[townships[0]])


@pytest.fixture
def project(make_project, townships):  # type: ignore[no-untyped-def]
    """A project in the first township (test modules may override it)."""
    return make_project(township=townships[0], region_path=townships[0].path)


@pytest.fixture
def templates(app):  # type: ignore[no-untyped-def]
    created = ensure_default_templates(db.session)
    db.session.commit()
    return {t.category: t for t in created}


@pytest.fixture
def phone(app) -> Callable[..., Phone]:  # type: ignore[no-untyped-def]
    return lambda user: Phone(app, user)


def new_id() -> str:
    return str(uuid.uuid4())


def move(phone: Phone, issue_id: str, frm: str, to: str, **extra: Any) -> dict[str, Any]:
    """``phone`` moves the problem from ``frm`` to ``to`` (issue.transition); the push's result."""
    return phone.do("issue.transition", issue_id=issue_id, expected_from=frm, to=to, **extra)


def found_problem(phone: Phone, project_id: int, title: str, description: str) -> str:
    """The id of a problem ``phone`` records on the project (issue.create, severity high)."""
    issue_id = new_id()
    result = phone.do(
        "issue.create",
        id=issue_id,
        project_id=project_id,
        title=title,
        description=description,
        severity="high",
    )
    assert result["status"] == "applied", result
    return issue_id


def photo_sha(photo_id: str) -> str:
    """The made-up SHA-256 of a test photo's bytes (unique per photo)."""
    return photo_id.replace("-", "").ljust(64, "0")


def site_of(issue_id: str) -> dict[str, float]:
    """A phone fix at the problem's project (anywhere when it has no location)."""
    from server.issues.models import Issue

    issue = db.session.get(Issue, issue_id)
    project = issue.project if issue is not None else None
    if project is None or project.lat is None or project.lon is None:
        return {"lat": 28.1, "lon": 120.1, "accuracy_m": 5}
    return {"lat": project.lat, "lon": project.lon, "accuracy_m": 5}


def attach_issue_photo(
    phone: Phone, issue_id: str, phash: str | None = None, arrives: bool = True
) -> str:
    """A photo ``phone`` attaches to the problem, taken at its project (no evidence warning);
    its bytes sent now or (``arrives=False``) later."""
    from tests.media.arrived import bytes_arrived

    photo_id = new_id()
    sha256 = photo_sha(photo_id)
    result = phone.do(
        "photo.attach",
        id=photo_id,
        sha256=sha256,
        size=10,
        content_type="image/jpeg",
        owner_type="issue",
        owner_id=issue_id,
        location=site_of(issue_id),
    )
    assert result["status"] == "applied", result
    if arrives:
        bytes_arrived(sha256, 10, phone.user.id, phash=phash)
    return photo_id


def evidence(phone: Phone, issue_id: str) -> list[str]:
    """A photo attached to the problem by ``phone``, its bytes uploaded: ids to cite as evidence."""
    return [attach_issue_photo(phone, issue_id)]


NOW = "2023-07-31T09:30:00+08:00"


def water_works(phone, make_user, make_unit, make_project, township, office_region=None):  # type: ignore[no-untyped-def]
    """The office, an inspector of ``township``, 水利局 and its user, a project of 水利局 there."""
    water = make_unit("水利局")
    project = make_project(township=township, region_path=township.path, unit=water)
    return {
        "office": phone(make_user("supervisor", region=office_region)),
        "inspector": phone(make_user("inspector", townships=[township])),
        "unit": phone(make_user("unit", unit=water)),
        "water": water,
        "project": project,
    }


def being_fixed(cast) -> str:  # type: ignore[no-untyped-def]
    """A problem the inspector found and the office gave to 水利局, which is working on it."""
    issue_id = found_problem(cast["inspector"], cast["project"].id, "护栏倒塌", "村口护栏倒塌")
    assign = {"unit_id": cast["water"].id, "deadline": "2030-09-01"}
    assert move(cast["office"], issue_id, "found", "assigned", **assign)["status"] == "applied"
    assert move(cast["unit"], issue_id, "assigned", "rectifying")["status"] == "applied"
    return issue_id
