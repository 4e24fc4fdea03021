"""One sheet per list: a title, a bold header row, the rows, and a count line at the bottom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from server.spreadsheets import write_cell

TITLE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3


def write_sheet(
    sheet: Worksheet,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None = None,
) -> int:
    """Fill ``sheet``; returns the number of data rows (also written as 合计 below them)."""
    write_cell(sheet, TITLE_ROW, 1, title).font = Font(bold=True, size=14)
    sheet.merge_cells(
        start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(headers)
    )
    for column, header in enumerate(headers, start=1):
        cell = write_cell(sheet, HEADER_ROW, column, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    count = 0
    for count, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = write_cell(sheet, HEADER_ROW + count, column, value)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if hasattr(value, "isoformat"):
                cell.number_format = "yyyy-mm-dd"
    sheet.cell(HEADER_ROW + count + 1, 1, f"合计 {count} 条").font = Font(bold=True)
    for column, width in enumerate(widths or [16] * len(headers), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    return count
