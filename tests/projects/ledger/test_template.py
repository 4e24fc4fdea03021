"""The downloadable template reads back cleanly."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from server.projects.ledger import LEDGER_COLUMNS, build_template, parse_ledger


def test_template_parses_back_without_errors() -> None:
    result = parse_ledger(build_template(), "模板.xlsx")
    assert (result.errors, result.header_row, len(result.rows)) == ([], 2, 1)


def test_template_example_row() -> None:
    row = parse_ledger(build_template(), "模板.xlsx").rows[0]
    assert (row.code, row.level, row.planned_investment_yuan, row.planned_completion_date) == (
        "2024-001",
        "county",
        1_200_000,
        date(2024, 10, 31),
    )


def test_template_title_and_headers() -> None:
    ws = load_workbook(io.BytesIO(build_template())).worksheets[0]
    headers = tuple(cell.value for cell in ws[2])
    assert (ws["A1"].value, headers) == ("民生实事项目台账", LEDGER_COLUMNS)


def test_template_help_sheet_explains_every_column() -> None:
    workbook = load_workbook(io.BytesIO(build_template()))
    explained = {row[0] for row in workbook["填写说明"].iter_rows(values_only=True)}
    assert set(LEDGER_COLUMNS) <= explained


def test_template_dates_are_real_dates() -> None:
    ws = load_workbook(io.BytesIO(build_template())).worksheets[0]
    start = ws.cell(3, LEDGER_COLUMNS.index("开工时间") + 1)
    assert (start.is_date, start.number_format) == (True, "yyyy-mm-dd")
