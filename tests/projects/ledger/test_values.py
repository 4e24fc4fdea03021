"""Cell readers: dates, money, percentages, levels, coordinates and header names."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from server.projects.ledger.dates import parse_date
from server.projects.ledger.headers import recognise, split_header
from server.projects.ledger.model import CellProblem
from server.projects.ledger.values import (
    WAN,
    parse_code,
    parse_coordinate,
    parse_level,
    parse_money,
    parse_percent,
    parse_phone,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (datetime(2023, 7, 31, 0, 0), date(2023, 7, 31)),
        (date(2023, 7, 31), date(2023, 7, 31)),
        (45138, date(2023, 7, 31)),
        ("45138", date(2023, 7, 31)),
        (20230731, date(2023, 7, 31)),
        ("2023-07-31", date(2023, 7, 31)),
        ("2023/7/31", date(2023, 7, 31)),
        ("2023.07.31", date(2023, 7, 31)),
        ("2023年7月31日", date(2023, 7, 31)),
        ("２０２３年７月３１日", date(2023, 7, 31)),
        ("2023-07-31 00:00:00", date(2023, 7, 31)),
        ("20230731", date(2023, 7, 31)),
        ("2023.7", date(2023, 7, 31)),
        ("2023年7月", date(2023, 7, 31)),
        ("2023年7月底", date(2023, 7, 31)),
        ("2023年2月底", date(2023, 2, 28)),
        ("2023年7月上旬", date(2023, 7, 10)),
        ("2023年第三季度", date(2023, 9, 30)),
        ("2023Q4", date(2023, 12, 31)),
        ("2023年上半年", date(2023, 6, 30)),
        ("2023年底", date(2023, 12, 31)),
        ("2023年", date(2023, 12, 31)),
        (2023.1, date(2023, 1, 31)),
    ],
)
def test_completion_dates(cell: object, expected: date) -> None:
    assert parse_date(cell, "last") == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2023年7月", date(2023, 7, 1)),
        ("2023.7", date(2023, 7, 1)),
        ("2023年7月底", date(2023, 7, 31)),
        ("2023年7月中旬", date(2023, 7, 11)),
        ("2023年第三季度", date(2023, 7, 1)),
        ("2023年下半年", date(2023, 7, 1)),
        ("2023年", date(2023, 1, 1)),
    ],
)
def test_vague_start_dates_take_the_first_day(cell: object, expected: date) -> None:
    assert parse_date(cell, "first") == expected


@pytest.mark.parametrize("cell", ["2023/13/01", "2023-02-30", "明年", "7月底", "7/31", 12.5, True])
def test_unreadable_dates(cell: object) -> None:
    with pytest.raises(CellProblem) as raised:
        parse_date(cell, "last")
    assert raised.value.code == "invalid_date"


@pytest.mark.parametrize("cell", [None, "", "  ", "/", "—", "无"])
def test_blank_dates_are_none(cell: object) -> None:
    assert parse_date(cell, "last") is None


@pytest.mark.parametrize(
    ("cell", "factor", "yuan"),
    [
        (120, WAN, 1_200_000),
        (120.5, WAN, 1_205_000),
        (0.00005, WAN, 1),
        (0.00004, WAN, 0),
        (Decimal("123.4567"), WAN, 1_234_567),
        ("１２０．５", WAN, 1_205_000),
        ("1,234.5", WAN, 12_345_000),
        ("120万元", WAN, 1_200_000),
        ("120万", WAN, 1_200_000),
        ("1.2亿元", WAN, 120_000_000),
        ("1.2亿", WAN, 120_000_000),
        ("300元", WAN, 300),
        ("￥3,000 元", WAN, 3_000),
        (1.2, Decimal(100_000_000), 120_000_000),
        (300, Decimal(1), 300),
        ("5千元", WAN, 5_000),
    ],
)
def test_money_in_whole_yuan(cell: object, factor: Decimal, yuan: int) -> None:
    assert parse_money(cell, factor) == yuan


@pytest.mark.parametrize(
    ("cell", "number_format", "expected"),
    [
        (85, "General", Decimal("85.0")),
        (0.85, "0%", Decimal("85.0")),
        (0.855, "0.00%", Decimal("85.5")),
        (85.55, "General", Decimal("85.6")),
        ("85%", "General", Decimal("85.0")),
        ("８５％", "General", Decimal("85.0")),
        ("85", "General", Decimal("85.0")),
        ("已完工", "General", Decimal("100")),
        ("未开工", "General", Decimal("0")),
        ("主体完工，完成80%", "General", Decimal("80.0")),
    ],
)
def test_progress_percent(cell: object, number_format: str, expected: Decimal) -> None:
    assert parse_percent(cell, number_format) == expected


@pytest.mark.parametrize(
    ("cell", "level"),
    [
        ("省级", "province"),
        ("省", "province"),
        ("省级民生实事", "province"),
        ("市级", "city"),
        ("市", "city"),
        ("县级", "county"),
        ("县(区)级", "county"),
        ("县（区）级", "county"),
        ("区级", "county"),
        ("县区级", "county"),
        ("县", "county"),
        ("乡镇级", "township"),
        ("乡镇", "township"),
        ("街道级", "township"),
        ("镇级", "township"),
        ("county", "county"),
    ],
)
def test_levels(cell: str, level: str) -> None:
    assert parse_level(cell) == level


@pytest.mark.parametrize(
    ("cell", "degrees"),
    [
        (118.6, 118.6),
        ("118.6", 118.6),
        ("118.6°E", 118.6),
        ("东经118.6", 118.6),
        ("118°36′E", 118.6),
        ("118°36'00\"", 118.6),
    ],
)
def test_longitudes(cell: object, degrees: float) -> None:
    assert parse_coordinate(cell, "经度") == degrees


def test_latitude_outside_china() -> None:
    with pytest.raises(CellProblem) as raised:
        parse_coordinate(60, "纬度")
    assert (raised.value.code, raised.value.zh) == ("out_of_range", "超出范围（3–54）")


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (13800000000.0, "13800000000"),
        (13800000000, "13800000000"),
        ("０５９１-1234567", "0591-1234567"),
    ],
)
def test_phone_kept_as_text(cell: object, text: str) -> None:
    assert parse_phone(cell) == text


def test_code_is_half_width_and_stripped() -> None:
    assert parse_code("  ＸＣ－００１\u3000") == "XC-001"


@pytest.mark.parametrize(
    ("header", "canonical", "unit"),
    [
        ("项目编号", "项目编号", None),
        ("编号", "项目编号", None),
        ("项目代码", "项目编号", None),
        ("实事项目名称", "项目名称", None),
        ("项目", "项目名称", None),
        ("项目层级", "层级", None),
        ("所属系列", "系列", None),
        ("乡镇（街道）", "乡镇(街道)", None),
        ("街道", "乡镇(街道)", None),
        ("村居", "村(社区)", None),
        ("承办单位", "责任单位", None),
        ("县领导", "分管领导", None),
        ("手机", "联系电话", None),
        ("计划投资\n（万元）", "计划投资(万元)", "万元"),
        ("计划总投资（万元）", "计划投资(万元)", "万元"),
        ("计划投资(亿元)", "计划投资(万元)", "亿元"),
        ("总投资", "计划投资(万元)", None),
        ("到位资金(元)", "下达资金(万元)", "元"),
        ("累计完成投资", "完成投资(万元)", None),
        ("计划开工时间", "开工时间", None),
        ("完成时限", "计划完成时间", None),
        ("竣工时间", "实际完成时间", None),
        ("进度(%)", "形象进度(%)", "%"),
        ("完成进度", "形象进度(%)", None),
        ("进度滞后原因", "滞后原因", None),
        ("存在问题", "滞后原因", None),
        ("LNG", "经度", None),
        ("lat", "纬度", None),
        ("*项目名称", "项目名称", None),
        ("项目名称(全称)", "项目名称", None),
    ],
)
def test_header_synonyms(header: str, canonical: str, unit: str | None) -> None:
    found = recognise(header)
    assert found is not None and (found[0], found[2]) == (canonical, unit)


@pytest.mark.parametrize("header", ["序号", "备注", "序时进度", "建设内容", ""])
def test_unknown_headers(header: str) -> None:
    assert recognise(header) is None


def test_split_header_removes_spaces_and_units() -> None:
    assert split_header(" 形象进度\n（ ％ ）") == ("形象进度", "%")
