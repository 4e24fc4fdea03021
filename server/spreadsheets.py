"""Writing what people typed into XLSX cells safely: every XLSX writer goes through here.

A control character makes openpyxl refuse the whole workbook (IllegalCharacterError) and a lone
surrogate cannot be encoded, so both are taken out (a vertical tab or form feed, which Word
pastes for a line break, becomes a line break). Text is always written as text: a title
``=HYPERLINK(…)`` or a unit ``=cmd|' /C calc'!A0`` stays words in the cell, never a formula, and
a leading ``= + - @`` (or tab / CR) gets Excel's quote prefix, so editing the cell keeps it text.
"""

from __future__ import annotations

import re
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

# what XML 1.0 (and so openpyxl) cannot hold: C0 controls but tab/LF/CR, lone surrogates,
# and the two non-characters U+FFFE/U+FFFF
_UNWRITABLE = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("[\x0b\x0c]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_text(value: str) -> str:
    """``value`` without the characters a workbook cannot hold, at most one cell long."""
    text = _UNWRITABLE.sub("", _LINE_BREAKS.sub("\n", value))
    return text[:MAX_CELL_CHARS]


def write_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Put ``value`` into the cell; strings always as plain text (never a formula or error)."""
    if not isinstance(value, str):
        return sheet.cell(row, column, value)
    text = safe_text(value)
    cell = sheet.cell(row, column)
    cell.value = text
    cell.data_type = "s"  # openpyxl makes "=…" a formula and "#N/A" an error
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell


def new_workbook() -> tuple[Workbook, Worksheet]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    return book, sheet


def to_bytes(book: Workbook) -> bytes:
    out = BytesIO()
    book.save(out)
    return out.getvalue()


class UnreadableWorkbook(Exception):
    """The bytes are not an .xlsx openpyxl can read."""


def read_sheets(data: bytes) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """Every worksheet of an .xlsx as (title, rows of stripped cell text), the rows numbered as
    in Excel from 1, empty ones left out (the small uploads of the admin's pages; the ledger
    has its own reader)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as error:
        raise UnreadableWorkbook from error
    sheets = []
    for sheet in book.worksheets:
        rows = [
            ["" if value is None else str(value).strip() for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        sheets.append((sheet.title, [(n, row) for n, row in enumerate(rows, start=1) if any(row)]))
    book.close()
    return sheets
