"""XLSForm import, row by row (server/inspections/xlsform_survey.py, xlsform_sheets.py): yes/no
lists, required, simple ranges, the form's own mistakes, and files that are not XLSForms, each
refused with a Chinese message that says where."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.problems import XLSFORM_PLACES, XLSFORM_ROWS, placeholders
from server.inspections.xlsform import parse_xlsform
from server.inspections.xlsform_model import NumberRange
from tests.inspections.xlsforms import YES_NO, parse_one_row, workbook, xlsform

XLSFORM_SOURCES = sorted((Path(__file__).parents[2] / "server/inspections").glob("xlsform*.py"))

# --- yes/no lists, required, constraints ---


@pytest.mark.parametrize(
    "choices",
    [
        [["yn", "yes", "Yes"], ["yn", "no", "No"]],
        [["shifou", "1", "是"], ["shifou", "0", "否"], ["shifou", "9", "不适用"]],
        [["yes_no_na", "yes", "是"], ["yes_no_na", "no", "否"], ["yes_no_na", "na", "不适用"]],
    ],
)
def test_any_yes_no_list_gives_the_yes_no_kind(choices: list[list[object]]) -> None:
    list_name = choices[0][0]
    result = parse_one_row(
        [f"select_one {list_name}", "q", "已开工"],
        ["type", "name", "label"],
        [["list_name", "name", "label"], *choices],
    )
    assert (result.items[0].kind, result.items[0].options) == ("yes_no_na", None)


def test_a_list_with_yes_no_and_more_is_a_choice() -> None:
    choices = [
        ["list_name", "name", "label"],
        ["l", "yes", "是"],
        ["l", "no", "否"],
        ["l", "x", "待定"],
    ]
    result = parse_one_row(["select_one l", "q", "已开工"], ["type", "name", "label"], choices)
    assert (result.items[0].kind, result.items[0].options) == ("choice", ["是", "否", "待定"])


@pytest.mark.parametrize(
    ("cell", "required"),
    [
        ("yes", True),
        ("TRUE", True),
        ("true()", True),
        (True, True),
        ("是", True),
        ("no", False),
        (None, False),
        ("false()", False),
        (False, False),
    ],
)
def test_required_is_read_as_excel_and_odk_write_it(cell: object, required: bool) -> None:
    result = parse_one_row(["text", "q", "意见", cell], ["type", "name", "label", "required"])
    assert result.items[0].required is required


@pytest.mark.parametrize(
    ("constraint", "bounds"),
    [
        (". >= 0 and . <= 100", NumberRange(0, 100)),
        (".>=0 and .<=100", NumberRange(0, 100)),
        ("(. >= 0) AND (. <= 100)", NumberRange(0, 100)),
        (". > 0", NumberRange(minimum=0, minimum_exclusive=True)),
        (". < 1.5", NumberRange(maximum=1.5, maximum_exclusive=True)),
        ("0 <= .", NumberRange(minimum=0)),
        (". >= -10", NumberRange(minimum=-10)),
    ],
)
def test_a_simple_range_gives_min_and_max(constraint: str, bounds: NumberRange) -> None:
    result = parse_one_row(
        ["decimal", "q", "进度", constraint], ["type", "name", "label", "constraint"]
    )
    assert result.ok and result.items[0].number_range == bounds


@pytest.mark.parametrize(
    "constraint",
    [". >= 0 or . <= 100", ". != 3", ". >= ${min}", ". >= 0 and . >= 1", "string-length(.) < 5"],
)
def test_any_other_constraint_is_refused(constraint: str) -> None:
    result = parse_one_row(
        ["integer", "q", "数量", constraint], ["type", "name", "label", "constraint"]
    )
    assert [(p.row, p.column, p.code) for p in result.refused] == [(2, "constraint", "constraint")]


def test_a_range_upside_down_is_an_error() -> None:
    result = parse_one_row(
        ["integer", "q", "数量", ". >= 10 and . <= 1"], ["type", "name", "label", "constraint"]
    )
    assert [p.message for p in result.errors] == [
        "『survey』工作表第 2 行『constraint』：数值范围的下限 10 大于上限 1"
    ]


def test_a_constraint_round_trips_through_its_range() -> None:
    bounds = NumberRange(minimum=0, maximum=100, maximum_exclusive=True)
    result = parse_one_row(
        ["decimal", "q", "进度", bounds.constraint()], ["type", "name", "label", "constraint"]
    )
    assert result.items[0].number_range == bounds


# --- wrong forms ---


def survey_errors(*rows: list[object], choices: list[list[object]] | None = None) -> list[str]:
    """The refusals' messages of a survey with header type, name, label and ``rows``."""
    result = parse_xlsform(xlsform([["type", "name", "label"], *rows], choices), "f.xlsx")
    assert not result.ok
    return [p.message for p in result.refused]


def test_a_repeated_name_is_an_error() -> None:
    assert survey_errors(["text", "q", "甲"], ["text", "q", "乙"]) == [
        "『survey』工作表第 3 行『name』：字段名「q」与第 2 行重复"
    ]


def test_a_missing_name_label_or_type_is_an_error() -> None:
    assert survey_errors(["text", None, "甲"], ["text", "b", None], [None, "c", "丙"]) == [
        "『survey』工作表第 2 行『name』：缺少字段名（name）",
        "『survey』工作表第 3 行『label』：缺少题目文字（label）",
        "『survey』工作表第 4 行『type』：缺少题型（type）",
    ]


def test_a_label_longer_than_the_column_is_an_error() -> None:
    assert survey_errors(["text", "q", "字" * 256]) == [
        "『survey』工作表第 2 行『label』：超过 255 个字"
    ]


def test_a_select_without_a_list_name_is_an_error() -> None:
    assert survey_errors(["select_one", "q", "甲"]) == [
        "『survey』工作表第 2 行『type』：select_one 后缺少选项列表名"
    ]


def test_or_other_is_refused() -> None:
    choices = [["list_name", "name", "label"], ["l", "a", "甲"], ["l", "b", "乙"]]
    assert survey_errors(["select_one l or_other", "q", "甲"], choices=choices) == [
        "『survey』工作表第 2 行『type』：「其他，请注明」（or_other）不支持"
    ]


def test_a_repeated_choice_is_an_error() -> None:
    choices = [["list_name", "name", "label"], ["l", "a", "甲"], ["l", "a", "乙"]]
    assert survey_errors(["select_one l", "q", "问"], choices=choices) == [
        "『choices』工作表第 3 行『name』：选项列表「l」中的选项「a」与第 2 行重复"
    ]


def test_two_options_reading_the_same_are_an_error() -> None:
    choices = [["list_name", "name", "label"], ["l", "a", "一般"], ["l", "b", "一般"]]
    assert survey_errors(["select_one l", "q", "卫生"], choices=choices) == [
        "『survey』工作表第 2 行『type』：选项列表「l」中有两个选项的文字都是「一般」，请改成不同的文字"
    ]


def test_groups_must_close_and_open() -> None:
    assert survey_errors(
        ["begin_group", "g", "组"], ["text", "q", "问"], ["end_group"], ["end group"]
    ) == ["『survey』工作表第 5 行『type』：end group 没有对应的开始行"]
    assert survey_errors(["begin group", "g", "组"], ["text", "q", "问"]) == [
        "『survey』工作表第 2 行：题组没有结束行（end_group）"
    ]


def test_a_plain_group_is_flattened() -> None:
    rows = [
        ["type", "name", "label"],
        ["begin_group", "g", "组"],
        ["text", "q", "问"],
        ["end_group"],
    ]
    result = parse_xlsform(xlsform(rows), "f.xlsx")
    assert result.ok and [(i.row, i.label) for i in result.items] == [(3, "问")]


# --- files that are not XLSForms ---


def test_a_file_that_is_not_a_workbook_is_refused() -> None:
    result = parse_xlsform(b"type,name,label\n", "form.xlsx")
    assert [p.message for p in result.errors] == [
        "无法读取文件『form.xlsx』：不是 Excel（.xlsx）文件或文件已损坏"
    ]
    assert not result.ok and result.items == []


def test_an_old_xls_is_refused_with_the_way_out() -> None:
    result = parse_xlsform(b"\xd0\xcf\x11\xe0", "form.xls")
    assert [p.message for p in result.errors] == [
        "无法读取文件『form.xls』：不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 后再导入"
    ]


def test_a_workbook_without_a_survey_sheet_is_refused() -> None:
    result = parse_xlsform(
        workbook({"项目台账": [["项目编号", "项目名称"]], "choices": YES_NO}), "a.xlsx"
    )
    assert [p.message for p in result.errors] == [
        "文件中没有『survey』工作表（XLSForm 的题目表），请确认这是 XLSForm 格式的表单"
    ]


@pytest.mark.parametrize(
    ("header", "missing"),
    [(["name", "label"], ["type"]), (["type", "label"], ["name"]), (["label"], ["type", "name"])],
)
def test_a_survey_without_type_or_name_columns_is_refused(
    header: list[str], missing: list[str]
) -> None:
    result = parse_xlsform(xlsform([header, ["text"] * len(header)]), "a.xlsx")
    assert [p.message for p in result.errors] == [
        f"『survey』工作表缺少必需的列『{column}』" for column in missing
    ]


def test_a_choices_sheet_without_list_name_is_refused() -> None:
    result = parse_one_row(
        ["text", "q", "问"], ["type", "name", "label"], [["name", "label"], ["a", "甲"]]
    )
    assert [p.message for p in result.errors] == ["『choices』工作表缺少必需的列『list_name』"]


def test_a_survey_without_questions_is_refused() -> None:
    result = parse_xlsform(xlsform([["type", "name", "label"], ["start", "start"]]), "a.xlsx")
    assert [p.message for p in result.errors] == ["『survey』工作表中没有可导入的题目"]


def test_a_survey_sheet_title_in_capitals_is_found() -> None:
    result = parse_xlsform(
        workbook({"Survey": [["type", "name", "label"], ["text", "q", "问"]]}), "a.xlsx"
    )
    assert result.ok and result.items[0].label == "问"


# --- the catalogue ---


def test_every_xlsform_message_is_said_by_the_parser() -> None:
    sources = "".join(path.read_text("utf-8") for path in XLSFORM_SOURCES)
    unsaid = [key for key in XLSFORM_ROWS if f'"{key}"' not in sources]
    assert unsaid == []


@pytest.mark.parametrize("key", sorted(XLSFORM_ROWS) + [f"place.{k}" for k in XLSFORM_PLACES])
def test_every_xlsform_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    text = XLSFORM_PLACES[key[6:]] if key.startswith("place.") else XLSFORM_ROWS[key]
    assert text.zh and text.en and placeholders(text.zh) == placeholders(text.en)


def test_a_kobotoolbox_download_with_its_bookkeeping_columns_is_read() -> None:
    survey = [
        ["type", "$kuid", "label::English (en)", "label::中文 (zh)", "required", "$autoname",
         "name", "calculation", "appearance"],
        ["start", "k1", None, None, None, "start", "start", None, None],
        ["select_one ab12", "k2", "Opened", "已对外开放", "true", "opened", "opened", None,
         "horizontal"],
        ["decimal", "k3", "Length", "硬化长度", "false", "length", "length", None, None],
    ]  # fmt: skip
    choices = [
        ["list_name", "$kuid", "label::English (en)", "label::中文 (zh)", "name", "$autovalue"],
        ["ab12", "c1", "Yes", "是", "yes", "yes"],
        ["ab12", "c2", "No", "否", "no", "no"],
    ]
    result = parse_xlsform(xlsform(survey, choices), "kobo.xlsx")
    assert result.storable
    assert [(i.kind, i.name, i.label, i.required) for i in result.items] == [
        ("yes_no_na", "opened", "已对外开放", True),
        ("number", "length", "硬化长度", False),
    ]
