"""export_ledger writes what parse_ledger reads back."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from server.projects.ledger import (
    LEDGER_COLUMNS,
    LedgerRow,
    ParseResult,
    export_ledger,
    ledger_row_as_mapping,
    parse_ledger,
)
from tests.projects.ledger.factories import first_sheet

FULL = LedgerRow(
    row=3,
    code="001",
    name="城关镇长者食堂建设",
    level="county",
    series="养老服务",
    township="城关镇",
    village="东门社区",
    unit="县民政局",
    lead_official="张三",
    contact_name="李四",
    contact_phone="13800000000",
    planned_investment_yuan=1_234_567,
    allocated_investment_yuan=120_000_000,
    spent_investment_yuan=1,
    start_date=date(2023, 3, 1),
    planned_completion_date=date(2023, 12, 31),
    actual_completion_date=date(2023, 11, 30),
    progress_pct=Decimal("85.5"),
    postponed_reason=None,
    lag_reason="资金未到位\n天气影响",
    lon=119.2964721,
    lat=26.0742681,
    present=frozenset(LEDGER_COLUMNS),
)
SPARSE = dataclasses.replace(
    FULL,
    row=4,
    code="XC-002",
    name="农村公厕",
    **{field: None for field in ("level", "series", "township", "village", "unit", "lon", "lat")},
    planned_investment_yuan=None,
    start_date=None,
    progress_pct=Decimal("0"),
    postponed_reason="用地未落实",
)


def test_round_trip_equality() -> None:
    data = export_ledger([ledger_row_as_mapping(FULL), ledger_row_as_mapping(SPARSE)])
    assert parse_ledger(data, "导出.xlsx") == ParseResult([FULL, SPARSE], [], header_row=2)


def test_round_trip_with_status_column() -> None:
    mapping = {**ledger_row_as_mapping(FULL), "序时进度": "behind"}
    assert parse_ledger(export_ledger([mapping]), "导出.xlsx").rows == [FULL]


def test_status_code_written_as_label_after_progress() -> None:
    ws = first_sheet(export_ledger([{**ledger_row_as_mapping(FULL), "序时进度": "behind"}]))
    headers = [cell.value for cell in ws[2]]
    column = headers.index("序时进度") + 1
    assert (column - 1, ws.cell(3, column).value) == (headers.index("形象进度(%)") + 1, "滞后")


def test_level_code_written_as_label() -> None:
    ws = first_sheet(export_ledger([ledger_row_as_mapping(FULL)]))
    assert ws.cell(3, LEDGER_COLUMNS.index("层级") + 1).value == "县(区)级"


def test_money_written_in_wan_as_numbers() -> None:
    ws = first_sheet(export_ledger([ledger_row_as_mapping(FULL)]))
    assert ws.cell(3, LEDGER_COLUMNS.index("计划投资(万元)") + 1).value == 123.4567


def test_dates_written_as_excel_dates() -> None:
    ws = first_sheet(export_ledger([ledger_row_as_mapping(FULL)]))
    cell = ws.cell(3, LEDGER_COLUMNS.index("计划完成时间") + 1)
    assert (cell.is_date, cell.number_format) == (True, "yyyy-mm-dd")


def test_title_row() -> None:
    ws = first_sheet(export_ledger([], title="2024年民生实事项目台账"))
    merged = [str(cell_range) for cell_range in ws.merged_cells.ranges]
    assert (ws["A1"].value, merged) == ("2024年民生实事项目台账", ["A1:V1"])


def test_float_money_and_label_level_as_the_import_service_sends_them() -> None:
    mapping = {"项目编号": "A1", "项目名称": "公厕", "层级": "乡镇级", "计划投资(万元)": 12.3456}
    row = parse_ledger(export_ledger([mapping]), "导出.xlsx").rows[0]
    assert (row.level, row.planned_investment_yuan) == ("township", 123_456)


FORMULAS = dataclasses.replace(
    FULL, name='=HYPERLINK("http://evil.example/","点击查看")', unit="=cmd|' /C calc'!A0"
)


def test_formula_like_text_is_written_as_text() -> None:
    ws = first_sheet(export_ledger([ledger_row_as_mapping(FORMULAS)]))
    formulas = [cell.coordinate for row in ws.iter_rows() for cell in row if cell.data_type == "f"]
    name = ws.cell(3, LEDGER_COLUMNS.index("项目名称") + 1)
    assert (formulas, name.data_type, name.quotePrefix) == ([], "s", True)


def test_formula_like_text_reads_back_unchanged() -> None:
    data = export_ledger([ledger_row_as_mapping(FORMULAS)])
    assert parse_ledger(data, "导出.xlsx").rows == [FORMULAS]


def test_a_stored_control_character_does_not_break_the_export() -> None:
    mapping = {**ledger_row_as_mapping(FULL), "项目名称": "城关镇\x01长者食堂"}
    ws = first_sheet(export_ledger([mapping]))
    assert ws.cell(3, LEDGER_COLUMNS.index("项目名称") + 1).value == "城关镇长者食堂"
