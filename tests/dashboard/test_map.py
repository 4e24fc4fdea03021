"""The map's projects: only those with coordinates, with status and open problems on a day."""

from __future__ import annotations

from datetime import date

import pytest

from tests.bulletins.conftest import client_for, utc
from tests.dashboard.test_problems import closed_at


@pytest.fixture
def ledger(make_project, make_problem, townships):  # type: ignore[no-untyped-def]
    east, west = townships
    done = make_project(
        code="M1", name="东镇长者食堂", township=east, lon=118.80066, lat=25.001276,
        progress=100, report_date=date(2023, 6, 30), actual_completion_date=date(2023, 6, 30),
    )  # fmt: skip
    halfway = make_project(
        code="M2", name="西乡避灾点", township=west, lon=118.842137, lat=25.050928,
        progress=50, report_date=date(2023, 7, 31),
    )  # fmt: skip
    nowhere = make_project(code="M3", name="无坐标项目", township=east, progress=10)
    make_problem(done, utc(2023, 7, 1))  # found
    make_problem(done, utc(2023, 7, 2), [(utc(2023, 7, 3), "assigned", {"deadline": "2023-07-20"})])
    make_problem(done, utc(2023, 7, 2), closed_at(utc(2023, 7, 10)))
    # open on 07-31, closed on 08-05
    make_problem(halfway, utc(2023, 7, 10), closed_at(utc(2023, 8, 5)))
    make_problem(nowhere, utc(2023, 7, 10))
    return done, halfway


def test_projects_with_coordinates_status_and_open_problems(office, ledger):  # type: ignore[no-untyped-def]
    done, halfway = ledger
    body = office.get("/api/v1/map/projects?as_of=2023-07-31").get_json()
    assert body["as_of"] == "2023-07-31"
    assert [
        (p["id"], p["code"], p["status"], p["status_label"], p["lon"], p["lat"], p["open_problems"])
        for p in body["projects"]
    ] == [
        (done.id, "M1", "completed_early", "提前完成", 118.80066, 25.001276, 2),
        (halfway.id, "M2", "on_schedule", "按序时", 118.842137, 25.050928, 1),
    ]


def test_open_problems_are_those_open_at_the_day_s_end(office, ledger):  # type: ignore[no-untyped-def]
    body = office.get("/api/v1/map/projects?as_of=2023-08-31").get_json()
    assert [p["open_problems"] for p in body["projects"]] == [2, 0]


def test_the_tiles_are_the_configured_ones(app, office, ledger):  # type: ignore[no-untyped-def]
    assert office.get("/api/v1/map/projects").get_json()["tiles"]["provider"] == "none"
    app.config.update(MAP_TILES="tianditu", TIANDITU_KEY="k123")
    tiles = office.get("/api/v1/map/projects").get_json()["tiles"]
    assert tiles["provider"] == "tianditu" and "tk=k123" in tiles["layers"][0]["url"]


def test_a_township_office_sees_its_own_projects(app, cast, ledger):  # type: ignore[no-untyped-def]
    west = client_for(app, cast["west_office"])
    body = west.get("/api/v1/map/projects?as_of=2023-07-31").get_json()
    assert [p["code"] for p in body["projects"]] == ["M2"]


@pytest.mark.parametrize("as_of", ["2023-7-31", "2999-01-01", "yesterday"])
def test_a_bad_day_is_refused(office, cast, as_of):  # type: ignore[no-untyped-def]
    response = office.get(f"/api/v1/map/projects?as_of={as_of}")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_period"


def test_the_map_shows_one_batch_year(office, ledger, make_project) -> None:  # type: ignore[no-untyped-def]
    make_project(code="N1", name="新年度项目", lon=118.81, lat=25.01, batch_year=2024)
    body = office.get("/api/v1/map/projects?as_of=2024-03-31&year=2023").get_json()
    assert (body["year"], body["years"]) == (2023, [2024, 2023])
    assert sorted(p["code"] for p in body["projects"]) == ["M1", "M2"]
    later = office.get("/api/v1/map/projects?as_of=2024-03-31&year=2024").get_json()
    assert [p["code"] for p in later["projects"]] == ["N1"]


def test_the_map_s_default_year_is_the_day_s_batch_else_the_latest(
    office, ledger, make_project
) -> None:  # type: ignore[no-untyped-def]
    assert office.get("/api/v1/map/projects?as_of=2024-03-31").get_json()["year"] == 2023
    make_project(code="N2", lon=118.81, lat=25.01, batch_year=2024)
    assert office.get("/api/v1/map/projects?as_of=2024-03-31").get_json()["year"] == 2024


@pytest.mark.parametrize("year", ["1999", "2999", "23x"])
def test_a_bad_map_year_is_refused(office, cast, year) -> None:  # type: ignore[no-untyped-def]
    response = office.get(f"/api/v1/map/projects?year={year}")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_period"
