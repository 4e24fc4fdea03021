"""Recognise the header row: canonical names, their synonyms, and the units written in them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from server.projects.ledger import model as m
from server.projects.ledger.reading import EMPTY, Cell, Grid
from server.projects.ledger.text import display, half_width
from server.projects.ledger.values import MONEY_UNITS, WAN

HEADER_SCAN_ROWS = 15
MIN_OTHER_HEADERS = 2

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    m.CODE: ("项目编号", "编号", "项目代码", "项目编码", "编码", "项目号", "项目id"),
    m.NAME: (
        "项目名称",
        "实事项目名称",
        "民生实事项目名称",
        "项目",
        "实事项目",
        "民生实事项目",
        "项目名",
        "名称",
    ),
    m.LEVEL: ("层级", "项目层级", "级别", "项目级别", "实事层级", "层次"),
    m.SERIES: (
        "系列",
        "所属系列",
        "类别",
        "项目类别",
        "领域",
        "所属领域",
        "类型",
        "项目类型",
        "分类",
    ),
    m.TOWNSHIP: (
        "乡镇(街道)",
        "乡镇",
        "街道",
        "所属乡镇",
        "所在乡镇",
        "乡镇街道",
        "镇街",
        "所属乡镇(街道)",
        "所在乡镇(街道)",
    ),
    m.VILLAGE: (
        "村(社区)",
        "村",
        "社区",
        "村居",
        "村(居)",
        "村社区",
        "所在村",
        "行政村",
        "村(居)委会",
    ),
    m.UNIT: (
        "责任单位",
        "牵头单位",
        "承办单位",
        "实施单位",
        "主办单位",
        "责任部门",
        "牵头部门",
        "主责单位",
        "建设单位",
        "业主单位",
    ),
    m.LEAD_OFFICIAL: (
        "分管领导",
        "责任领导",
        "县领导",
        "牵头领导",
        "挂钩领导",
        "包挂领导",
        "分管县领导",
    ),
    m.CONTACT_NAME: ("联系人", "项目联系人", "经办人", "具体联系人"),
    m.CONTACT_PHONE: (
        "联系电话",
        "电话",
        "手机",
        "手机号",
        "手机号码",
        "联系方式",
        "联系人电话",
        "电话号码",
    ),
    m.PLANNED_INVESTMENT: (
        "计划投资",
        "计划总投资",
        "总投资",
        "项目总投资",
        "投资总额",
        "计划投资额",
        "投资额",
        "年度计划投资",
        "计划投资金额",
        "估算投资",
        "概算投资",
        "投资",
    ),
    m.ALLOCATED_INVESTMENT: (
        "下达资金",
        "已下达资金",
        "到位资金",
        "已到位资金",
        "资金到位",
        "下达投资",
        "拨付资金",
        "已拨付资金",
        "下达金额",
    ),
    m.SPENT_INVESTMENT: (
        "完成投资",
        "已完成投资",
        "累计完成投资",
        "完成投资额",
        "实际完成投资",
        "累计投资",
        "已完成投资额",
        "完成金额",
    ),
    m.START_DATE: (
        "开工时间",
        "开工日期",
        "计划开工时间",
        "计划开工日期",
        "开始时间",
        "实际开工时间",
        "实际开工日期",
    ),
    m.PLANNED_COMPLETION: (
        "计划完成时间",
        "完成时限",
        "计划竣工时间",
        "计划完工时间",
        "计划完成日期",
        "计划竣工日期",
        "完成期限",
        "时限要求",
        "完成时间",
    ),
    m.ACTUAL_COMPLETION: (
        "实际完成时间",
        "竣工时间",
        "完工时间",
        "实际竣工时间",
        "实际完工时间",
        "实际完成日期",
        "竣工日期",
        "完工日期",
    ),
    m.PROGRESS: (
        "形象进度",
        "进度",
        "完成进度",
        "工程进度",
        "项目进度",
        "形象进度百分比",
        "进度百分比",
        "当前进度",
        "目前进度",
        "实施进度",
        "完成比例",
    ),
    m.POSTPONED_REASON: ("暂缓原因", "暂缓理由", "缓建原因", "暂缓说明", "暂缓实施原因"),
    m.LAG_REASON: (
        "滞后原因",
        "进度滞后原因",
        "存在问题",
        "存在的问题",
        "存在困难和问题",
        "滞后原因及措施",
        "问题及原因",
    ),
    m.LON: ("经度", "lng", "lon", "long", "longitude", "东经"),
    m.LAT: ("纬度", "lat", "latitude", "北纬"),
    m.YEAR: ("年度", "项目年度", "实事年度", "批次年度", "年份", "所属年度", "批次"),
    m.LOCATION: ("经纬度", "经纬度坐标", "坐标", "gps坐标", "地理坐标"),
}

_UNIT_WORDS = "百万元|亿元|万元|千元|元|%"
_UNIT_IN_PARENS = re.compile(rf"\((?:单位[:]?)?({_UNIT_WORDS})\)")
_UNIT_AT_END = re.compile(rf"({_UNIT_WORDS})$")
_PARENTHESISED = re.compile(r"\([^)]*\)")
_BRACKETS = str.maketrans({"【": "(", "】": ")", "[": "(", "]": ")", "〔": "(", "〕": ")"})


@dataclass(frozen=True)
class Column:
    """Where a canonical column sits, what the file calls it, and its money factor."""

    index: int
    canonical: str
    header: str
    factor: Decimal = WAN


@dataclass(frozen=True)
class HeaderLayout:
    """The recognised header: its 1-based row, where data starts (0-based), and its columns."""

    header_row: int
    data_start: int
    columns: dict[str, Column]

    @property
    def present(self) -> frozenset[str]:
        """Canonical names the file carries (a 经纬度 column counts as 经度 and 纬度)."""
        names = set(self.columns) - {m.LOCATION}
        if m.LOCATION in self.columns:
            names |= {m.LON, m.LAT}
        return frozenset(names)


def split_header(text: object) -> tuple[str, str | None]:
    """A header as (base name, unit): "计划投资\\n（万元）" → ("计划投资", "万元")."""
    normal = re.sub(r"\s+", "", half_width(display(text))).lower().translate(_BRACKETS)
    normal = normal.strip("*:※")
    unit = None
    if match := _UNIT_IN_PARENS.search(normal):
        unit = match[1]
        normal = (normal[: match.start()] + normal[match.end() :]).strip()
    elif (match := _UNIT_AT_END.search(normal)) and match.start() > 0:
        unit = match[1]
        normal = normal[: match.start()]
    return normal, unit


def _build_lookup() -> dict[str, tuple[str, int]]:
    lookup: dict[str, tuple[str, int]] = {}
    for canonical, words in HEADER_SYNONYMS.items():
        for priority, word in enumerate(words):
            base, _ = split_header(word)
            lookup.setdefault(base, (canonical, priority))
    return lookup


_LOOKUP = _build_lookup()


def recognise(text: object) -> tuple[str, int, str | None] | None:
    """(canonical name, priority, unit) for a header cell; lower priority is a closer match."""
    base, unit = split_header(text)
    if not base:
        return None
    if base in _LOOKUP:
        canonical, priority = _LOOKUP[base]
        return canonical, priority, unit
    stripped = _PARENTHESISED.sub("", base)
    if stripped and stripped in _LOOKUP:
        canonical, priority = _LOOKUP[stripped]
        return canonical, priority + 100, unit
    return None


def _factor(canonical: str, unit: str | None) -> Decimal:
    if canonical in m.MONEY_COLUMNS and unit in MONEY_UNITS:
        return MONEY_UNITS[unit]
    return WAN


def _match_row(texts: Sequence[object]) -> dict[str, Column]:
    best: dict[str, tuple[int, Column]] = {}
    for index, text in enumerate(texts):
        if text is None:
            continue
        found = recognise(text)
        if found is None:
            continue
        canonical, priority, unit = found
        column = Column(index, canonical, display(text), _factor(canonical, unit))
        if canonical not in best or priority < best[canonical][0]:
            best[canonical] = (priority, column)
    return {canonical: column for canonical, (_, column) in best.items()}


def _own_texts(cells: Sequence[Cell]) -> list[object]:
    return [None if cell.copy else cell.value for cell in cells]


def _with_subheaders(grid: Grid, header_index: int) -> tuple[list[object], int]:
    """Merge a second header row (group headers like "投资(万元)" over 计划投资/下达资金)."""
    combined = _own_texts(grid[header_index])
    if header_index + 1 >= len(grid):
        return combined, header_index + 1
    under_merged = under_empty = 0
    for index, cell in enumerate(grid[header_index + 1]):
        if cell.copy or cell.value is None or recognise(cell.value) is None:
            continue
        above = grid[header_index][index] if index < len(grid[header_index]) else EMPTY
        if above.value is not None and not above.merged:
            continue
        under_merged += above.merged
        under_empty += not above.merged
        parent_unit = split_header(above.value)[1]
        own_unit = split_header(cell.value)[1]
        combined.extend([None] * (index + 1 - len(combined)))
        combined[index] = (
            f"{display(cell.value)}({parent_unit})" if parent_unit and not own_unit else cell.value
        )
    if under_merged >= 1 or under_empty >= MIN_OTHER_HEADERS:
        return combined, header_index + 2
    return _own_texts(grid[header_index]), header_index + 1


def find_header(grid: Grid, scan_rows: int = HEADER_SCAN_ROWS) -> HeaderLayout | None:
    """The first row among the first ``scan_rows`` naming 项目名称 and two other known columns.

    Failing that, the first row naming three known columns (so missing ones can be reported).
    """
    fallback: HeaderLayout | None = None
    for index, cells in enumerate(grid[:scan_rows]):
        columns = _match_row(_own_texts(cells))
        others = len(set(columns) - {m.NAME})
        if m.NAME in columns and others >= MIN_OTHER_HEADERS:
            texts, data_start = _with_subheaders(grid, index)
            return HeaderLayout(index + 1, data_start, _match_row(texts))
        if fallback is None and len(columns) > MIN_OTHER_HEADERS:
            fallback = HeaderLayout(index + 1, index + 1, columns)
    return fallback
