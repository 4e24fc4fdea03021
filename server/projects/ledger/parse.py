"""parse_ledger: a ledger file in, valid rows and every problem out. Never raises on bad input."""

from __future__ import annotations

from collections.abc import Sequence

from server.projects.ledger import model as m
from server.projects.ledger.headers import (
    HEADER_SCAN_ROWS,
    HEADER_SYNONYMS,
    HeaderLayout,
    find_header,
)
from server.projects.ledger.model import LedgerRow, ParseResult, RowError, cell_problem, file_error
from server.projects.ledger.reading import Cell, Grid, UnreadableFile, read_grids
from server.projects.ledger.rows import cell_at, is_skippable, read_row
from server.projects.ledger.values import parse_code


def _choose(grids: list[Grid]) -> tuple[Grid, HeaderLayout | None]:
    layouts = [(grid, find_header(grid)) for grid in grids]
    for grid, layout in layouts:
        if layout is not None and m.NAME in layout.columns:
            return grid, layout
    for grid, layout in layouts:
        if layout is not None:
            return grid, layout
    return grids[0], None


def _missing_columns(layout: HeaderLayout) -> list[RowError]:
    errors = []
    for canonical in m.REQUIRED_COLUMNS:
        if canonical not in layout.columns:
            also = "、".join(HEADER_SYNONYMS[canonical][1:4])
            error = file_error("missing_column", canonical, row=layout.header_row, also=also)
            errors.append(error)
    return errors


def _no_header() -> RowError:
    return file_error("missing_column.no_header", column=m.NAME, rows=HEADER_SCAN_ROWS)


def _empty_file() -> RowError:
    return file_error("empty_file")


def _duplicate(row: int, first_row: int, code: str) -> RowError:
    return m.cell_error(row, m.CODE, cell_problem("duplicate_code", first_row=first_row), code)


def parse_ledger(data: bytes, filename: str) -> ParseResult:
    """Read an .xlsx or .csv ledger into valid rows and every problem found in it.

    ``rows`` holds only rows without problems; ``errors`` holds every problem, file-level ones
    (row 0) included. Blank, total (合计/小计), section (一、…) and footnote (注: …) rows are skipped.
    """
    if not data:
        return ParseResult([], [_empty_file()], 0)
    try:
        grids = read_grids(data, filename)
    except UnreadableFile as exc:
        return ParseResult([], [exc.error], 0)
    if not any(grids):
        return ParseResult([], [_empty_file()], 0)
    grid, layout = _choose(grids)
    if layout is None:
        return ParseResult([], [_no_header()], 0)
    missing = _missing_columns(layout)
    if missing:
        return ParseResult([], missing, layout.header_row)

    rows: list[LedgerRow] = []
    errors: list[RowError] = []
    first_row_of_code: dict[str, int] = {}
    seen_data = False
    for index in range(layout.data_start, len(grid)):
        cells, row_number = grid[index], index + 1
        if is_skippable(cells, layout):
            continue
        seen_data = True
        ledger_row, row_errors = read_row(cells, row_number, layout)
        code = ledger_row.code if ledger_row else _raw_code(cells, layout)
        if code and code in first_row_of_code:
            row_errors.append(_duplicate(row_number, first_row_of_code[code], code))
            ledger_row = None
        elif code:
            first_row_of_code[code] = row_number
        errors += row_errors
        if ledger_row is not None:
            rows.append(ledger_row)
    if not seen_data:
        errors.append(_empty_file())
    return ParseResult(rows, errors, layout.header_row)


def _raw_code(cells: Sequence[Cell], layout: HeaderLayout) -> str | None:
    return parse_code(cell_at(cells, layout.columns[m.CODE]).value)
