"""Build ledger files in memory: xlsx and csv bytes from plain rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

BASE_ROW: dict[str, object] = {"项目编号": "A001", "项目名称": "长者食堂", "层级": "县级"}


def xlsx_bytes(
    rows: Sequence[Sequence[object]],
    merges: Sequence[str] = (),
    formats: Mapping[str, str] | None = None,
) -> bytes:
    """An .xlsx whose first sheet holds ``rows`` from A1, with merged ranges and number formats."""
    workbook = Workbook()
    ws = workbook.active
    for row in rows:
        ws.append(list(row))
    for cell_range in merges:
        ws.merge_cells(cell_range)
    for coordinate, number_format in (formats or {}).items():
        ws[coordinate].number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_bytes(*sheets: Sequence[Sequence[object]]) -> bytes:
    """An .xlsx with one worksheet per argument, each holding its rows from A1."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for number, rows in enumerate(sheets, start=1):
        ws = workbook.create_sheet(f"Sheet{number}")
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    rows: Sequence[Sequence[object]], encoding: str = "utf-8", delimiter: str = ","
) -> bytes:
    """A CSV file in ``encoding`` ("utf-8-sig" for a BOM, "gb18030", "utf-16")."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def table(*records: Mapping[str, object], base: Mapping[str, object] = BASE_ROW) -> list[list]:
    """A header row (every key, in order of appearance) and one row per record over ``base``."""
    merged = [{**base, **record} for record in records]
    headers: list[str] = []
    for record in merged:
        headers += [key for key in record if key not in headers]
    return [headers, *[[record.get(header) for header in headers] for record in merged]]


def ledger_xlsx(*records: Mapping[str, object]) -> bytes:
    """A plain ledger: header in row 1, the records from row 2."""
    return xlsx_bytes(table(*records))


def first_sheet(data: bytes) -> Worksheet:
    """The first worksheet of an .xlsx, for checking what we wrote."""
    return load_workbook(io.BytesIO(data)).worksheets[0]
