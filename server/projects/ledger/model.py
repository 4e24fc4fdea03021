"""Ledger data types: the canonical columns, one parsed row, one problem, the parse result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from core.problems import LEDGER_PLACES, LEDGER_ROWS, Both, code_of, say

CODE = "项目编号"
NAME = "项目名称"
LEVEL = "层级"
SERIES = "系列"
TOWNSHIP = "乡镇(街道)"
VILLAGE = "村(社区)"
UNIT = "责任单位"
LEAD_OFFICIAL = "分管领导"
CONTACT_NAME = "联系人"
CONTACT_PHONE = "联系电话"
PLANNED_INVESTMENT = "计划投资(万元)"
ALLOCATED_INVESTMENT = "下达资金(万元)"
SPENT_INVESTMENT = "完成投资(万元)"
START_DATE = "开工时间"
PLANNED_COMPLETION = "计划完成时间"
ACTUAL_COMPLETION = "实际完成时间"
PROGRESS = "形象进度(%)"
POSTPONED_REASON = "暂缓原因"
LAG_REASON = "滞后原因"
LON = "经度"
LAT = "纬度"
YEAR = "年度"

SCHEDULE_STATUS = "序时进度"
"""Export-only column: the schedule status label. Ignored on import."""

LOCATION = "经纬度"
"""A single "lon, lat" column some offices use instead of 经度 and 纬度."""

LEDGER_COLUMNS: tuple[str, ...] = (
    CODE,
    NAME,
    LEVEL,
    SERIES,
    TOWNSHIP,
    VILLAGE,
    UNIT,
    LEAD_OFFICIAL,
    CONTACT_NAME,
    CONTACT_PHONE,
    PLANNED_INVESTMENT,
    ALLOCATED_INVESTMENT,
    SPENT_INVESTMENT,
    START_DATE,
    PLANNED_COMPLETION,
    ACTUAL_COMPLETION,
    PROGRESS,
    POSTPONED_REASON,
    LAG_REASON,
    LON,
    LAT,
    YEAR,
)
REQUIRED_COLUMNS = (CODE, NAME)
MONEY_COLUMNS = (PLANNED_INVESTMENT, ALLOCATED_INVESTMENT, SPENT_INVESTMENT)
DATE_COLUMNS = (START_DATE, PLANNED_COMPLETION, ACTUAL_COMPLETION)

LEVEL_LABELS = {"province": "省级", "city": "市级", "county": "县(区)级", "township": "乡镇级"}


@dataclass(frozen=True)
class RowError:
    """One problem found in the file, in words a clerk understands."""

    row: int
    column: str
    code: str
    message: str
    message_en: str


@dataclass(frozen=True)
class LedgerRow:
    """One valid ledger line. Money is in whole yuan; ``present`` names the file's columns."""

    row: int
    code: str
    name: str
    level: str | None
    series: str | None
    township: str | None
    village: str | None
    unit: str | None
    lead_official: str | None
    contact_name: str | None
    contact_phone: str | None
    planned_investment_yuan: int | None
    allocated_investment_yuan: int | None
    spent_investment_yuan: int | None
    start_date: date | None
    planned_completion_date: date | None
    actual_completion_date: date | None
    progress_pct: Decimal | None
    postponed_reason: str | None
    lag_reason: str | None
    lon: float | None
    lat: float | None
    present: frozenset[str]
    batch_year: int | None = None  # 年度: the year's batch the People's Congress voted it in


FIELD_BY_COLUMN: dict[str, str] = {
    CODE: "code",
    NAME: "name",
    LEVEL: "level",
    SERIES: "series",
    TOWNSHIP: "township",
    VILLAGE: "village",
    UNIT: "unit",
    LEAD_OFFICIAL: "lead_official",
    CONTACT_NAME: "contact_name",
    CONTACT_PHONE: "contact_phone",
    PLANNED_INVESTMENT: "planned_investment_yuan",
    ALLOCATED_INVESTMENT: "allocated_investment_yuan",
    SPENT_INVESTMENT: "spent_investment_yuan",
    START_DATE: "start_date",
    PLANNED_COMPLETION: "planned_completion_date",
    ACTUAL_COMPLETION: "actual_completion_date",
    PROGRESS: "progress_pct",
    POSTPONED_REASON: "postponed_reason",
    LAG_REASON: "lag_reason",
    LON: "lon",
    LAT: "lat",
    YEAR: "batch_year",
}


@dataclass(frozen=True)
class ParseResult:
    """Valid rows (only those without problems), every problem found, and the header's row."""

    rows: list[LedgerRow]
    errors: list[RowError]
    header_row: int


class CellProblem(Exception):
    """Raised by a cell reader; becomes a RowError once the row and column are known."""

    def __init__(self, code: str, text: Both) -> None:
        super().__init__(code, *text)
        self.code = code
        self.zh, self.en = text


def cell_problem(key: str, **params: Any) -> CellProblem:
    """The problem ``key`` of core.problems.LEDGER_ROWS (its code: the key without its variant)."""
    return CellProblem(code_of(key), say(LEDGER_ROWS, key, **params))


def cell_error(row: int, column: str, problem: CellProblem, raw: str) -> RowError:
    """``第 {row} 行『{column}』{problem}: {raw}`` (without ``: {raw}`` when the cell is empty)."""
    where = {"row": row, "column": column, "problem": Both(problem.zh, problem.en)}
    text = (
        say(LEDGER_PLACES, "cell_text", text=raw, **where)
        if raw
        else say(LEDGER_PLACES, "cell", **where)
    )
    return RowError(row=row, column=column, code=problem.code, message=text.zh, message_en=text.en)


def file_error(key: str, column: str = "", **params: Any) -> RowError:
    """A problem with the whole file (row 0): ``key`` of core.problems.LEDGER_ROWS (``column``
    fills its {column} too)."""
    text = say(LEDGER_ROWS, key, column=column, **params)
    return RowError(row=0, column=column, code=code_of(key), message=text.zh, message_en=text.en)
