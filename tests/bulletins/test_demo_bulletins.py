"""With the demo loaded, the bulletins show the figures of the two reports in shared/domain/."""

from __future__ import annotations

import io
from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlalchemy import or_, select

from server.bulletins.asof import projects_as_of
from server.bulletins.period import Scope
from server.db import db
from server.demo.loader import DEMO_PASSWORD, load_demo
from server.projects.models import Project
from server.projects.status import statuses
from server.regions.models import Region
from tests.projects.ledger.factories import ledger_xlsx

QT_DELAYED = {
    "瓯南街道南湾村休闲场所",
    "仁庄镇孙山村村委办公楼至后山公路硬化",
    "祯埠镇陈篆至海口南岸（祯埠段）道路安全防护设施建设",
}


@pytest.fixture
def office(app) -> FlaskClient:  # type: ignore[no-untyped-def]
    """The demo loaded, and a client logged in as the office of both counties."""
    load_demo()
    client = app.test_client()
    response = client.post(
        "/api/v1/auth/login", json={"username": "supervisor", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    return client


def county(name: str) -> Region:
    return db.session.scalars(select(Region).where(Region.name == name)).one()


def bulletin(client: FlaskClient, name: str, first: str, last: str) -> dict:  # type: ignore[type-arg]
    response = client.get(
        f"/api/v1/bulletins/figures?from={first}&to={last}&county={county(name).id}"
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def by_level(rows: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {row["level"]: row for row in rows}


def test_qingtian_2023_counts_222_projects(office: FlaskClient) -> None:
    figures = bulletin(office, "青田县", "2023-01-01", "2023-12-31")
    assert figures["projects"]["total"]["total"] == 222
    assert figures["title"] == "关于青田县2023年民生实事项目推进情况的督查通报"


def test_qingtian_2023_provincial_and_city_all_done(office: FlaskClient) -> None:
    levels = by_level(bulletin(office, "青田县", "2023-01-01", "2023-12-31")["projects"]["levels"])
    done = levels["province"]["completed"] + levels["city"]["completed"]
    total = levels["province"]["total"] + levels["city"]["total"]
    assert (done, total) == (107, 107)
    assert levels["province"]["rate"] == levels["city"]["rate"] == "100.00"


def test_qingtian_2023_county_tasks_31_of_34_and_the_hospital_postponed(
    office: FlaskClient,
) -> None:
    figures = bulletin(office, "青田县", "2023-01-01", "2023-12-31")
    county_level = by_level(figures["projects"]["levels"])["county"]
    assert (county_level["completed"], county_level["total"]) == (31, 34)
    assert county_level["rate"] == "91.18"
    assert [p["name"] for p in figures["postponed"]] == ["开工建设华侨医院"]
    assert "专项债" in figures["postponed"][0]["reason"]


def test_qingtian_2023_township_projects_56_of_81_and_3_delayed_with_reasons(
    office: FlaskClient,
) -> None:
    figures = bulletin(office, "青田县", "2023-01-01", "2023-12-31")
    township = by_level(figures["projects"]["levels"])["township"]
    assert (township["completed"], township["total"]) == (56, 81)
    statuses_ = by_level(figures["statuses"]["levels"])["township"]
    assert statuses_["behind"] == 3 and statuses_["on_schedule"] == 22
    assert {p["name"] for p in figures["lagging"]} == QT_DELAYED
    assert all(p["reason"] and "滞后" in p["reason"] for p in figures["lagging"])
    assert all(p["township_name"] for p in figures["lagging"])


def test_taishang_end_of_july_district_statuses(office: FlaskClient) -> None:
    figures = bulletin(office, "泉州台商投资区", "2023-01-01", "2023-07-31")
    district = by_level(figures["statuses"]["levels"])["county"]
    assert district["completed_early"] == 17
    assert district["ahead"] == 4
    assert district["on_schedule"] == 48 - 17 - 4
    assert district["behind"] == district["postponed"] == district["completed"] == 0


def test_taishang_end_of_july_released_406_million_is_84_50_percent(
    office: FlaskClient,
) -> None:
    figures = bulletin(office, "泉州台商投资区", "2023-01-01", "2023-07-31")
    district = by_level(figures["funds"]["levels"])["county"]
    assert district["released_yuan"] == 406_000_000  # 4.06 亿元
    assert district["released_share"] == "84.50"


def test_taishang_in_may_seven_projects_lag(office: FlaskClient) -> None:
    """督促7个滞后项目建设提速: seven lagged at the end of May and caught up by July."""
    may = bulletin(office, "泉州台商投资区", "2023-05-01", "2023-05-31")
    july = bulletin(office, "泉州台商投资区", "2023-07-01", "2023-07-31")
    assert len([p for p in may["lagging"] if p["level"] == "county"]) == 7
    assert [p for p in july["lagging"] if p["level"] == "county"] == []


@pytest.mark.parametrize(
    ("name", "day"),
    [
        ("泉州台商投资区", date(2023, 3, 31)),
        ("泉州台商投资区", date(2023, 7, 31)),
        ("泉州台商投资区", date(2023, 6, 15)),
        ("青田县", date(2023, 9, 30)),
        ("青田县", date(2023, 12, 31)),
        ("青田县", date(2024, 2, 8)),
    ],
)
def test_sql_statuses_equal_the_python_rules(
    app, office: FlaskClient, name: str, day: date
) -> None:
    region = county(name)
    # both counties' projects are the 2023 batch, which 2024-02-08 still reports on
    projects = projects_as_of(Scope(region.path, region.name, region.id), day, 10, 2023)
    from_sql = dict(db.session.execute(select(projects.c.id, projects.c.status)).all())
    ledger = db.session.scalars(
        select(Project).where(
            Project.county_id == region.id,
            Project.batch_year == 2023,
            or_(Project.added_on.is_(None), Project.added_on <= day),
        )
    ).all()
    from_python = {pid: result.status for pid, (result, _) in statuses(ledger, day).items()}
    assert from_sql == from_python


def test_importing_next_years_projects_changes_no_2023_figure(office: FlaskClient) -> None:
    """Two 2024 projects, and a 2023 one entered in the ledger only now, after the period."""
    before = bulletin(office, "泉州台商投资区", "2023-01-01", "2023-07-31")
    token = office.get("/api/v1/auth/me").get_json()["csrf_token"]
    late = [
        {"项目编号": code, "项目名称": f"新增项目{code}", "层级": "区级", "计划投资(万元)": 500}
        for code in ("TS2024-001", "TS2024-002", "TS2023-LATE")
    ]
    late[0]["年度"] = late[1]["年度"] = 2024
    late[2]["年度"] = 2023
    response = office.post(
        "/api/v1/projects/import",
        data={
            "file": (io.BytesIO(ledger_xlsx(*late)), "台账.xlsx"),
            "county_id": str(county("泉州台商投资区").id),
            "report_date": "2024-01-02",  # the ledger as of that day
        },
        headers={"X-CSRF-Token": token},
        content_type="multipart/form-data",
    )
    assert response.get_json()["created"] == 3, response.get_json()
    after = bulletin(office, "泉州台商投资区", "2023-01-01", "2023-07-31")
    assert {**after, "issued_on": None} == {**before, "issued_on": None}
    assert by_level(after["funds"]["levels"])["county"]["released_share"] == "84.50"
    next_year = bulletin(office, "泉州台商投资区", "2024-01-01", "2024-01-31")
    assert next_year["projects"]["total"]["total"] == 2
