"""The demo's 2023 field history (flask demo history), played once for this module through the
real API: the bulletin's sections 六–八 and the dashboard fill, and the reports' figures stand."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete, func, select

from core.orm import Base
from server import create_app
from server.auth.models import User
from server.db import db
from server.demo.history import generate_history
from server.demo.loader import DEMO_PASSWORD, load_demo
from server.inspections.models import Inspection
from server.issues.models import AssignmentSlip, Issue, IssueEvent
from server.media.models import Photo
from server.projects.models import Project
from server.regions.models import Region
from server.reports.models import DeputyReport
from sync.models import MutationRecord, SyncClient
from tests.conftest import _config


@pytest.fixture(scope="module")
def played(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both demo counties loaded and Taishang's year played; the app, the command's lines and
    how long it took."""
    app = create_app(_config(database_url, tmp_path_factory.mktemp("history")))
    with app.app_context():
        load_demo()
        started = time.monotonic()
        lines = generate_history(app, DEMO_PASSWORD)
        yield {"app": app, "lines": lines, "seconds": time.monotonic() - started}
        db.session.rollback()
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


def office(app: Flask, username: str = "ts_duchashi") -> FlaskClient:
    client = app.test_client()
    response = client.post(
        "/api/v1/auth/login", json={"username": username, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    return client


def county_id(name: str) -> int:
    return db.session.scalar(select(Region.id).where(Region.name == name, Region.level == "county"))


def figures(played: dict[str, Any], name: str, first: str, last: str) -> dict[str, Any]:
    client = office(played["app"], "supervisor")
    response = client.get(
        f"/api/v1/bulletins/figures?from={first}&to={last}&county={county_id(name)}"
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def year(played: dict[str, Any]) -> dict[str, Any]:
    return figures(played, "泉州台商投资区", "2023-01-01", "2023-12-31")


def by_level(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {row["level"]: row for row in rows}


def count(model: Any, *where: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_the_command_says_what_it_made(played) -> None:  # type: ignore[no-untyped-def]
    print(f"\ndemo history: {played['seconds']:.1f} s — {played['lines']}")
    taishang, qingtian = played["lines"]
    assert "检查 36 次，问题 45 个，代表反映 39 件" in taishang
    assert "检查 36 次，问题 4 个，代表反映 0 件" in qingtian


def test_a_second_run_skips_the_county(played) -> None:  # type: ignore[no-untyped-def]
    before = (count(Inspection), count(Issue), count(Photo), count(DeputyReport))
    lines = generate_history(played["app"], DEMO_PASSWORD)
    assert all("跳过" in line for line in lines) and len(lines) == 2
    assert (count(Inspection), count(Issue), count(Photo), count(DeputyReport)) == before


def test_section_six_45_problems_40_closed_4_overdue(played) -> None:  # type: ignore[no-untyped-def]
    total = year(played)["problems"]["total"]
    assert (total["found"], total["closed"], total["open"], total["overdue"]) == (45, 40, 5, 4)
    units = {u["unit_name"] for u in year(played)["problems"]["units"]}
    assert "教育文体旅游局" in units  # a unit that had no login before every unit got one


def test_section_seven_monthly_revisit_random_focused(played) -> None:  # type: ignore[no-untyped-def]
    inspections = year(played)["inspections"]
    assert inspections["total"] == 36
    assert {k: n for k, n in inspections["kinds"].items() if n} == {
        "revisit": 12,
        "random": 12,
        "focused": 12,
    }


def test_focused_inspections_visit_the_seven_projects_lagging_in_may(played) -> None:  # type: ignore[no-untyped-def]
    may = figures(played, "泉州台商投资区", "2023-05-01", "2023-05-31")
    lagging = {p["id"] for p in may["lagging"] if p["level"] == "county"}
    focused = (
        select(Inspection.project_id)
        .join(Project)
        .where(Inspection.kind == "focused", Project.county_id == county_id("泉州台商投资区"))
    )
    assert set(db.session.scalars(focused)) == lagging
    assert len(lagging) == 7


def test_section_eight_39_reports_answered_and_rated(played) -> None:  # type: ignore[no-untyped-def]
    reports = year(played)["deputy_reports"]
    assert (reports["received"], reports["accepted"], reports["replied"]) == (39, 39, 34)
    assert reports["ratings"]["total"] == 34
    assert reports["ratings"]["satisfaction_rate"] == "100.00"


def test_the_dashboard_shows_problems_month_by_month(played) -> None:  # type: ignore[no-untyped-def]
    client = office(played["app"])
    dashboard = client.get(f"/api/v1/dashboard?year=2023&county={county_id('泉州台商投资区')}")
    assert dashboard.status_code == 200
    body = dashboard.get_json()
    months = body["problems_by_month"]
    assert sum(m["found"] for m in months) == 45
    assert sum(m["closed"] for m in months) == 40
    assert len([m for m in months if m["found"]]) >= 10
    assert sum(u["count"] for u in body["overdue_by_unit"]) == 4
    assert sum(body["inspections"].values()) == 36


def of_county(name: str) -> Any:
    """The problems of a county's projects."""
    return select(Issue.id).join(Project).where(Project.county_id == county_id(name))


def test_three_problems_were_extended_and_two_rectified_late(played) -> None:  # type: ignore[no-untyped-def]
    taishang = of_county("泉州台商投资区")
    extended = IssueEvent.kind == "extension_approved"
    assert count(IssueEvent, extended, IssueEvent.issue_id.in_(taishang)) == 3
    client = office(played["app"])
    late = 0
    for issue_id in db.session.scalars(taishang):
        events = client.get(f"/api/v1/issues/{issue_id}/events").get_json()["items"]
        late += any(e["late"] for e in events)
    assert late == 2


def test_every_record_came_through_sync_with_trusted_2023_times(played) -> None:  # type: ignore[no-untyped-def]
    """Phones (inspectors, units, deputies) pushed mutations, none refused; nothing distrusted."""
    pushed = db.session.execute(
        select(User.role, func.sum(SyncClient.last_mutation_id))
        .join(User, User.id == SyncClient.user_id)
        .group_by(User.role)
    ).all()
    assert {role for role, n in pushed if n} == {"inspector", "unit", "deputy"}
    assert count(MutationRecord) == 0  # rejected or conflicting mutations are recorded there
    assert count(Inspection, Inspection.clock_skew.is_(True)) == 0
    assert count(IssueEvent, IssueEvent.clock_skew.is_(True)) == 0
    assert count(Photo, Photo.clock_skew.is_(True)) == 0
    assert count(Photo, Photo.status != "ready") == 0
    years = {p.taken_at.year for p in db.session.scalars(select(Photo))}
    assert years == {2023}


def test_the_taishang_report_figures_stand(played) -> None:  # type: ignore[no-untyped-def]
    july = figures(played, "泉州台商投资区", "2023-01-01", "2023-07-31")
    district = by_level(july["statuses"]["levels"])["county"]
    assert (district["completed_early"], district["ahead"]) == (17, 4)
    funds = by_level(july["funds"]["levels"])["county"]
    assert (funds["released_yuan"], funds["released_share"]) == (406_000_000, "84.50")


def test_the_qingtian_report_figures_stand(played) -> None:  # type: ignore[no-untyped-def]
    qingtian = figures(played, "青田县", "2023-01-01", "2023-12-31")
    levels = by_level(qingtian["projects"]["levels"])
    assert qingtian["projects"]["total"]["total"] == 222
    assert levels["province"]["completed"] + levels["city"]["completed"] == 107
    assert (levels["county"]["completed"], levels["county"]["total"]) == (31, 34)
    assert (levels["township"]["completed"], levels["township"]["total"]) == (56, 81)


def test_qingtian_has_its_four_assignment_slips(played) -> None:  # type: ignore[no-untyped-def]
    qingtian = of_county("青田县")
    slips = (
        select(func.count())
        .select_from(AssignmentSlip)
        .where(AssignmentSlip.issue_id.in_(qingtian))
    )
    assert db.session.scalar(slips) == 4
    assert figures(played, "青田县", "2023-01-01", "2023-12-31")["inspections"]["total"] == 36
