"""Read one cell as a code, level, amount of money, percentage or coordinate."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from core.problems import listed
from server.projects.ledger.model import LAT, LEVEL_LABELS, LON, CellProblem, cell_problem
from server.projects.ledger.text import compact, display, half_width, is_blank, number_to_text

MONEY_UNITS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1_000),
    "万": Decimal(10_000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "亿": Decimal(100_000_000),
    "亿元": Decimal(100_000_000),
}
WAN = MONEY_UNITS["万元"]

LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

LEVELS: dict[str, tuple[str, ...]] = {
    "province": ("省级", "省", "省本级", "province"),
    "city": ("市级", "市", "地市级", "设区市级", "市本级", "city"),
    "county": (
        "县(区)级",
        "县级",
        "区级",
        "县区级",
        "县市区级",
        "县(市)级",
        "县(市、区)级",
        "县(市,区)级",
        "县(区)",
        "县",
        "区",
        "county",
    ),
    "township": (
        "乡镇级",
        "乡镇(街道)级",
        "乡镇街道级",
        "街道级",
        "镇级",
        "乡级",
        "乡镇",
        "街道",
        "镇",
        "乡",
        "township",
    ),
}
_LEVEL_BY_WORD = {word: level for level, words in LEVELS.items() for word in words}
_LEVEL_SUFFIXES = ("民生实事项目", "民生实事", "实事项目", "项目")

_NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)"
_MONEY = re.compile(rf"^({_NUMBER})({'|'.join(sorted(MONEY_UNITS, key=len, reverse=True))})?$")
_PERCENT_IN_TEXT = re.compile(rf"({_NUMBER})%")
_DONE_WORDS = frozenset({"完成", "已完成", "完工", "已完工", "竣工", "已竣工", "全部完成"})
_NOT_STARTED_WORDS = frozenset({"未开工", "尚未开工", "未启动", "尚未启动"})
_DEGREES = re.compile(
    r"^(?P<prefix>东经|北纬|西经|南纬)?"
    r"(?P<degrees>\d+(?:\.\d+)?)"
    r"(?:°(?:(?P<minutes>\d+(?:\.\d+)?)['′])?(?:(?P<seconds>\d+(?:\.\d+)?)(?:\"|″|′′|''))?)?"
    r"(?P<suffix>[ENWS])?$"
)
_SOUTH_OR_WEST = frozenset({"西经", "南纬", "W", "S"})
_LOCATION_SEPARATORS = re.compile(r"[,;/、\s]+")

INVALID_NUMBER = cell_problem("invalid_number")
INVALID_MONEY = cell_problem("invalid_number.money")
NEGATIVE_MONEY = cell_problem("out_of_range.negative")
INVALID_PERCENT = cell_problem("invalid_number.percent")
PERCENT_OUT_OF_RANGE = cell_problem("out_of_range", low=0, high=100)
INVALID_COORDINATE = cell_problem("invalid_number.coordinate")
UNKNOWN_LEVEL = cell_problem("unknown_level", levels=listed(LEVEL_LABELS.values()))
INVALID_YEAR = cell_problem("invalid_year")
FIRST_YEAR, LAST_YEAR = 2000, 2100
_YEAR = re.compile(r"^(\d{4})(?:年度?|年)?(?:民生实事(?:项目)?)?$")


def _number_text(value: object) -> str:
    return compact(value).replace(",", "").lstrip("¥")


def to_decimal(value: object) -> Decimal:
    """A number cell (numeric, or text like "１，２３４．５") as a Decimal. Raises CellProblem."""
    if isinstance(value, bool):
        raise INVALID_NUMBER
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        try:
            number = Decimal(_number_text(value))
        except InvalidOperation:
            raise INVALID_NUMBER from None
    if not number.is_finite():
        raise INVALID_NUMBER
    return number


def parse_code(value: object) -> str | None:
    """项目编号: half-width, stripped; a numeric cell 2023001.0 reads "2023001"."""
    if is_blank(value):
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return number_to_text(value)
    return " ".join(half_width(str(value)).split())


def parse_phone(value: object) -> str | None:
    """联系电话 kept as text: 13800000000.0 → "13800000000"."""
    return parse_code(value)


def parse_money(value: object, header_factor: Decimal) -> int | None:
    """Whole yuan, rounded half up. A unit in the cell (万元, 亿, 元) wins over the header's."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise INVALID_MONEY
    if isinstance(value, int | float | Decimal):
        amount, factor = Decimal(str(value)), header_factor
    else:
        match = _MONEY.match(_number_text(value))
        if match is None:
            raise INVALID_MONEY
        amount = Decimal(match[1])
        factor = MONEY_UNITS[match[2]] if match[2] else header_factor
    if not amount.is_finite():
        raise INVALID_MONEY
    if amount < 0:
        raise NEGATIVE_MONEY
    return int((amount * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _percent_from_text(text: str) -> Decimal:
    if text in _DONE_WORDS:
        return Decimal(100)
    if text in _NOT_STARTED_WORDS:
        return Decimal(0)
    try:
        return to_decimal(text.removesuffix("%"))
    except CellProblem:
        found = _PERCENT_IN_TEXT.findall(text)
        if len(found) != 1:
            raise INVALID_PERCENT from None
        return Decimal(found[0])


def parse_percent(value: object, number_format: str = "General") -> Decimal | None:
    """形象进度 in percent (0–100, one decimal). A 0.85 formatted as a percentage reads 85."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise INVALID_PERCENT
    if isinstance(value, int | float | Decimal):
        percent = Decimal(str(value))
        if "%" in number_format:
            percent *= 100
    else:
        try:
            percent = _percent_from_text(compact(value))
        except CellProblem:
            raise INVALID_PERCENT from None
    if not percent.is_finite():
        raise INVALID_PERCENT
    if not 0 <= percent <= 100:
        raise PERCENT_OUT_OF_RANGE
    return percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def parse_year(value: object) -> int | None:
    """年度 (the batch year the People's Congress voted the project in): 2023, "2023年", "2023年度"."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise INVALID_YEAR
    if isinstance(value, int | float | Decimal):
        if value != int(value):
            raise INVALID_YEAR
        year = int(value)
    else:
        match = _YEAR.match(half_width(compact(value)))
        if match is None:
            raise INVALID_YEAR
        year = int(match[1])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise INVALID_YEAR
    return year


def parse_level(value: object) -> str | None:
    """层级 as 'province' | 'city' | 'county' | 'township'."""
    if is_blank(value):
        return None
    word = compact(value).lower()
    for suffix in _LEVEL_SUFFIXES:
        if word.endswith(suffix) and len(word) > len(suffix):
            word = word.removesuffix(suffix)
            break
    level = _LEVEL_BY_WORD.get(word) or _LEVEL_BY_WORD.get(word.replace("(", "").replace(")", ""))
    if level is None:
        raise UNKNOWN_LEVEL
    return level


def _degrees(value: object) -> float:
    if isinstance(value, bool):
        raise INVALID_COORDINATE
    if isinstance(value, int | float | Decimal):
        return float(value)
    text = compact(value).upper().replace("度", "°").replace("分", "′").replace("秒", "″")
    match = _DEGREES.match(half_width(text))
    if match is None:
        raise INVALID_COORDINATE
    degrees = Decimal(match["degrees"])
    degrees += Decimal(match["minutes"] or 0) / 60 + Decimal(match["seconds"] or 0) / 3600
    if {match["prefix"], match["suffix"]} & _SOUTH_OR_WEST:
        degrees = -degrees
    return float(round(degrees, 7))


def range_problem(axis: str) -> CellProblem:
    """The out-of-range problem for 经度 or 纬度."""
    low, high = LON_RANGE if axis == LON else LAT_RANGE
    return cell_problem("out_of_range", low=f"{low:g}", high=f"{high:g}")


def parse_coordinate(value: object, axis: str) -> float | None:
    """经度 / 纬度 in decimal degrees ("118.6", "118.6°E", "118°36′E"), inside China."""
    if is_blank(value):
        return None
    degrees = _degrees(value)
    low, high = LON_RANGE if axis == LON else LAT_RANGE
    if not low <= degrees <= high:
        raise range_problem(axis)
    return degrees


def parse_location(value: object) -> tuple[float, float] | None:
    """A single "经纬度" cell, "lon, lat" or "lat, lon" (China's ranges tell them apart)."""
    if is_blank(value):
        return None
    parts = [part for part in _LOCATION_SEPARATORS.split(half_width(display(value))) if part]
    if len(parts) != 2:
        raise INVALID_COORDINATE
    first, second = _degrees(parts[0]), _degrees(parts[1])
    if LAT_RANGE[0] <= first <= LAT_RANGE[1] and LON_RANGE[0] <= second <= LON_RANGE[1]:
        first, second = second, first
    if not LON_RANGE[0] <= first <= LON_RANGE[1]:
        raise range_problem(LON)
    if not LAT_RANGE[0] <= second <= LAT_RANGE[1]:
        raise range_problem(LAT)
    return first, second
