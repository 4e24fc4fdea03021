"""Read the dates offices type: real Excel dates, serial numbers and many written forms.

Vague dates resolve to a day by the column's ``edge``: ``"first"`` for 开工时间 (the start of the
month, quarter, half or year) and ``"last"`` for 计划完成时间 / 实际完成时间 (its end). Words in the
cell win over the edge: 7月底 / 7月末 / 7月下旬 end, 7月初 / 7月上旬 start.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from openpyxl.utils.datetime import from_excel

from server.projects.ledger.model import cell_problem
from server.projects.ledger.text import compact, half_width, is_blank

Edge = Literal["first", "last"]

MIN_YEAR = 2000
MAX_YEAR = 2099
_MAX_EXCEL_SERIAL = 2_958_465

_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
_FULL = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?号?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:月份|月)?(初|上旬|中旬|下旬|底|末|中)?$")
_YEAR = re.compile(r"^(\d{4})年?(年初|年中|年底|年末|底|末|内|年内|全年)?$")
_HALF = re.compile(r"^(\d{4})年?(上半年|下半年)(底|末)?$")
_QUARTER = re.compile(r"^(\d{4})年?(?:第?([一二三四1-4])季度|Q([1-4]))(初|底|末)?$", re.IGNORECASE)
_NO_YEAR = re.compile(r"^\d{1,2}(?:月|[-/.]\d{1,2}日?$)")

_QUARTER_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_WORD_DAYS_FIRST = {"初": 1, "上旬": 1, "中旬": 11, "中": 11, "下旬": 21}
_WORD_DAYS_LAST = {"初": 10, "上旬": 10, "中旬": 20, "中": 20}

UNREADABLE = cell_problem("invalid_date")
NO_YEAR = cell_problem("invalid_date.no_year")
YEAR_OUT_OF_RANGE = cell_problem("out_of_range.year", low=MIN_YEAR, high=MAX_YEAR)


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _checked(year: int, month: int, day: int) -> date:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise YEAR_OUT_OF_RANGE
    try:
        return date(year, month, day)
    except ValueError:
        raise UNREADABLE from None


def _month_day(year: int, month: int, word: str | None, edge: Edge) -> date:
    if not 1 <= month <= 12:
        raise UNREADABLE
    if word in ("底", "末", "下旬") and (word != "下旬" or edge == "last"):
        return _checked(year, month, _last_day(year, month))
    if word is not None:
        days = _WORD_DAYS_FIRST if edge == "first" else _WORD_DAYS_LAST
        return _checked(year, month, days[word])
    return _checked(year, month, 1 if edge == "first" else _last_day(year, month))


def _span(year: int, first_month: int, last_month: int, word: str | None, edge: Edge) -> date:
    if word in ("底", "末") or (word is None and edge == "last"):
        return _checked(year, last_month, _last_day(year, last_month))
    return _checked(year, first_month, 1)


def _from_text(text: str, edge: Edge) -> date:
    text = compact(_TIME_SUFFIX.sub("", half_width(text).strip()))
    if match := _FULL.match(text) or _COMPACT.match(text):
        return _checked(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH.match(text):
        return _month_day(int(match[1]), int(match[2]), match[3], edge)
    if match := _YEAR.match(text):
        year, word = int(match[1]), match[2]
        if word in ("年底", "年末", "底", "末"):
            return _checked(year, 12, 31)
        if word == "年初":
            return _month_day(year, 1, "初", edge)
        if word == "年中":
            return _month_day(year, 6, None, edge)
        return _span(year, 1, 12, None, edge)
    if match := _HALF.match(text):
        first = 1 if match[2] == "上半年" else 7
        return _span(int(match[1]), first, first + 5, match[3], edge)
    if match := _QUARTER.match(text):
        quarter = _QUARTER_NUMBERS[match[2] or match[3]]
        return _span(int(match[1]), quarter * 3 - 2, quarter * 3, match[4], edge)
    if _is_number(text):
        return _from_number(Decimal(text), edge)
    if _NO_YEAR.match(text):
        raise NO_YEAR
    raise UNREADABLE


def _is_number(text: str) -> bool:
    try:
        return Decimal(text).is_finite()
    except InvalidOperation:
        return False


def _from_number(value: Decimal, edge: Edge) -> date:
    if value == value.to_integral() and 19_000_101 <= value <= 21_001_231:
        return _from_text(str(int(value)), edge)
    if value == value.to_integral() and 1900 <= value <= 2100:
        return _span(int(value), 1, 12, None, edge)
    if 1900 < value < 2100:
        year, month = str(value).split(".")
        return _month_day(int(year), int(month), None, edge)
    if not 1 <= value <= _MAX_EXCEL_SERIAL:
        raise UNREADABLE
    serial = from_excel(float(value))
    if not MIN_YEAR <= serial.year <= MAX_YEAR:
        raise UNREADABLE
    return serial.date()


def parse_date(value: object, edge: Edge) -> date | None:
    """A cell as a date, or None when blank. Raises CellProblem when it cannot be read."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, bool):
        raise UNREADABLE
    if isinstance(value, int | float | Decimal):
        return _from_number(Decimal(str(value)), edge)
    return _from_text(str(value), edge)
