"""CSV ledgers: the encodings and delimiters Excel and WPS save."""

from __future__ import annotations

from datetime import date

import pytest

from server.projects.ledger import parse_ledger
from tests.projects.ledger.factories import csv_bytes

ROWS = [
    ["2023年民生实事项目台账", "", "", "", ""],
    ["序号", "项目编号", "项目名称", "层级", "计划完成时间", "计划投资(万元)"],
    ["1", "A001", "东门社区长者食堂", "县级", "2023年7月", "1,200"],
    ["合计", "", "", "", "", "1,200"],
]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030", "utf-16"])
def test_encodings(encoding: str) -> None:
    result = parse_ledger(csv_bytes(ROWS, encoding=encoding), "台账.csv")
    assert (result.errors, result.rows[0].name) == ([], "东门社区长者食堂")


def test_tab_delimited() -> None:
    result = parse_ledger(csv_bytes(ROWS, delimiter="\t"), "台账.csv")
    assert (result.rows[0].code, result.rows[0].planned_investment_yuan) == ("A001", 12_000_000)


def test_csv_values_are_read_like_xlsx_values() -> None:
    row = parse_ledger(csv_bytes(ROWS, encoding="utf-8-sig"), "台账.csv").rows[0]
    assert (row.row, row.level, row.planned_completion_date) == (3, "county", date(2023, 7, 31))


def test_header_row_counts_from_one() -> None:
    assert parse_ledger(csv_bytes(ROWS), "台账.csv").header_row == 2


def test_undecodable_bytes_are_unreadable() -> None:
    data = "项目编号,项目名称\n".encode() + b"\x81\x30\xff\xff"
    assert [e.code for e in parse_ledger(data, "台账.csv").errors] == ["unreadable_file"]
