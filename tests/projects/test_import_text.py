"""A ledger cell with an invisible control character is a row error: nothing is imported."""

from __future__ import annotations

from sqlalchemy import func, select

from server.db import db
from server.projects.ledger import parse_ledger
from server.projects.models import Project
from server.regions.models import Unit
from tests.projects.ledger.factories import csv_bytes, table
from tests.projects.test_import_api import office, post_import  # noqa: F401


def test_a_control_character_in_a_csv_cell_is_a_row_error() -> None:
    data = csv_bytes(table({"项目名称": "长者\x01食堂"}))
    error = parse_ledger(data, "台账.csv").errors[0]
    assert (error.row, error.column, error.code) == (2, "项目名称", "invalid_text")
    assert error.message == "第 2 行『项目名称』含有不可见的控制字符，请删除后重试：长者食堂"


def test_line_breaks_and_tabs_in_a_cell_are_fine() -> None:
    data = csv_bytes(table({"项目名称": "长者\t食堂", "暂缓原因": "资金\r\n未到位"}))
    assert parse_ledger(data, "台账.csv").errors == []


def test_the_import_refuses_a_unit_with_a_control_character(client, office, county) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    data = csv_bytes(
        table(
            {"项目编号": "OK-1", "项目名称": "好的项目", "责任单位": "民政局"},
            {"项目编号": "BAD-1", "项目名称": "坏的项目", "责任单位": "水利\x0b局"},
        )
    )
    response = post_import(client, office, data, county.id, filename="台账.csv")
    assert response.status_code == 422
    assert [(e["row"], e["column"], e["code"]) for e in response.get_json()["errors"]] == [
        (3, "责任单位", "invalid_text")
    ]
    assert db.session.scalar(select(func.count()).select_from(Project)) == 0
    assert db.session.scalar(select(func.count()).select_from(Unit)) == 0
