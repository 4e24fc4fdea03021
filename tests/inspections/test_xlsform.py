"""XLSForm import and export (server/inspections/xlsform*.py): three forms in the XLSForm layout
mapped item by item, the refusal list row by row, export → import round trips, label languages,
and files that are not XLSForms refused in Chinese."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from server.inspections.models import ChecklistItem, ChecklistTemplate
from server.inspections.templates import DEFAULT_TEMPLATES
from server.inspections.xlsform import export_xlsform, parse_xlsform
from server.inspections.xlsform_model import NumberRange
from tests.inspections.xlsforms import (
    facilities_form,
    parse_one_row,
    safety_check,
    unsupported_form,
    xlsform,
)


def fields(item: object) -> tuple[object, ...]:
    """What a ChecklistItem keeps of an item: kind, label, required, options, unit, hint."""
    names = ("kind", "label", "required", "options", "unit", "hint")
    return tuple(getattr(item, name) for name in names)


def template(name: str, category: str, items: list[tuple], version: int = 1) -> ChecklistTemplate:
    """An unsaved template with ``items`` as (kind, label, required, options, unit, hint)."""
    made = ChecklistTemplate(id="t", category=category, name=name, version=version)
    for position, (kind, label, required, options, unit, hint) in enumerate(items, start=1):
        made.items.append(
            ChecklistItem(
                id=f"i{position}",
                position=position,
                kind=kind,
                label=label,
                required=required,
                options=options,
                unit=unit,
                hint=hint,
            )
        )
    return made


# --- the yes/no safety check ---


def test_the_safety_check_maps_item_by_item() -> None:
    result = parse_xlsform(safety_check(), "安全检查.xlsx")
    assert [fields(item) for item in result.items] == [
        ("yes_no_na", "存在安全隐患", True, None, None, "请绕现场一周后作答\n如脚手架、临边防护"),
        ("yes_no_na", "灭火器在有效期内", True, None, None, None),
        ("number", "安全出口数量", False, None, "个", None),
        ("photo", "现场照片", True, None, None, None),
        ("gps", "现场定位", True, None, None, None),
    ]


def test_the_safety_check_is_accepted_with_its_metadata_listed_as_left_out() -> None:
    result = parse_xlsform(safety_check(), "安全检查.xlsx")
    assert result.ok and result.refused == [] and result.needing_support == []
    assert [p.message for p in result.ignored] == [
        "『survey』工作表第 2 行『type』：系统自动记录的字段（start），已忽略",
        "『survey』工作表第 3 行『type』：系统自动记录的字段（end），已忽略",
    ]


def test_the_safety_check_keeps_what_the_model_has_no_column_for() -> None:
    exits = parse_xlsform(safety_check(), "安全检查.xlsx").items[2]
    assert (exits.name, exits.integer, exits.number_range) == ("exits", True, NumberRange(1, 20))


def test_the_settings_sheet_gives_title_id_and_version() -> None:
    result = parse_xlsform(safety_check(), "安全检查.xlsx")
    assert (result.title, result.form_id, result.version) == ("施工安全检查", "safety_check", "3")


def test_a_note_becomes_the_help_text_of_the_item_after_it() -> None:
    result = parse_xlsform(safety_check(), "安全检查.xlsx")
    assert [(n.row, n.text) for n in result.notes] == [(4, "请绕现场一周后作答")]
    hazard = result.items[0]
    assert hazard.hint is not None and hazard.hint.startswith("请绕现场一周后作答\n")


def test_a_note_at_the_end_goes_to_the_last_item() -> None:
    header = ["type", "name", "label"]
    rows = [header, ["text", "a", "问题"], ["note", "bye", "谢谢"]]
    assert parse_xlsform(xlsform(rows), "f.xlsx").items[0].hint == "谢谢"


# --- select_multiple and choices ---


def test_the_facilities_form_maps_item_by_item() -> None:
    result = parse_xlsform(facilities_form(), "设施.xlsx")
    assert [fields(item) for item in result.items] == [
        ("multiple_choice", "已配备的设施", True, ["床铺", "棉被", "灶具"], None, "可多选"),
        ("choice", "环境卫生", True, ["干净整洁", "一般", "较差"], None, None),
        ("number", "建筑面积", False, None, "平方米", None),
        ("date", "开放日期", False, None, None, None),
        ("text", "其他情况", False, None, None, None),
    ]


def test_choices_keep_their_names_and_list() -> None:
    facilities = parse_xlsform(facilities_form(), "设施.xlsx").items[0]
    assert (facilities.list_name, facilities.choice_names) == (
        "facilities",
        ["beds", "quilts", "stove"],
    )


def test_multiple_choice_and_date_are_kinds_the_model_holds() -> None:
    result = parse_xlsform(facilities_form(), "设施.xlsx")
    assert result.ok and result.needing_support == []
    assert [(i.row, i.kind) for i in result.items if i.kind in ("multiple_choice", "date")] == [
        (2, "multiple_choice"),
        (5, "date"),
    ]


def test_both_test_forms_are_storable() -> None:
    assert parse_xlsform(facilities_form(), "设施.xlsx").storable
    assert parse_xlsform(safety_check(), "安全检查.xlsx").storable


def test_a_strict_lower_bound_is_kept_as_exclusive() -> None:
    area = parse_xlsform(facilities_form(), "设施.xlsx").items[2]
    assert area.number_range == NumberRange(minimum=0, minimum_exclusive=True)


# --- rows 现场 cannot map ---


def test_the_unsupported_form_is_refused_row_by_row() -> None:
    result = parse_xlsform(unsupported_form(), "odk.xlsx")
    assert not result.ok
    assert [(p.sheet, p.row, p.column, p.code) for p in result.refused] == [
        ("survey", 2, "relevant", "group_relevant"),
        ("survey", 3, "required", "required_expression"),
        ("survey", 6, "relevant", "relevant"),
        ("survey", 7, "type", "calculate"),
        ("survey", 8, "type", "repeat"),
        ("survey", 10, "type", "unknown_type"),
        ("survey", 11, "type", "no_list"),
        ("survey", 12, "constraint", "constraint_kind"),
        ("survey", 13, "constraint", "constraint"),
    ]


def test_a_refusal_says_where_and_why_in_chinese() -> None:
    refused = parse_xlsform(unsupported_form(), "odk.xlsx").refused
    messages = {p.row: p.message for p in refused}
    assert (
        messages[6]
        == "『survey』工作表第 6 行『relevant』：设置了显示条件（relevant）：检查表的题目不能按条件显示"
    )
    assert messages[10].startswith("『survey』工作表第 10 行『type』：题型「audio」不支持")
    assert (
        messages[11]
        == "『survey』工作表第 11 行『type』：选项列表「colours」在『choices』工作表中不存在"
    )
    assert messages[13].endswith(
        "约束条件「. >= 0 or . = -1」不支持，只支持数值范围（如 . >= 0 and . <= 100）"
    )


def test_a_refusal_speaks_english_too() -> None:
    refused = parse_xlsform(unsupported_form(), "odk.xlsx").refused
    assert (
        refused[3].message_en == "Sheet survey, row 7, column type: calculations are not supported"
    )


def test_the_rows_that_do_map_are_still_shown() -> None:
    result = parse_xlsform(unsupported_form(), "odk.xlsx")
    assert [(item.row, item.name) for item in result.items] == [(5, "hazard"), (14, "open")]


# --- export → import ---


@pytest.mark.parametrize("category", sorted(DEFAULT_TEMPLATES))
def test_every_default_checklist_round_trips(category: str) -> None:
    name, rows = DEFAULT_TEMPLATES[category]
    items = [
        (
            kind,
            label,
            required,
            extra if isinstance(extra, list) else None,
            extra if isinstance(extra, str) else None,
            None,
        )
        for kind, label, required, extra in rows
    ]
    original = template(name, category, items)
    result = parse_xlsform(export_xlsform(original), f"{category}.xlsx")
    assert result.ok
    assert [fields(item) for item in result.items] == [fields(i) for i in original.items]


def test_hints_units_and_formula_like_text_round_trip() -> None:
    items = [
        ("number", "=SUM(A1:A9) 床位", True, None, "张", "+ 数清楚再填"),
        ("choice", "水压", False, ["-正常", "偏低", "@无水"], None, "打开龙头看"),
        ("text", "群众意见", False, None, None, "多行\n说明"),
    ]
    original = template("自定义", "custom", items, version=4)
    result = parse_xlsform(export_xlsform(original), "custom.xlsx")
    assert [fields(item) for item in result.items] == items
    assert (result.title, result.form_id, result.version) == ("自定义", "custom", "4")


def test_the_export_is_an_xlsform_with_three_sheets() -> None:
    original = template("通用", "general", [("yes_no_na", "存在安全隐患", True, None, None, None)])
    book = load_workbook(BytesIO(export_xlsform(original)))
    assert book.sheetnames == ["survey", "choices", "settings"]
    assert [c.value for c in book["survey"][2]][:5] == [
        "select_one yes_no_na",
        "item_1",
        "存在安全隐患",
        None,
        "yes",
    ]
    assert [[c.value for c in row] for row in book["choices"].iter_rows(min_row=2)] == [
        ["yes_no_na", "yes", "是"],
        ["yes_no_na", "no", "否"],
        ["yes_no_na", "na", "不适用"],
    ]


# --- labels in several languages ---


@pytest.mark.parametrize(
    "chinese_column", ["label::Chinese (zh)", "label::中文", "label::zh", "label::Chinese", "label"]
)
def test_the_chinese_label_is_preferred_to_english(chinese_column: str) -> None:
    header = ["type", "name", "label::English (en)", chinese_column]
    result = parse_one_row(["text", "q", "Remarks", "群众意见"], header)
    assert result.items[0].label == "群众意见"


def test_a_translated_chinese_label_is_preferred_to_the_plain_one() -> None:
    header = ["type", "name", "label", "label::Chinese (zh)"]
    assert parse_one_row(["text", "q", "Remarks", "群众意见"], header).items[0].label == "群众意见"


def test_an_english_only_form_keeps_its_english_labels() -> None:
    result = parse_one_row(["text", "q", "Remarks"], ["type", "name", "label::English (en)"])
    assert result.ok and result.items[0].label == "Remarks"


def test_an_empty_chinese_cell_falls_back_to_the_other_language() -> None:
    header = ["type", "name", "label::Chinese (zh)", "label::English (en)"]
    assert parse_one_row(["text", "q", None, "Remarks"], header).items[0].label == "Remarks"


def test_hints_and_choices_take_the_chinese_column_too() -> None:
    header = ["type", "name", "label::Chinese (zh)", "hint::English (en)", "hint::中文"]
    choices = [
        ["list_name", "name", "label::English (en)", "label::中文"],
        ["water", "ok", "Normal", "正常"],
        ["water", "low", "Low", "偏低"],
    ]
    item = parse_one_row(
        ["select_one water", "p", "水压", "Open a tap", "打开龙头"], header, choices
    )
    assert (item.items[0].hint, item.items[0].options) == ("打开龙头", ["正常", "偏低"])
