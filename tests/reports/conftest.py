"""A county with two townships, its office, a west-only office, a deputy and the water unit."""

from __future__ import annotations

import pytest

from server.regions.services import children
from tests.sync.conftest import Phone, new_id


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    return east, west


@pytest.fixture
def people(make_user, make_unit, townships, county):  # type: ignore[no-untyped-def]
    east, west = townships
    water = make_unit("区农林水与生态环境局")
    return {
        "supervisor": make_user("supervisor", region=county),
        "west_office": make_user("supervisor", region=west),
        "admin": make_user("admin"),
        "deputy": make_user("deputy", region=county),
        "unit": make_user("unit", unit=water),
        "inspector": make_user("inspector", townships=[east]),
        "water": water,
    }


@pytest.fixture
def pipe_project(make_project, townships):  # type: ignore[no-untyped-def]
    east, _west = townships
    return make_project(
        code="ZLS-01", name="下曾村自来水管网延伸", township=east, region_path=east.path
    )


class Office:
    """An office user logged in on their own client: ``post`` sends the CSRF token."""

    def __init__(self, app, user) -> None:  # type: ignore[no-untyped-def]
        self.client = app.test_client()
        response = self.client.post(
            "/api/v1/auth/login",
            json={"username": user.username, "password": "correct-horse-battery"},
        )
        self.token = response.get_json()["csrf_token"]

    def get(self, url: str):  # type: ignore[no-untyped-def]
        return self.client.get(url)

    def post(self, url: str, payload: dict | None = None):  # type: ignore[no-untyped-def]
        return self.client.post(url, json=payload or {}, headers={"X-CSRF-Token": self.token})


@pytest.fixture
def office(app, people):  # type: ignore[no-untyped-def]
    return Office(app, people["supervisor"])


@pytest.fixture
def as_office(app):  # type: ignore[no-untyped-def]
    return lambda user: Office(app, user)


@pytest.fixture
def deputy(app, people):  # type: ignore[no-untyped-def]
    return Phone(app, people["deputy"])


@pytest.fixture
def filed(deputy, pipe_project):  # type: ignore[no-untyped-def]
    """The deputy's report of the water pipe that gives no water (domain/000)."""
    report_id = new_id()
    result = deputy.do(
        "report.create",
        id=report_id,
        project_id=pipe_project.id,
        title="自来水管网铺设后无法供水",
        description="下曾村管网已铺设,三户至今没有来水",
        location={"lat": 25.0, "lon": 118.8, "accuracy_m": 20, "at": "2023-07-01T10:00:00+08:00"},
    )
    assert result["status"] == "applied", result
    return report_id
