"""Every problem becomes a RowError with a code and a message a clerk understands."""

from __future__ import annotations

import os

from server.projects.ledger import RowError, parse_ledger
from tests.projects.ledger.factories import ledger_xlsx, xlsx_bytes


def only_error(*records: dict[str, object]) -> RowError:
    result = parse_ledger(ledger_xlsx(*records), "台账.xlsx")
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_invalid_date_message_in_chinese() -> None:
    records = [{"项目编号": f"A{n}", "计划完成时间": "2023-12-31"} for n in range(3)]
    data = ledger_xlsx(*records, {"项目编号": "A9", "计划完成时间": "2023/13/01"})
    error = parse_ledger(data, "台账.xlsx").errors[0]
    assert error == RowError(
        row=5,
        column="计划完成时间",
        code="invalid_date",
        message="第 5 行『计划完成时间』无法识别：2023/13/01",
        message_en="Row 5, column 计划完成时间: cannot read the date 2023/13/01",
    )


def test_month_without_year_is_an_error() -> None:
    error = only_error({"计划完成时间": "7月底"})
    assert (error.code, error.message) == ("invalid_date", "第 2 行『计划完成时间』缺少年份：7月底")


def test_year_outside_range_is_an_error() -> None:
    error = only_error({"开工时间": "2203-07-01"})
    assert (error.code, error.message) == (
        "out_of_range",
        "第 2 行『开工时间』年份超出范围（2000–2099）：2203-07-01",
    )


def test_invalid_money() -> None:
    error = only_error({"计划投资(万元)": "约一百万"})
    assert (error.code, error.message) == (
        "invalid_number",
        "第 2 行『计划投资(万元)』无法识别为金额：约一百万",
    )


def test_negative_money() -> None:
    error = only_error({"完成投资(万元)": -5})
    assert (error.code, error.message) == (
        "out_of_range",
        "第 2 行『完成投资(万元)』不能为负数：-5",
    )


def test_invalid_progress() -> None:
    error = only_error({"形象进度(%)": "过半"})
    assert (error.code, error.message) == (
        "invalid_number",
        "第 2 行『形象进度(%)』无法识别为百分比：过半",
    )


def test_progress_over_100() -> None:
    error = only_error({"形象进度(%)": 120})
    assert (error.code, error.message) == (
        "out_of_range",
        "第 2 行『形象进度(%)』超出范围（0–100）：120",
    )


def test_missing_code_is_required() -> None:
    error = only_error({"项目编号": None})
    assert (error.column, error.code, error.message) == (
        "项目编号",
        "required",
        "第 2 行『项目编号』不能为空",
    )


def test_placeholder_name_is_required() -> None:
    error = only_error({"项目名称": "/"})
    assert (error.code, error.message_en) == (
        "required",
        "Row 2, column 项目名称: must not be empty",
    )


def test_unknown_level_lists_accepted_values() -> None:
    error = only_error({"层级": "国家级"})
    assert (error.code, error.message) == (
        "unknown_level",
        "第 2 行『层级』无法识别（可填：省级、市级、县(区)级、乡镇级）：国家级",
    )


def test_duplicate_code_names_the_first_row() -> None:
    error = only_error({"项目编号": "A001"}, {"项目编号": "Ａ００１", "项目名称": "公厕"})
    assert (error.row, error.code, error.message) == (
        3,
        "duplicate_code",
        "第 3 行『项目编号』与第 2 行的项目编号重复：A001",
    )


def test_completion_before_start() -> None:
    error = only_error({"开工时间": "2023-08-01", "计划完成时间": "2023-07-31"})
    assert (error.code, error.message) == (
        "date_order",
        "第 2 行『计划完成时间』早于开工时间（2023-08-01）：2023-07-31",
    )


def test_longitude_outside_china() -> None:
    error = only_error({"经度": 200, "纬度": 26.1})
    assert (error.code, error.message) == ("out_of_range", "第 2 行『经度』超出范围（73–136）：200")


def test_latitude_without_longitude() -> None:
    error = only_error({"经度": None, "纬度": 26.1})
    assert (error.column, error.code, error.message) == (
        "经度",
        "required",
        "第 2 行『经度』填写了纬度时不能为空",
    )


def test_all_errors_are_collected() -> None:
    data = ledger_xlsx(
        {"项目名称": None, "层级": "国家级", "开工时间": "2023/13/01"},
        {"项目编号": "A002", "形象进度(%)": "150%"},
    )
    result = parse_ledger(data, "台账.xlsx")
    assert [(e.row, e.column, e.code) for e in result.errors] == [
        (2, "项目名称", "required"),
        (2, "层级", "unknown_level"),
        (2, "开工时间", "invalid_date"),
        (3, "形象进度(%)", "out_of_range"),
    ]


def test_rows_with_errors_are_left_out() -> None:
    data = ledger_xlsx({"层级": "国家级"}, {"项目编号": "A002"})
    assert [row.code for row in parse_ledger(data, "台账.xlsx").rows] == ["A002"]


def test_missing_code_column_is_a_file_error() -> None:
    data = xlsx_bytes([["项目名称", "层级", "责任单位"], ["食堂", "县级", "民政局"]])
    assert parse_ledger(data, "台账.xlsx").errors == [
        RowError(
            row=0,
            column="项目编号",
            code="missing_column",
            message="表头（第 1 行）缺少必需的列『项目编号』（也可写作：编号、项目代码、项目编码）",
            message_en="The header (row 1) lacks the required column 项目编号",
        )
    ]


def test_no_header_is_a_file_error() -> None:
    data = xlsx_bytes([["甲", "乙"], [1, 2]])
    error = parse_ledger(data, "台账.xlsx").errors[0]
    assert (error.row, error.code) == (0, "missing_column")


def test_corrupt_xlsx_is_unreadable() -> None:
    result = parse_ledger(os.urandom(2048), "台账.xlsx")
    assert [(e.row, e.code) for e in result.errors] == [(0, "unreadable_file")]


def test_truncated_xlsx_is_unreadable() -> None:
    data = ledger_xlsx({})
    assert parse_ledger(data[: len(data) // 2], "台账.xlsx").errors[0].code == "unreadable_file"


def test_other_file_types_are_unreadable() -> None:
    error = parse_ledger(b"%PDF-1.7", "台账.pdf").errors[0]
    assert (error.code, error.message) == (
        "unreadable_file",
        "无法读取文件『台账.pdf』：只支持 .xlsx 或 .csv 文件",
    )


def test_old_xls_is_unreadable_with_a_hint() -> None:
    error = parse_ledger(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "台账.xls").errors[0]
    assert (error.code, "另存为 .xlsx" in error.message) == ("unreadable_file", True)


def test_zero_bytes_is_an_empty_file() -> None:
    assert [e.code for e in parse_ledger(b"", "台账.xlsx").errors] == ["empty_file"]


def test_header_without_rows_is_an_empty_file() -> None:
    data = xlsx_bytes([["项目编号", "项目名称", "层级"], [], ["合计"]])
    result = parse_ledger(data, "台账.xlsx")
    assert ([e.code for e in result.errors], result.header_row) == (["empty_file"], 1)
