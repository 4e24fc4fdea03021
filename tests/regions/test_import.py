"""A county's townships, villages and units from a workbook: all or nothing, errors by sheet,
row and column, and the same file twice changes nothing."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from server.db import db
from server.regions.models import Region, Unit
from server.regions.services import children
from tests.conftest import PASSWORD
from tests.projects.ledger.factories import workbook_bytes

REGIONS = ["乡镇(街道)", "乡镇代码", "村(社区)", "村代码"]
UNITS = ["单位编码", "单位名称", "联系人", "联系电话"]


@pytest.fixture
def upload(app, make_user, county):  # type: ignore[no-untyped-def]
    """POST a workbook (one list of rows per sheet) to the test county's import as the admin."""
    admin = make_user("admin")
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login", json={"username": admin.username, "password": PASSWORD}
    )
    headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}

    def post(*sheets, query="", county_id=None):  # type: ignore[no-untyped-def]
        return client.post(
            f"/api/v1/regions/{county_id or county.id}/import{query}",
            data={"file": (io.BytesIO(workbook_bytes(*sheets)), "地区.xlsx")},
            headers=headers,
            content_type="multipart/form-data",
        )

    return post


def _regions() -> int:
    return db.session.scalar(select(func.count()).select_from(Region))


def test_townships_villages_and_units(upload, county) -> None:
    response = upload(
        [
            REGIONS,
            ["南镇", "331121110", "南村", None],
            ["南镇", None, "北村", None],
            ["东镇", None],
        ],
        [UNITS, ["QT-SL", "县水利局", "王工", "6812345"]],
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert (body["townships"], body["villages"], body["units_created"]) == (
        ["南镇"],
        ["南镇/南村", "南镇/北村"],
        ["QT-SL"],
    )
    south = next(t for t in children(county.id, "township") if t.name == "南镇")
    assert south.code == "331121110"
    assert [v.name for v in children(south.id)] == ["南村", "北村"]


def test_the_same_file_twice_changes_nothing(upload) -> None:
    sheets = ([REGIONS, ["南镇", None, "南村", None]], [UNITS, ["QT-SL", "县水利局", "王工", None]])
    upload(*sheets)
    before = _regions()
    body = upload(*sheets).get_json()
    assert (body["townships"], body["villages"], body["units_created"], body["units_updated"]) == (
        [],
        [],
        [],
        [],
    )
    assert _regions() == before


def test_a_unit_s_contact_is_brought_up_to_date(upload, make_unit) -> None:
    make_unit("县水利局", code="QT-SL")
    body = upload([UNITS, ["QT-SL", "县水利局", "王工", "6812345"]]).get_json()
    assert body["units_updated"] == ["QT-SL"]
    assert db.session.scalar(select(Unit.contact_phone).where(Unit.code == "QT-SL")) == "6812345"


def test_one_bad_row_imports_nothing(upload) -> None:
    before = _regions()
    response = upload(
        [REGIONS, ["南镇", None, "南村", None], [None, None, "孤村", None]],
        [UNITS, ["QT-SL", "县水利局", None, None]],
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"sheet": "Sheet1", "row": 3, "column": "乡镇(街道)", "message": "不能为空"}
    ]
    assert _regions() == before
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0


def test_a_code_used_twice_in_the_file(upload) -> None:
    errors = upload(
        [REGIONS, ["南镇", "9001", None, None], ["北镇", "9001", None, None]]
    ).get_json()["errors"]
    assert errors == [
        {"sheet": "Sheet1", "row": 3, "column": "乡镇代码", "message": "与第 2 行的代码重复"}
    ]


def test_a_unit_code_of_another_unit(upload, make_unit) -> None:
    make_unit("县交通局", code="QT-JT")
    errors = upload([UNITS, ["QT-JT", "县水利局", None, None]]).get_json()["errors"]
    assert errors[0]["message"] == "单位编码「QT-JT」已被「县交通局」使用"


def test_a_unit_name_the_county_has_under_another_code(upload, make_unit) -> None:
    make_unit("县水利局", code="QT-SL")
    errors = upload([UNITS, ["QT-SL2", "县水利局", None, None]]).get_json()["errors"]
    assert errors[0]["message"] == "本县已有单位「县水利局」（编码 QT-SL）"


def test_a_workbook_without_a_known_sheet(upload) -> None:
    errors = upload([["项目名称"], ["长者食堂"]]).get_json()["errors"]
    assert errors[0]["message"].startswith("文件中没有可识别的工作表")


def test_a_dry_run_writes_nothing(upload) -> None:
    before = _regions()
    body = upload([REGIONS, ["南镇", None, None, None]], query="?dry_run=1").get_json()
    assert body["townships"] == ["南镇"]
    assert _regions() == before


def test_only_into_a_county(upload, county) -> None:
    east = children(county.id, "township")[0]
    response = upload([REGIONS, ["南镇"]], county_id=east.id)
    assert response.get_json()["code"] == "not_a_county"


def test_the_template_has_both_sheets(app, make_user, login, client) -> None:
    login(make_user("admin"))
    book = load_workbook(io.BytesIO(client.get("/api/v1/regions/import-template").get_data()))
    assert [c.value for c in book["乡镇村社区"][1]] == REGIONS
    assert [c.value for c in book["责任单位"][1]] == UNITS
