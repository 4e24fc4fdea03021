"""Turn the uploaded bytes into grids of cells: each sheet of a workbook, or a CSV file."""

from __future__ import annotations

import codecs
import csv
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from server.projects.ledger.model import RowError, file_error

MAX_COLUMNS = 256
MAX_BLANK_RUN = 1_000
CSV_DELIMITERS = (",", "\t", ";")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's value and display format. ``copy`` marks a merged range's repeated value."""

    value: object = None
    number_format: str = "General"
    merged: bool = False
    copy: bool = False


EMPTY = Cell()
Grid = list[list[Cell]]


class UnreadableFile(Exception):
    """The bytes are not a spreadsheet we can read."""

    def __init__(self, error: RowError) -> None:
        super().__init__(error.message)
        self.error = error


def _unreadable(filename: str, why: str) -> UnreadableFile:
    """``why``: the variant of unreadable_file in core.problems.LEDGER_ROWS."""
    return UnreadableFile(file_error(f"unreadable_file.{why}", filename=filename))


def _merged_copies(ws: Worksheet, max_row: int) -> tuple[dict[tuple[int, int], object], set]:
    copies: dict[tuple[int, int], object] = {}
    merged: set[tuple[int, int]] = set()
    for cell_range in ws.merged_cells.ranges:
        origin = ws.cell(cell_range.min_row, cell_range.min_col)
        for row in range(cell_range.min_row, min(cell_range.max_row, max_row) + 1):
            for column in range(cell_range.min_col, min(cell_range.max_col, MAX_COLUMNS) + 1):
                merged.add((row, column))
                if (row, column) != (cell_range.min_row, cell_range.min_col):
                    copies[(row, column)] = origin
    return copies, merged


def _sheet_grid(ws: Worksheet) -> Grid:
    max_column = min(ws.max_column, MAX_COLUMNS)
    copies, merged = _merged_copies(ws, ws.max_row)
    grid: Grid = []
    blank_run = 0
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=max_column):
        cells: list[Cell] = []
        for sheet_cell in row:
            key = (sheet_cell.row, sheet_cell.column)
            origin = copies.get(key)
            source = origin if origin is not None else sheet_cell
            cells.append(
                Cell(
                    value=source.value,
                    number_format=source.number_format or "General",
                    merged=key in merged,
                    copy=origin is not None,
                )
            )
        grid.append(cells)
        blank_run = blank_run + 1 if all(cell.value is None for cell in cells) else 0
        if blank_run >= MAX_BLANK_RUN:
            break
    while grid and all(cell.value is None or cell.copy for cell in grid[-1]):
        grid.pop()
    return grid


def read_xlsx(data: bytes, filename: str) -> list[Grid]:
    """Every worksheet as a grid, visible sheets first."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl errors alike mean a damaged file
        raise _unreadable(filename, "damaged") from exc
    sheets = sorted(workbook.worksheets, key=lambda ws: ws.sheet_state != "visible")
    return [_sheet_grid(ws) for ws in sheets if isinstance(ws, Worksheet)]


def _decode(data: bytes, filename: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise _unreadable(filename, "encoding") from None


def read_csv(data: bytes, filename: str) -> list[Grid]:
    """The CSV (UTF-8 with or without BOM, UTF-16, or GB18030) split by each likely delimiter."""
    text = _decode(data, filename)
    if "\x00" in text:
        raise _unreadable(filename, "not_text")
    grids: list[Grid] = []
    for delimiter in CSV_DELIMITERS:
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as exc:
            raise _unreadable(filename, "csv") from exc
        grid = [[Cell(value or None) for value in record[:MAX_COLUMNS]] for record in records]
        while grid and all(cell.value is None for cell in grid[-1]):
            grid.pop()
        grids.append(grid)
    return grids


def read_grids(data: bytes, filename: str) -> list[Grid]:
    """Candidate grids in order of preference. Raises UnreadableFile."""
    suffix = PurePath(filename or "").suffix.lower()
    if suffix == ".xls" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _unreadable(filename, "old_xls")
    if suffix in _XLSX_SUFFIXES or (suffix not in _CSV_SUFFIXES and data.startswith(b"PK")):
        return read_xlsx(data, filename)
    if suffix in _CSV_SUFFIXES:
        return read_csv(data, filename)
    raise _unreadable(filename, "suffix")
