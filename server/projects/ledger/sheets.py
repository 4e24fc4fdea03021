"""Shared layout for the sheets we write: title row, header row, widths and number formats."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from server.projects.ledger import model as m
from server.spreadsheets import write_cell

TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3

MONEY_FORMAT = "#,##0.00"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0"
COORDINATE_FORMAT = "0.000000"
TEXT_FORMAT = "@"

COLUMN_WIDTHS: dict[str, float] = {
    m.CODE: 14,
    m.NAME: 32,
    m.LEVEL: 10,
    m.SERIES: 12,
    m.TOWNSHIP: 12,
    m.VILLAGE: 12,
    m.UNIT: 20,
    m.LEAD_OFFICIAL: 10,
    m.CONTACT_NAME: 10,
    m.CONTACT_PHONE: 15,
    m.PLANNED_INVESTMENT: 14,
    m.ALLOCATED_INVESTMENT: 14,
    m.SPENT_INVESTMENT: 14,
    m.START_DATE: 13,
    m.PLANNED_COMPLETION: 13,
    m.ACTUAL_COMPLETION: 13,
    m.PROGRESS: 11,
    m.SCHEDULE_STATUS: 10,
    m.POSTPONED_REASON: 24,
    m.LAG_REASON: 24,
    m.LON: 13,
    m.LAT: 13,
}

NUMBER_FORMATS: dict[str, str] = {
    m.CODE: TEXT_FORMAT,
    m.CONTACT_PHONE: TEXT_FORMAT,
    **dict.fromkeys(m.MONEY_COLUMNS, MONEY_FORMAT),
    **dict.fromkeys(m.DATE_COLUMNS, DATE_FORMAT),
    m.PROGRESS: PERCENT_FORMAT,
    m.LON: COORDINATE_FORMAT,
    m.LAT: COORDINATE_FORMAT,
}

_THIN = Side(style="thin", color="999999")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
TITLE_FONT = Font(name="宋体", size=16, bold=True)
HEADER_FONT = Font(name="宋体", size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
CENTERED = Alignment(horizontal="center", vertical="center", wrap_text=True)
WRAPPED = Alignment(vertical="center", wrap_text=True)


def write_title_and_headers(ws: Worksheet, title: str, headers: Sequence[str]) -> None:
    """A merged title over the columns, then a bold header row, frozen, with column widths."""
    write_cell(ws, TITLE_ROW, 1, title).font = TITLE_FONT
    ws.cell(TITLE_ROW, 1).alignment = CENTERED
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(headers))
    ws.row_dimensions[TITLE_ROW].height = 30
    ws.row_dimensions[HEADER_ROW].height = 32
    for index, header in enumerate(headers, start=1):
        cell = write_cell(ws, HEADER_ROW, index, header)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = CENTERED
        cell.border = BORDER
        ws.column_dimensions[get_column_letter(index)].width = COLUMN_WIDTHS.get(header, 12)
    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 3)


def style_data_cell(ws: Worksheet, row: int, column: int, header: str) -> None:
    """Border, wrapping and the column's number format on one data cell."""
    cell = ws.cell(row, column)
    cell.border = BORDER
    cell.alignment = WRAPPED
    if header in NUMBER_FORMATS:
        cell.number_format = NUMBER_FORMATS[header]


def to_bytes(workbook: Workbook) -> bytes:
    """The workbook as .xlsx bytes."""
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
