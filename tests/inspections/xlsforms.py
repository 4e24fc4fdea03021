"""Test forms written in the XLSForm layout (as ODK / KoboToolbox users write them): a builder
and three forms, a yes/no safety check, a form with select_multiple and choices, and one with
rows 现场 cannot map."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook

from server.inspections.xlsform import XlsFormResult, parse_xlsform

Sheet = Sequence[Sequence[object]]


def workbook(sheets: dict[str, Sheet]) -> bytes:
    """An .xlsx with one worksheet per entry, each a list of rows (the first is the header);
    a cell of None stays empty."""
    book = Workbook()
    assert book.active is not None
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def xlsform(survey: Sheet, choices: Sheet | None = None, settings: Sheet | None = None) -> bytes:
    """An XLSForm: ``survey``, and ``choices`` and ``settings`` when given."""
    sheets = {"survey": survey}
    if choices is not None:
        sheets["choices"] = choices
    if settings is not None:
        sheets["settings"] = settings
    return workbook(sheets)


def parse_one_row(
    row: list[object], header: list[str], choices: list[list[object]] | None = None
) -> XlsFormResult:
    """The result of a survey with one row under ``header``."""
    return parse_xlsform(xlsform([header, row], choices), "form.xlsx")


YES_NO = [
    ["list_name", "name", "label::English (en)", "label::Chinese (zh)"],
    ["yes_no", "yes", "Yes", "是"],
    ["yes_no", "no", "No", "否"],
]


# fmt: off
SAFETY_SURVEY = [
    ["type", "name", "label::English (en)", "label::Chinese (zh)", "hint::Chinese (zh)",
     "required", "constraint", "unit"],
    ["start", "start", None, None, None, None, None, None],
    ["end", "end", None, None, None, None, None, None],
    ["note", "intro", "Walk the whole site", "请绕现场一周后作答", None, None, None, None],
    ["select_one yes_no", "hazard", "Safety hazard", "存在安全隐患", "如脚手架、临边防护", "yes",
     None, None],
    ["begin_group", "fire", "Fire", "消防", None, None, None, None],
    ["select one yes_no", "extinguisher", "Extinguishers", "灭火器在有效期内", None, "TRUE", None,
     None],
    ["integer", "exits", "Exits", "安全出口数量", None, "no", ". >= 1 and . <= 20", "个"],
    ["end_group", None, None, None, None, None, None, None],
    ["image", "site_photo", "Photo", "现场照片", None, "yes", None, None],
    ["geopoint", "where", "Location", "现场定位", None, "yes", None, None],
]
FACILITIES_SURVEY = [
    ["type", "name", "label", "hint", "required", "constraint", "unit"],
    ["select_multiple facilities", "facilities", "已配备的设施", "可多选", "yes", None, None],
    ["select_one hygiene", "hygiene", "环境卫生", None, "yes", None, None],
    ["decimal", "area", "建筑面积", None, None, ". > 0", "平方米"],
    ["date", "opened", "开放日期", None, None, None, None],
    ["text", "remarks", "其他情况", None, None, None, None],
]
# fmt: on


def safety_check() -> bytes:
    """A yes/no safety check as a county would design it in Kobo: Chinese and English labels,
    Kobo's start/end metadata, a note, a plain group, a counted number with a range."""
    return xlsform(
        survey=SAFETY_SURVEY,
        choices=YES_NO,
        settings=[["form_title", "form_id", "version"], ["施工安全检查", "safety_check", "3"]],
    )


def facilities_form() -> bytes:
    """A form with select_multiple and choices, a single choice, a decimal with a unit, a date
    and free text (labels in plain ``label`` only)."""
    return xlsform(
        survey=FACILITIES_SURVEY,
        choices=[
            ["list_name", "name", "label"],
            ["facilities", "beds", "床铺"],
            ["facilities", "quilts", "棉被"],
            ["facilities", "stove", "灶具"],
            ["hygiene", "clean", "干净整洁"],
            ["hygiene", "fair", "一般"],
            ["hygiene", "poor", "较差"],
        ],
    )


def unsupported_form() -> bytes:
    """A form an ODK user might bring, with rows 现场 cannot map: rows 2, 3, 6, 7, 8, 10, 11, 12
    and 13 are refused; the items of rows 5 and 14 would map."""
    return xlsform(
        survey=[
            ["type", "name", "label", "required", "relevant", "calculation", "constraint"],
            ["begin_group", "details", "详细情况", None, "${hazard} = 'yes'", None, None],
            ["text", "what", "隐患描述", "${hazard} = 'yes'", None, None, None],
            ["end_group", None, None, None, None, None, None],
            ["select_one yes_no", "hazard", "存在安全隐患", "yes", None, None, None],
            ["integer", "beds", "床铺数量", None, "${hazard} = 'no'", None, None],
            ["calculate", "total", None, None, None, "${beds} * 2", None],
            ["begin_repeat", "rooms", "房间", None, None, None, None],
            ["end_repeat", None, None, None, None, None, None],
            ["audio", "voice", "语音说明", None, None, None, None],
            ["select_one colours", "colour", "颜色", None, None, None, None],
            ["text", "phone", "联系电话", None, None, None, "regex(., '^[0-9]{11}$')"],
            ["integer", "rooms_count", "房间数", None, None, None, ". >= 0 or . = -1"],
            ["select_one yes_no", "open", "已对外开放", "no", None, None, None],
        ],
        choices=[["list_name", "name", "label"], ["yes_no", "yes", "是"], ["yes_no", "no", "否"]],
    )
