"""Writing a checklist template as an XLSForm (survey, choices, settings), so a county can take
its forms to ODK or KoboToolbox and back: ``parse_xlsform(export_xlsform(t))`` gives ``t``'s
items again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from server.inspections.xlsform_model import (
    CHOICES,
    DATE,
    MULTIPLE_CHOICE,
    SETTINGS,
    SURVEY,
    YES_NO_CHOICES,
    YES_NO_LIST,
)
from server.spreadsheets import to_bytes, write_cell

LANGUAGE = "Chinese (zh)"
SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{LANGUAGE}",
    f"hint::{LANGUAGE}",
    "required",
    "unit",
)
CHOICE_COLUMNS = ("list_name", "name", f"label::{LANGUAGE}")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language")
SIMPLE_TYPES = {
    "number": "decimal",
    "text": "text",
    "photo": "image",
    "gps": "geopoint",
    DATE: "date",
}


class ItemLike(Protocol):
    position: int
    kind: str
    label: str
    required: bool
    options: list[str] | None
    unit: str | None
    hint: str | None


class TemplateLike(Protocol):
    category: str
    name: str
    version: int

    @property
    def items(self) -> Sequence[ItemLike]: ...


def export_xlsform(template: TemplateLike) -> bytes:
    """The template as an .xlsx XLSForm: one survey row per item (named ``item_<position>``),
    the yes/no list and each choice item's options on ``choices``, title, id (the category) and
    version on ``settings``."""
    book = Workbook()
    survey = book.active
    assert survey is not None
    survey.title = SURVEY
    choices = book.create_sheet(CHOICES)
    settings = book.create_sheet(SETTINGS)
    _write_row(survey, 1, SURVEY_COLUMNS)
    _write_row(choices, 1, CHOICE_COLUMNS)
    choice_rows: list[tuple[str, str, str]] = []
    for row, item in enumerate(template.items, start=2):
        name = f"item_{item.position}"
        if item.kind == "yes_no_na":
            if not any(list_name == YES_NO_LIST for list_name, _, _ in choice_rows):
                choice_rows += [(YES_NO_LIST, value, label) for value, label in YES_NO_CHOICES]
            kind = f"select_one {YES_NO_LIST}"
        elif item.kind in ("choice", MULTIPLE_CHOICE):
            list_name = f"{name}_options"
            choice_rows += [
                (list_name, f"option_{n}", label)
                for n, label in enumerate(item.options or [], start=1)
            ]
            select = "select_one" if item.kind == "choice" else "select_multiple"
            kind = f"{select} {list_name}"
        else:
            kind = SIMPLE_TYPES[item.kind]
        required = "yes" if item.required else "no"
        _write_row(survey, row, (kind, name, item.label, item.hint, required, item.unit))
    for row, values in enumerate(choice_rows, start=2):
        _write_row(choices, row, values)
    _write_row(settings, 1, SETTINGS_COLUMNS)
    _write_row(settings, 2, (template.name, template.category, str(template.version), LANGUAGE))
    return to_bytes(book)


def _write_row(sheet: Worksheet, row: int, values: Sequence[str | None]) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            write_cell(sheet, row, column, value)
