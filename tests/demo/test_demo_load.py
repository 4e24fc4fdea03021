"""The demo loads through the real import and shows the reports' figures through the API."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from server.db import db
from server.demo.loader import DEMO_PASSWORD, load_demo
from server.projects.models import ProgressReport, Project
from server.regions.models import Region


@pytest.fixture
def demo(app):  # type: ignore[no-untyped-def]
    load_demo()


@pytest.fixture
def supervisor_client(app, demo):  # type: ignore[no-untyped-def]
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"username": "supervisor", "password": DEMO_PASSWORD})
    return client


def county_id(name: str) -> int:
    return db.session.scalar(select(Region.id).where(Region.name == name, Region.level == "county"))


def counts(client, **query: str) -> dict[str, int]:  # type: ignore[no-untyped-def]
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return client.get(f"/api/v1/projects?per_page=1&{qs}").get_json()["counts"]


def test_loading_twice_creates_nothing_twice(app, demo) -> None:
    before = (
        db.session.scalar(select(func.count()).select_from(Project)),
        db.session.scalar(select(func.count()).select_from(ProgressReport)),
    )
    load_demo()
    after = (
        db.session.scalar(select(func.count()).select_from(Project)),
        db.session.scalar(select(func.count()).select_from(ProgressReport)),
    )
    assert before == after
    assert before[0] == 81 + 222


def test_taishang_district_projects_as_of_july_2023(supervisor_client) -> None:
    figures = counts(
        supervisor_client, county=county_id("泉州台商投资区"), level="county", as_of="2023-07-31"
    )
    assert figures == {
        "completed_early": 17,
        "completed": 0,
        "ahead": 4,
        "on_schedule": 27,
        "behind": 0,
        "postponed": 0,
    }


def test_qingtian_county_tasks_at_year_end(supervisor_client) -> None:
    figures = counts(
        supervisor_client, county=county_id("青田县"), level="county", as_of="2023-12-31"
    )
    assert figures["completed_early"] + figures["completed"] == 31
    assert figures["postponed"] == 1


def test_qingtian_township_projects_at_year_end(supervisor_client) -> None:
    figures = counts(
        supervisor_client, county=county_id("青田县"), level="township", as_of="2023-12-31"
    )
    assert figures["completed_early"] + figures["completed"] == 56
    assert figures["behind"] == 3
    assert figures["on_schedule"] == 22


def test_qingtian_delayed_projects_carry_their_reasons(supervisor_client) -> None:
    body = supervisor_client.get(
        f"/api/v1/projects?county={county_id('青田县')}&status=behind&as_of=2023-12-31"
    ).get_json()
    names = {item["name"] for item in body["items"]}
    assert any("南湾村" in name for name in names)
    for item in body["items"]:
        detail = supervisor_client.get(f"/api/v1/projects/{item['id']}").get_json()
        assert detail["lag_reason"]


def test_every_role_can_log_in(app, demo) -> None:
    client = app.test_client()
    for username in ("admin", "qt_duchashi", "ts_duchayuan1", "qt_jiaotong", "ts_daibiao1"):
        response = client.post(
            "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, username


def test_county_supervisor_sees_only_their_county(app, demo) -> None:
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"username": "ts_duchashi", "password": DEMO_PASSWORD})
    assert client.get("/api/v1/projects?per_page=1").get_json()["total"] == 81
