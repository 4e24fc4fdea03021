"""The dashboard's period (year, from/to, the default year), its errors and its region."""

from __future__ import annotations

import time
from datetime import date

from tests.bulletins.conftest import client_for


def test_default_year_is_the_latest_batch_with_projects(dashboard, make_project):  # type: ignore[no-untyped-def]
    make_project(batch_year=2021, start_date=date(2021, 10, 1))
    make_project(batch_year=2022, planned_completion_date=date(2023, 12, 31))
    figures = dashboard()
    assert (figures["year"], figures["years"]) == (2022, [2022, 2021])
    assert (figures["from"], figures["to"]) == ("2022-01-01", "2022-12-31")


def test_every_batch_year_with_projects_is_offered(dashboard, make_project):  # type: ignore[no-untyped-def]
    for year in (2021, 2023, 2024):
        make_project(batch_year=year)
    assert dashboard(year=2023)["years"] == [2024, 2023, 2021]


def test_this_year_s_batch_is_the_default_when_it_has_projects(dashboard, make_project):  # type: ignore[no-untyped-def]
    from server.projects.status import today

    this_year = today().year
    make_project(batch_year=this_year - 1)
    make_project(batch_year=this_year)
    assert dashboard()["year"] == this_year


def test_years_stop_at_this_year(dashboard, make_project):  # type: ignore[no-untyped-def]
    from server.projects.status import today

    this_year = today().year
    make_project(batch_year=this_year)
    make_project(batch_year=this_year + 1)
    assert dashboard()["years"] == [this_year]


def test_this_year_runs_to_today(app, dashboard, cast):  # type: ignore[no-untyped-def]
    from server.projects.status import today

    figures = dashboard(year=today().year)
    assert figures["to"] == today().isoformat()
    assert figures["problems_by_month"][-1]["month"] == today().strftime("%Y-%m")


def test_from_and_to_instead_of_a_year(dashboard, cast):  # type: ignore[no-untyped-def]
    figures = dashboard(**{"from": "2023-07-01", "to": "2023-09-30"})
    assert (figures["year"], figures["from"], figures["to"]) == (None, "2023-07-01", "2023-09-30")


def test_a_year_to_come_is_refused(office, cast):  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/dashboard?year=2999")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_period"


def test_a_malformed_year_is_refused(office, cast):  # type: ignore[no-untyped-def]
    assert office.get("/api/v1/dashboard?year=23").status_code == 400


def test_a_county_outside_the_office_s_region_is_not_found(app, county, cast):  # type: ignore[no-untyped-def]
    west_office = client_for(app, cast["west_office"])
    assert west_office.get(f"/api/v1/dashboard?year=2023&county={county.id}").status_code == 404


def test_an_inspector_may_not_see_the_dashboard(app, cast):  # type: ignore[no-untyped-def]
    inspector = client_for(app, cast["inspector"])
    assert inspector.get("/api/v1/dashboard?year=2023").status_code == 403


def test_a_period_from_before_2000_is_refused_at_once(office, cast):  # type: ignore[no-untyped-def]
    started = time.monotonic()
    response = office.get("/api/v1/dashboard?from=0001-01-02&to=2023-07-31")
    assert (response.status_code, response.get_json()["code"]) == (400, "bad_period")
    assert "2000-01-01" in response.get_json()["message"]
    assert time.monotonic() - started < 2  # was 44 s of counting before the worker was killed


def test_a_period_longer_than_ten_years_is_refused(office, cast):  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/dashboard?from=2010-01-01&to=2020-01-01")
    assert (response.status_code, response.get_json()["code"]) == (400, "bad_period")
    assert "10 年" in response.get_json()["message"]


def test_a_period_of_exactly_ten_years_is_answered(dashboard, cast):  # type: ignore[no-untyped-def]
    body = dashboard(**{"from": "2010-01-01", "to": "2019-12-31"})
    assert (body["from"], body["to"]) == ("2010-01-01", "2019-12-31")


def test_a_map_day_before_2000_is_refused(office, cast):  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/map/projects?as_of=0001-01-01")
    assert (response.status_code, response.get_json()["code"]) == (400, "bad_period")


def test_a_county_in_other_digits_is_refused_not_a_server_error(office, cast):  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/dashboard?year=2023&county=²")  # isdigit(), but not int()
    assert (response.status_code, response.get_json()["code"]) == (400, "bad_request")
