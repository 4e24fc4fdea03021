"""Read one data row into a LedgerRow, collecting every problem in it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from server.projects.ledger import model as m
from server.projects.ledger.dates import parse_date
from server.projects.ledger.headers import Column, HeaderLayout
from server.projects.ledger.model import CellProblem, LedgerRow, RowError, cell_error, cell_problem
from server.projects.ledger.reading import EMPTY, Cell
from server.projects.ledger.text import clean_text, compact, display, is_blank
from server.projects.ledger.values import (
    parse_code,
    parse_coordinate,
    parse_level,
    parse_location,
    parse_money,
    parse_percent,
    parse_phone,
    parse_year,
)
from server.spreadsheets import safe_text
from server.text import text_problem

Reader = Callable[[Cell, Column], Any]

_TOTAL = re.compile(r"^.{0,10}(合计|小计|总计|共计)(\(.*\))?$")
_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+(?:[、.]|$)|\([一二三四五六七八九十]+\))")
_NOTE = re.compile(
    r"^(注\d*|备注|说明|填表说明|填报说明|填表人|制表人|审核人|填报单位|制表单位|单位负责人)[:]"
)
_SECTION_EMPTY_COLUMNS = (
    m.CODE,
    m.LEVEL,
    m.TOWNSHIP,
    m.VILLAGE,
    m.UNIT,
    m.START_DATE,
    m.PLANNED_COMPLETION,
    m.PROGRESS,
)

_UNKNOWN_COLUMN_ORDER = 1_000_000
REQUIRED = cell_problem("required")


def _text(cell: Cell, _: Column) -> str | None:
    return clean_text(cell.value)


def _multiline(cell: Cell, _: Column) -> str | None:
    return clean_text(cell.value, multiline=True)


def _money(cell: Cell, column: Column) -> int | None:
    return None if cell.copy else parse_money(cell.value, column.factor)


READERS: dict[str, Reader] = {
    m.CODE: lambda cell, _: parse_code(cell.value),
    m.NAME: _text,
    m.LEVEL: lambda cell, _: parse_level(cell.value),
    m.SERIES: _text,
    m.TOWNSHIP: _text,
    m.VILLAGE: _text,
    m.UNIT: _text,
    m.LEAD_OFFICIAL: _text,
    m.CONTACT_NAME: _text,
    m.CONTACT_PHONE: lambda cell, _: parse_phone(cell.value),
    m.PLANNED_INVESTMENT: _money,
    m.ALLOCATED_INVESTMENT: _money,
    m.SPENT_INVESTMENT: _money,
    m.START_DATE: lambda cell, _: parse_date(cell.value, "first"),
    m.PLANNED_COMPLETION: lambda cell, _: parse_date(cell.value, "last"),
    m.ACTUAL_COMPLETION: lambda cell, _: parse_date(cell.value, "last"),
    m.PROGRESS: lambda cell, _: parse_percent(cell.value, cell.number_format),
    m.POSTPONED_REASON: _multiline,
    m.LAG_REASON: _multiline,
    m.LON: lambda cell, _: parse_coordinate(cell.value, m.LON),
    m.LAT: lambda cell, _: parse_coordinate(cell.value, m.LAT),
    m.YEAR: lambda cell, _: parse_year(cell.value),
}


def cell_at(cells: Sequence[Cell], column: Column | None) -> Cell:
    """The row's cell under ``column`` (empty when the row is short or the column absent)."""
    if column is None or column.index >= len(cells):
        return EMPTY
    return cells[column.index]


def _leading_texts(cells: Sequence[Cell], count: int = 3) -> list[str]:
    texts = [compact(cell.value) for cell in cells if not cell.copy and not is_blank(cell.value)]
    return texts[:count]


def is_skippable(cells: Sequence[Cell], layout: HeaderLayout) -> bool:
    """Blank rows, total rows (合计/小计), section headings (一、…) and footnotes (注: …)."""
    own = [cell_at(cells, column) for column in layout.columns.values()]
    if all(cell.copy or is_blank(cell.value) for cell in own):
        return True
    leading = _leading_texts(cells)
    if any(_TOTAL.match(text) for text in leading):
        return True
    code_blank = is_blank(cell_at(cells, layout.columns.get(m.CODE)).value)
    if not (code_blank and leading):
        return False
    if _NOTE.match(leading[0]):
        return True
    section_columns = [layout.columns.get(name) for name in _SECTION_EMPTY_COLUMNS]
    return bool(_SECTION.match(leading[0])) and all(
        is_blank(cell_at(cells, column).value) for column in section_columns
    )


def _check_text(cell: Cell) -> None:
    """Text holding an invisible control character (or a broken one) is refused, whatever the
    column: the clerk deletes it in the file, rather than it breaking every list later."""
    if isinstance(cell.value, str):
        problem = text_problem(cell.value, multiline=True)
        if problem is not None:
            raise CellProblem("invalid_text", problem)


def _raw(cell: Cell) -> str:
    numeric = isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
    if numeric and "%" in cell.number_format:
        return f"{display(Decimal(str(cell.value)) * 100)}%"
    return safe_text(display(cell.value))


def _problem(row: int, column: str, problem: CellProblem, cell: Cell) -> RowError:
    return cell_error(row, column, problem, _raw(cell))


def _check_dates(row: int, values: dict[str, Any], raw: dict[str, Cell]) -> list[RowError]:
    start: date | None = values.get(m.START_DATE)
    errors = []
    for column in (m.PLANNED_COMPLETION, m.ACTUAL_COMPLETION):
        end: date | None = values.get(column)
        if start is not None and end is not None and end < start:
            problem = cell_problem("date_order", start=start.isoformat())
            errors.append(_problem(row, column, problem, raw[column]))
    return errors


def _check_location(row: int, values: dict[str, Any]) -> list[RowError]:
    lon, lat = values.get(m.LON), values.get(m.LAT)
    if (lon is None) == (lat is None):
        return []
    missing, given = (m.LAT, m.LON) if lat is None else (m.LON, m.LAT)
    problem = cell_problem("required.with", given=given)
    return [cell_error(row, missing, problem, "")]


def _column_order(canonical: str, layout: HeaderLayout) -> int:
    column = layout.columns.get(canonical) or layout.columns.get(m.LOCATION)
    return column.index if column is not None else _UNKNOWN_COLUMN_ORDER


def read_row(
    cells: Sequence[Cell], row: int, layout: HeaderLayout
) -> tuple[LedgerRow | None, list[RowError]]:
    """The row's values, or None with the problems found when any cell is wrong."""
    values: dict[str, Any] = {}
    raw: dict[str, Cell] = {}
    errors: list[RowError] = []
    for canonical, column in layout.columns.items():
        cell = cell_at(cells, column)
        raw[canonical] = cell
        try:
            _check_text(cell)
            if canonical == m.LOCATION:
                if m.LON not in layout.columns and m.LAT not in layout.columns:
                    location = parse_location(cell.value)
                    values[m.LON], values[m.LAT] = location or (None, None)
            else:
                values[canonical] = READERS[canonical](cell, column)
        except CellProblem as problem:
            errors.append(_problem(row, canonical, problem, cell))
    for canonical in m.REQUIRED_COLUMNS:
        if canonical in values and values[canonical] is None:
            errors.append(_problem(row, canonical, REQUIRED, EMPTY))
    errors += _check_dates(row, values, raw)
    if not any(error.column in (m.LON, m.LAT, m.LOCATION) for error in errors):
        errors += _check_location(row, values)
    if errors:
        return None, sorted(errors, key=lambda error: _column_order(error.column, layout))
    fields = {m.FIELD_BY_COLUMN[name]: values.get(name) for name in m.LEDGER_COLUMNS}
    return LedgerRow(row=row, present=layout.present, **fields), []
