"""The bulletin as an XLSX workbook: one sheet per table, a 合计 row under each; amounts and
percentages are numbers with a number format, never text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from server.bulletins.tables import Percent, Table, bulletin_tables
from server.spreadsheets import new_workbook, to_bytes, write_cell

TITLE_ROW, HEADER_ROW = 1, 2


def _write(sheet: Worksheet, table: Table) -> None:
    sheet.title = table.sheet
    write_cell(sheet, TITLE_ROW, 1, table.title).font = Font(bold=True, size=14)
    for column, header in enumerate(table.headers, start=1):
        cell = write_cell(sheet, HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    lines: list[tuple[list[Any], bool]] = [(row, False) for row in table.rows]
    if table.total is not None:
        lines.append((table.total, True))
    for offset, (row, bold) in enumerate(lines, start=1):
        for column, value in enumerate(row, start=1):
            cell = _number(sheet, HEADER_ROW + offset, column, value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if bold:
                cell.font = Font(bold=True)
    widths = table.widths or [16] * len(table.headers)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


WAN_FORMAT = "#,##0.00"  # 万元: 53,253.00 shown, the exact amount kept


def _number(sheet: Worksheet, row: int, column: int, value: Any) -> Cell:
    """Numbers as numbers with a number format (万元 #,##0.00, a percentage 0.00%), so a clerk
    can sum and sort them; a percentage without a value is "—"."""
    if isinstance(value, Percent):
        if value.value is None:
            return write_cell(sheet, row, column, str(value))
        cell = write_cell(sheet, row, column, value.value / 100)
        cell.number_format = "0." + "0" * value.places + "%" if value.places else "0%"
        return cell
    cell = write_cell(sheet, row, column, value)
    if isinstance(value, Decimal):
        cell.number_format = WAN_FORMAT
    elif isinstance(value, int):
        cell.number_format = "#,##0"
    return cell


def bulletin_xlsx(bulletin: dict[str, Any]) -> bytes:
    """The workbook's bytes; the first sheet's title row carries the bulletin's title too."""
    book, first = new_workbook()
    for index, table in enumerate(bulletin_tables(bulletin)):
        _write(first if index == 0 else book.create_sheet(), table)
    title = f"{bulletin['title']} — {first.cell(TITLE_ROW, 1).value}"
    write_cell(first, TITLE_ROW, 1, title)
    paragraphs = bulletin.get("paragraphs")
    if paragraphs:
        _write_text(book.create_sheet(), paragraphs)
    return to_bytes(book)


TEXT_SECTIONS = (("situation", "情况"), ("problems", "问题"), ("requirements", "要求"))


def _write_text(sheet: Worksheet, paragraphs: dict[str, str | None]) -> None:
    """The office's paragraphs (情况 / 问题 / 要求), one section per row."""
    sheet.title = "通报正文"
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 100
    for row, (key, label) in enumerate(TEXT_SECTIONS, start=1):
        write_cell(sheet, row, 1, label).font = Font(bold=True)
        cell = write_cell(sheet, row, 2, paragraphs.get(key) or "")
        cell.alignment = Alignment(vertical="top", wrap_text=True)
