"""A supervisor's region decides what it sees everywhere: the office of 甲县 sees nothing of
乙县 on projects, problems, units, plans, reports, bulletins, lists, the dashboard, the map and
the regions. Every record of 乙县 carries the character 乙, so a leak shows in the body."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from server.db import db
from server.inspections.models import Inspection
from server.regions.models import Unit
from server.spreadsheets import XLSX_MIMETYPE
from tests import permission_world as built
from tests.conftest import PASSWORD

# what the office of 甲县 opens; each answer must name 甲县's records and none of 乙县's
LISTS = [
    "/api/v1/projects",
    "/api/v1/projects/facets",
    "/api/v1/issues",
    "/api/v1/units",
    "/api/v1/regions",
    "/api/v1/plans",
    "/api/v1/reports",
    "/api/v1/bulletins",
    "/api/v1/lists/responsibility",
    "/api/v1/lists/rectification",
    "/api/v1/map/projects?as_of=2023-07-31",
    "/api/v1/review/inspections",
]


def _county(make_region, make_project, mark: str):  # type: ignore[no-untyped-def]
    """A county named with ``mark`` (甲/乙), its township, unit, project, problem, plan,
    report and bulletin, every name carrying the mark."""
    county = make_region(f"{mark}县", "county")
    township = make_region(f"{mark}镇", "township", county)
    unit = Unit(name=f"{mark}县水利局", code=f"{mark}-SL", region_id=county.id)
    db.session.add(unit)
    db.session.commit()
    project = make_project(
        code=f"{mark}-001",
        name=f"{mark}镇自来水",
        county=county,
        township=township,
        region_path=township.path,
        unit=unit,
        lat=28.1,
        lon=120.1,
        progress=50,
    )
    return county, township, unit, project


@pytest.fixture
def counties(make_region, make_project, make_user):  # type: ignore[no-untyped-def]
    made = {}
    for mark in ("甲", "乙"):
        county, township, unit, project = _county(make_region, make_project, mark)
        office = make_user("supervisor", username=f"office-{ord(mark)}", region=county)
        deputy = make_user("deputy", username=f"deputy-{ord(mark)}", region=county)
        inspector = make_user(
            "inspector",
            username=f"inspector-{ord(mark)}",
            display_name=f"{mark}镇督查员",
            townships=[township],
        )
        inspection = Inspection(
            id=str(uuid.uuid4()),
            project_id=project.id,
            kind="routine",
            status="submitted",
            inspector_id=inspector.id,
            started_at=datetime(2023, 7, 20, tzinfo=UTC),
            submitted_at=datetime(2023, 7, 20, 1, tzinfo=UTC),
        )
        db.session.add(inspection)
        issues = built.issues(office, project, project, unit, unit)
        issues["issue"].title = f"{mark}镇管网无水"
        plan = built.plan(office, project)
        plan.name, plan.region_path = f"{mark}县随机查", county.path
        bulletin = built.bulletin(office, county)
        bulletin.title = f"{mark}县督查通报"
        from server.reports.models import DeputyReport

        report = DeputyReport(
            id=str(uuid.uuid4()),
            deputy_id=deputy.id,
            project_id=project.id,
            title=f"{mark}镇三户没有来水",
            description="",
            region_path=project.region_path,
        )
        db.session.add(report)
        db.session.commit()
        made[mark] = {
            "county": county,
            "office": office,
            "project": project,
            "plan": plan,
            "inspection": inspection,
            **issues,
        }
    return made


@pytest.fixture
def office_a(app, counties):  # type: ignore[no-untyped-def]
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login",
        json={"username": counties["甲"]["office"].username, "password": PASSWORD},
    )
    assert login.status_code == 200
    return client


def _text(response) -> str:  # type: ignore[no-untyped-def]
    """The answer's text: JSON as sent, a workbook's cells one per line."""
    if response.mimetype != XLSX_MIMETYPE:
        return response.get_data(as_text=True)
    workbook = load_workbook(io.BytesIO(response.get_data()))
    return "\n".join(
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )


@pytest.mark.parametrize("url", LISTS)
def test_lists_hold_only_the_office_s_county(office_a, url: str) -> None:
    response = office_a.get(url)
    assert response.status_code == 200, response.get_json()
    body = _text(response)
    assert "甲" in body
    assert "乙" not in body


def test_the_projects_export_holds_only_the_office_s_county(office_a) -> None:
    body = _text(office_a.get("/api/v1/projects/export"))
    assert "甲镇自来水" in body and "乙" not in body


def test_the_inspectors_to_assign_are_the_office_s_county_s(office_a, counties) -> None:
    plan = counties["甲"]["plan"]
    body = _text(office_a.get(f"/api/v1/plans/{plan.id}/candidates"))
    assert "甲镇督查员" in body and "乙" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/{project}",
        "/api/v1/projects/{project}/log",
        "/api/v1/issues/{issue}",
        "/api/v1/slips/{slip}",
        "/api/v1/review/inspections/{inspection}",
    ],
)
def test_the_other_county_s_records_are_not_found(office_a, counties, url: str) -> None:
    other = counties["乙"]
    path = url.format(
        project=other["project"].id,
        issue=other["issue"].id,
        slip=other["slip"].id,
        inspection=other["inspection"].id,
    )
    assert office_a.get(path).status_code == 404


def test_the_dashboard_counts_only_the_office_s_county(office_a) -> None:
    body = office_a.get("/api/v1/dashboard?year=2023").get_json()
    assert body["region"]["name"] == "甲县"
    assert body["completion"]["total"]["total"] == 1


def test_the_dashboard_of_the_other_county_is_refused(office_a, counties) -> None:
    other = counties["乙"]["county"].id
    assert office_a.get(f"/api/v1/dashboard?year=2023&county={other}").status_code in (403, 404)


def test_the_bulletin_figures_of_the_other_county_are_refused(office_a, counties) -> None:
    other = counties["乙"]["county"].id
    response = office_a.get(f"/api/v1/bulletins/figures?county={other}")
    assert response.status_code in (403, 404), response.get_json()


def test_the_office_s_own_bulletin_figures(office_a, counties) -> None:
    own = counties["甲"]["county"].id
    response = office_a.get(f"/api/v1/bulletins/figures?county={own}&to={date(2023, 7, 31)}")
    assert response.get_json()["region"]["name"] == "甲县"
    assert "乙" not in response.get_data(as_text=True)
