"""A realistic, messy county ledger parses to exact values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from server.projects.ledger import LEDGER_COLUMNS, LedgerRow, ParseResult, parse_ledger
from tests.projects.ledger.factories import workbook_bytes, xlsx_bytes

HEADERS = [
    "序号",
    "项目\n编号",
    "项目名称",
    "级别",
    "类别",
    "所属乡镇",
    "村（社区）",
    "牵头单位",
    "责任领导",
    "联系人",
    "电话",
    "计划总投资\n（万元）",
    "已下达资金(万元)",
    "累计完成投资（万元）",
    "开工日期",
    "完成时限",
    "竣工时间",
    "形象进度（％）",
    "暂缓原因",
    "存在问题",
    "经度",
    "纬度",
    "备注",
]

MESSY_ROWS = [
    ["2023年某某县民生实事项目台账"],
    ["填报单位：县委督查室", *[None] * 18, "截至2023年9月30日"],
    HEADERS,
    [
        1,
        "ＸＣ－００１",
        "城关镇长者食堂建设",
        "县级",
        "养老服务",
        "城关镇",
        "东门社区",
        "县民政局",
        "张三",
        "李四",
        13800000000.0,
        "１２０．５",
        80,
        "60万元",
        datetime(2023, 3, 1),
        "2023/7/31",
        None,
        0.85,
        None,
        None,
        119.3,
        26.07,
        "已列入省级考核",
    ],
    [
        2,
        "XC-002",
        "农村公厕改造\n(一期)",
        "乡镇级",
        "农村厕所",
        None,
        "西门村",
        "县农业农村局",
        "王五",
        "赵六",
        "0591-87654321",
        "1.2亿元",
        "3,000元",
        45.6,
        "2023年4月",
        "2023年12月底",
        45138,
        "100%",
        "/",
        "资金到位慢\n 天气影响",
        "119°17′47″E",
        "26.07",
        None,
    ],
    [
        3,
        2023003,
        "城区污水管网改造",
        "市级",
        "污水治理",
        "凤城街道",
        None,
        "市住建局",
        "钱七",
        None,
        None,
        "1,500",
        None,
        None,
        "2023.05.10",
        "2023.11",
        None,
        "６０％",
        "用地未落实",
        None,
        None,
        None,
        None,
    ],
    ["合计", None, None, None, None, None, None, None, None, None, None, 12150.5, 83.3],
    [],
    ["注：金额单位为万元，全表共 3 个项目。"],
]


@pytest.fixture(scope="module")
def messy() -> ParseResult:
    data = xlsx_bytes(
        MESSY_ROWS, merges=["A1:W1", "F4:F5", "A7:C7"], formats={"R4": "0%", "O4": "yyyy/m/d"}
    )
    return parse_ledger(data, "2023年台账.xlsx")


def test_messy_ledger_has_no_errors(messy: ParseResult) -> None:
    assert messy.errors == []


def test_header_found_below_title_rows(messy: ParseResult) -> None:
    assert messy.header_row == 3


def test_total_blank_and_note_rows_are_skipped(messy: ParseResult) -> None:
    assert [row.row for row in messy.rows] == [4, 5, 6]


def test_first_row_exact_values(messy: ParseResult) -> None:
    assert messy.rows[0] == LedgerRow(
        row=4,
        code="XC-001",
        name="城关镇长者食堂建设",
        level="county",
        series="养老服务",
        township="城关镇",
        village="东门社区",
        unit="县民政局",
        lead_official="张三",
        contact_name="李四",
        contact_phone="13800000000",
        planned_investment_yuan=1_205_000,
        allocated_investment_yuan=800_000,
        spent_investment_yuan=600_000,
        start_date=date(2023, 3, 1),
        planned_completion_date=date(2023, 7, 31),
        actual_completion_date=None,
        progress_pct=Decimal("85.0"),
        postponed_reason=None,
        lag_reason=None,
        lon=119.3,
        lat=26.07,
        present=frozenset(LEDGER_COLUMNS) - {"年度"},  # the messy file has no 年度
    )


def test_second_row_exact_values(messy: ParseResult) -> None:
    assert messy.rows[1] == LedgerRow(
        row=5,
        code="XC-002",
        name="农村公厕改造(一期)",
        level="township",
        series="农村厕所",
        township="城关镇",
        village="西门村",
        unit="县农业农村局",
        lead_official="王五",
        contact_name="赵六",
        contact_phone="0591-87654321",
        planned_investment_yuan=120_000_000,
        allocated_investment_yuan=3_000,
        spent_investment_yuan=456_000,
        start_date=date(2023, 4, 1),
        planned_completion_date=date(2023, 12, 31),
        actual_completion_date=date(2023, 7, 31),
        progress_pct=Decimal("100.0"),
        postponed_reason=None,
        lag_reason="资金到位慢\n天气影响",
        lon=119.2963889,
        lat=26.07,
        present=frozenset(LEDGER_COLUMNS) - {"年度"},  # the messy file has no 年度
    )


def test_third_row_exact_values(messy: ParseResult) -> None:
    assert messy.rows[2] == LedgerRow(
        row=6,
        code="2023003",
        name="城区污水管网改造",
        level="city",
        series="污水治理",
        township="凤城街道",
        village=None,
        unit="市住建局",
        lead_official="钱七",
        contact_name=None,
        contact_phone=None,
        planned_investment_yuan=15_000_000,
        allocated_investment_yuan=None,
        spent_investment_yuan=None,
        start_date=date(2023, 5, 10),
        planned_completion_date=date(2023, 11, 30),
        actual_completion_date=None,
        progress_pct=Decimal("60.0"),
        postponed_reason="用地未落实",
        lag_reason=None,
        lon=None,
        lat=None,
        present=frozenset(LEDGER_COLUMNS) - {"年度"},  # the messy file has no 年度
    )


def test_present_lists_only_the_files_columns() -> None:
    data = xlsx_bytes(
        [["项目编号", "项目名称", "责任单位", "备注"], ["A1", "公厕", "县住建局", "x"]]
    )
    assert parse_ledger(data, "a.xlsx").rows[0].present == {"项目编号", "项目名称", "责任单位"}


def test_group_header_over_two_rows() -> None:
    rows = [
        ["项目编号", "项目名称", "责任单位", "投资情况(万元)", None, None],
        [None, None, None, "计划投资", "下达资金", "完成投资"],
        ["A1", "公厕", "县住建局", 10, 5, 2],
    ]
    data = xlsx_bytes(rows, merges=["A1:A2", "B1:B2", "C1:C2", "D1:F1"])
    row = parse_ledger(data, "a.xlsx").rows[0]
    assert (row.row, row.planned_investment_yuan, row.spent_investment_yuan) == (3, 100_000, 20_000)


def test_header_unit_decides_plain_numbers() -> None:
    data = xlsx_bytes(
        [["项目编号", "项目名称", "层级", "计划投资(亿元)"], ["A1", "公厕", "县级", 1.2]]
    )
    assert parse_ledger(data, "a.xlsx").rows[0].planned_investment_yuan == 120_000_000


def test_cell_unit_wins_over_header_unit() -> None:
    data = xlsx_bytes(
        [["项目编号", "项目名称", "层级", "计划投资(亿元)"], ["A1", "公厕", "县级", "300元"]]
    )
    assert parse_ledger(data, "a.xlsx").rows[0].planned_investment_yuan == 300


@pytest.mark.parametrize(
    "skipped",
    [
        [None, None, "一、养老服务类", None],
        ["二", None, "农村人居环境", None],
        [None, None, "（三）教育类", None],
        ["小计", None, None, None],
        [None, None, "城关镇小计", None],
        ["总计(25项)", None, None, None],
        ["注：本表金额单位为万元", None, None, None],
        ["填表人：李四", None, None, None],
        [7, None, None, None],
        [None, "/", "—", None],
    ],
)
def test_rows_that_are_not_projects_are_skipped(skipped: list[object]) -> None:
    rows = [["序号", "项目编号", "项目名称", "层级"], skipped, [1, "A1", "食堂", "县级"]]
    result = parse_ledger(xlsx_bytes(rows), "a.xlsx")
    assert (result.errors, [row.row for row in result.rows]) == ([], [3])


def test_section_like_row_with_project_data_is_not_skipped() -> None:
    rows = [["项目编号", "项目名称", "层级"], [None, "一、养老服务类", "县级"]]
    assert [e.code for e in parse_ledger(xlsx_bytes(rows), "a.xlsx").errors] == ["required"]


def test_single_location_column_fills_lon_and_lat() -> None:
    rows = [["项目编号", "项目名称", "层级", "经纬度"], ["A1", "食堂", "县级", "26.07, 119.3"]]
    row = parse_ledger(xlsx_bytes(rows), "a.xlsx").rows[0]
    assert (row.lon, row.lat, {"经度", "纬度"} <= row.present) == (119.3, 26.07, True)


def test_later_sheet_is_used_when_the_first_has_no_header() -> None:
    data = workbook_bytes(
        [["说明: 本表由督查室汇总"]], [["项目编号", "项目名称", "层级"], ["A1", "食堂", "县级"]]
    )
    assert parse_ledger(data, "a.xlsx").rows[0].code == "A1"
