"""export_ledger: projects to an .xlsx that parse_ledger reads back unchanged."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from server.projects.ledger import model as m
from server.projects.ledger.model import LedgerRow
from server.projects.ledger.sheets import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    style_data_cell,
    to_bytes,
    write_title_and_headers,
)
from server.projects.ledger.text import number_to_text
from server.projects.ledger.values import WAN
from server.projects.schedule import STATUS_LABELS_ZH
from server.spreadsheets import write_cell

STATUS_FILLS = {
    "completed_early": "C6EFCE",
    "completed": "C6EFCE",
    "ahead": "DDEBF7",
    "on_schedule": "FFFFFF",
    "behind": "FFC7CE",
    "postponed": "EDEDED",
}
_STATUS_BY_LABEL = {label: code for code, label in STATUS_LABELS_ZH.items()}


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.replace(",", ""))
        except ValueError:
            return value
    return value


def _date(value: object) -> object:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _cell_value(header: str, value: object) -> object:
    if value is None or value == "":
        return None
    if header in m.MONEY_COLUMNS or header in (m.PROGRESS, m.LON, m.LAT):
        return _number(value)
    if header in m.DATE_COLUMNS:
        return _date(value)
    if header == m.LEVEL:
        return m.LEVEL_LABELS.get(str(value), value)
    if header == m.SCHEDULE_STATUS:
        return STATUS_LABELS_ZH.get(str(value), value)
    if header in (m.CODE, m.CONTACT_PHONE) and isinstance(value, int | float):
        return number_to_text(value)
    return value if isinstance(value, int | float) else str(value)


def _headers(rows: list[Mapping[str, object]]) -> list[str]:
    headers = list(m.LEDGER_COLUMNS)
    if any(m.SCHEDULE_STATUS in row for row in rows):
        headers.insert(headers.index(m.PROGRESS) + 1, m.SCHEDULE_STATUS)
    return headers


def export_ledger(rows: Iterable[Mapping[str, object]], title: str = "民生实事项目台账") -> bytes:
    """An .xlsx of the rows (dicts keyed by the canonical Chinese headers, money in 万元).

    Levels and schedule statuses may be codes ('county', 'behind') or labels; they are written
    as labels. A 序时进度 column is added when any row has one, coloured by status.
    """
    materialised = list(rows)
    headers = _headers(materialised)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "项目台账"
    write_title_and_headers(ws, title, headers)
    for offset, row in enumerate(materialised):
        row_number = FIRST_DATA_ROW + offset
        for column, header in enumerate(headers, start=1):
            write_cell(ws, row_number, column, _cell_value(header, row.get(header)))
            style_data_cell(ws, row_number, column, header)
            if header == m.SCHEDULE_STATUS:
                status = str(row.get(header) or "")
                fill = STATUS_FILLS.get(_STATUS_BY_LABEL.get(status, status))
                if fill:
                    ws.cell(row_number, column).fill = PatternFill("solid", fgColor=fill)
    last_row = max(HEADER_ROW, FIRST_DATA_ROW + len(materialised) - 1)
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(headers))}{last_row}"
    return to_bytes(workbook)


def yuan_to_wan(yuan: int | None) -> Decimal | None:
    """Whole yuan as 万元, exactly (1234567 → 123.4567)."""
    return None if yuan is None else Decimal(yuan) / WAN


def ledger_row_as_mapping(row: LedgerRow) -> dict[str, object]:
    """A LedgerRow keyed by the canonical headers, money in 万元, ready for export_ledger."""
    mapping: dict[str, object] = {}
    for header in m.LEDGER_COLUMNS:
        value = getattr(row, m.FIELD_BY_COLUMN[header])
        mapping[header] = yuan_to_wan(value) if header in m.MONEY_COLUMNS else value
    return mapping
