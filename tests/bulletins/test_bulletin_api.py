"""The bulletin's route: its place beside /bulletins/<id>, the period's errors, the scope."""

from __future__ import annotations

from datetime import date

import pytest

from server.bulletins.figures import rate
from server.bulletins.period import Period
from server.projects.status import today
from tests.bulletins.conftest import JULY, client_for


def test_the_static_routes_win_over_a_bulletin_or_report_id(app) -> None:  # type: ignore[no-untyped-def]
    urls = app.url_map.bind("localhost")
    assert urls.match("/api/v1/bulletins/figures")[0] == "bulletins.Bulletin"
    assert urls.match("/api/v1/bulletins/7")[0] == "published_bulletins.OneBulletin"
    assert urls.match("/api/v1/reports/bulletin")[0] == "bulletins.OldBulletin"
    assert urls.match("/api/v1/reports/some-report-id")[0] == "reports.ReportItem"


def test_get_bulletin_answers_the_bulletin_not_a_missing_report(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/bulletins/figures?from=2023-07-01&to=2023-07-31")
    assert response.status_code == 200
    assert response.get_json()["title"] == "关于测试县2023年7月民生实事项目推进情况的督查通报"


@pytest.mark.parametrize(
    "query",
    ["from=2023-13-01&to=2023-12-31", "from=2023-07-01&to=31/07/2023", "to=2023-W01-1", "to=x"],
)
def test_a_malformed_date_is_a_400_in_chinese(office, query: str) -> None:  # type: ignore[no-untyped-def]
    response = office.get(f"/api/v1/bulletins/figures?{query}")
    assert response.status_code == 400
    body = response.get_json()
    assert body["code"] == "bad_period"
    assert "日期" in body["message"] and "格式不正确" in body["message"]


def test_from_after_to_is_a_400(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/bulletins/figures?from=2023-08-01&to=2023-07-31")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_period"
    assert response.get_json()["errors"] == {"from": ["开始日期不能晚于截止日期"]}


def test_to_after_today_is_a_400(office) -> None:  # type: ignore[no-untyped-def]
    tomorrow = date.fromordinal(today().toordinal() + 1).isoformat()
    response = office.get(f"/api/v1/bulletins/figures?to={tomorrow}")
    assert response.status_code == 400


def test_an_unknown_format_is_a_400(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/bulletins/figures?format=docx")
    assert (response.status_code, response.get_json()["code"]) == (400, "bad_format")


def test_english_message(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/bulletins/figures?to=nope", headers={"Accept-Language": "en"})
    assert response.get_json()["message"].startswith("Invalid bulletin period")


def test_without_dates_it_is_the_year_to_date(bulletin) -> None:  # type: ignore[no-untyped-def]
    office_today = today()
    figures = bulletin("", "")
    assert figures["from"] == date(office_today.year, 1, 1).isoformat()
    assert figures["to"] == office_today.isoformat()


def test_an_office_sees_its_own_region_only(app, cast, make_project, townships) -> None:  # type: ignore[no-untyped-def]
    east, west = townships
    make_project(code="E1", township=east, region_path=east.path)
    make_project(code="W1", township=west, region_path=west.path)
    make_project(code="W2", township=west, region_path=west.path)
    west_office = client_for(app, cast["west_office"])
    figures = west_office.get("/api/v1/bulletins/figures?from=2023-07-01&to=2023-07-31").get_json()
    assert figures["projects"]["total"]["total"] == 2
    assert figures["region"] == {"id": west.id, "name": "西乡"}


def test_county_narrows_the_scope(bulletin, make_project, townships) -> None:  # type: ignore[no-untyped-def]
    east, west = townships
    make_project(code="E1", township=east, region_path=east.path)
    make_project(code="W1", township=west, region_path=west.path)
    assert bulletin(*JULY, county=east.id)["projects"]["total"]["total"] == 1


def test_a_region_outside_ones_own_is_not_found(app, cast, county) -> None:  # type: ignore[no-untyped-def]
    west_office = client_for(app, cast["west_office"])
    response = west_office.get(f"/api/v1/bulletins/figures?county={county.id}")
    assert response.status_code == 404


def test_rates_round_half_up_to_two_decimals() -> None:
    assert str(rate(169, 200)) == "84.50"
    assert str(rate(16_901, 20_000)) == "84.51"  # 84.505: half up, where half-even gives 84.50
    assert str(rate(1, 3)) == "33.33"
    assert rate(0, 0) is None


def test_the_period_runs_from_local_midnight_to_local_midnight() -> None:
    period = Period.of_days(date(2023, 7, 1), date(2023, 7, 31), "Asia/Shanghai")
    assert period.start.isoformat() == "2023-07-01T00:00:00+08:00"
    assert period.end.isoformat() == "2023-08-01T00:00:00+08:00"
