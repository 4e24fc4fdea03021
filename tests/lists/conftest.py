"""Problems of two units in a county, an inspection and progress reports of one project."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from server.db import db
from server.issues.models import Issue
from server.regions.services import children
from tests.bulletins.conftest import logged
from tests.reports.conftest import Office


def at(day: int, hour: int = 2) -> datetime:
    return datetime(2023, 7, day, hour, 0, tzinfo=UTC)


@pytest.fixture
def world(make_user, make_unit, make_project, county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    water = make_unit("区农林水与生态环境局")
    welfare = make_unit("区民生保障局")
    supervisor = make_user("supervisor", region=county, display_name="督查室王")
    pipe = make_project(
        code="ZLS-01",
        name="下曾村自来水管网延伸",
        township=east,
        region_path=east.path,
        unit=water,
        lead_official="李副区长",
        contact_name="陈工",
        contact_phone="0595-1234567",
        progress=60,
        report_date=date(2023, 7, 10),
    )
    canteen = make_project(code="ZZST-02", name="长者食堂", township=west, region_path=west.path)

    def issue(project, unit, title, state, deadline, found_day, duplicate_of=None):  # type: ignore[no-untyped-def]
        """A problem found on ``found_day`` and, unless still 发现, one move of the office's
        later that day: assigned (as before slips existed: none issued) or marked 重复."""
        made = Issue(
            id=str(uuid.uuid4()),
            project=project,
            title=title,
            description=f"{title}的详细情况",
            severity="medium",
            state=state,
            unit=unit,
            deadline=deadline,
            created_by=supervisor,
            region_path=project.region_path,
            created_at=at(found_day),
        )
        db.session.add(made)
        logged(made, "created", None, to_state="found", actor_id=supervisor.id, at=at(found_day))
        if state == "found":
            return made
        if duplicate_of is not None:
            to, data = "duplicate", {"expected_from": "found", "duplicate_of": duplicate_of.id}
        else:
            to = "assigned"
            data = {"expected_from": "found", "unit_id": unit.id, "deadline": deadline.isoformat()}
        columns = {"from_state": "found", "to_state": to, "at": at(found_day, 5)}
        logged(made, "transition", data, actor_id=supervisor.id, **columns)
        return made

    menu = issue(canteen, welfare, "未公示菜谱", "assigned", date(2099, 1, 1), 15)
    issues = {
        "no_water": issue(pipe, water, "三户无法供水", "rectifying", date(2023, 7, 20), 12),
        "leak": issue(pipe, water, "阀门井渗漏", "closed", date(2023, 8, 1), 14),
        "menu": menu,
        "unassigned": issue(canteen, None, "待交办的问题", "found", None, 16),
        "dup": issue(canteen, None, "重复登记", "duplicate", None, 17, duplicate_of=menu),
    }
    db.session.commit()
    return {
        "supervisor": supervisor,
        "west_office": make_user("supervisor", region=west),
        "water_user": make_user("unit", unit=water, display_name="水利联络员"),
        "water": water,
        "welfare": welfare,
        "pipe": pipe,
        "canteen": canteen,
        "issues": issues,
    }


@pytest.fixture
def as_user(app):  # type: ignore[no-untyped-def]
    return lambda user: Office(app, user)


def sheet_rows(response, sheet: str | None = None) -> list[tuple]:  # type: ignore[type-arg]
    """The data rows of an XLSX response (below the title and header, above 合计)."""
    assert response.status_code == 200, response.get_json()
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(BytesIO(response.data))
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows(min_row=3)]
    assert rows[-1][0] == f"合计 {len(rows) - 1} 条"
    return rows[:-1]
