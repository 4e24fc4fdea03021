"""Writing a checklist template as an XLSForm (survey, choices, settings), so a county can take
its forms to ODK or KoboToolbox and back: ``parse_xlsform(export_xlsform(t))`` gives ``t``'s
items again."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

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
    NumberRange,
)
from server.spreadsheets import to_bytes, write_cell

LANGUAGE = "Chinese (zh)"
SURVEY_COLUMNS = (
    "type",
    "name",
    f"label::{LANGUAGE}",
    f"hint::{LANGUAGE}",
    "required",
    "constraint",
    "unit",
    # 现场's own (server/inspections/xlsform_own.py)
    "bad_answer",
    "opens_problem",
    "min_count",
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
    bad_answer: Any
    opens_problem: bool
    minimum: float | None
    maximum: float | None
    integer: bool
    min_count: int | None


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
        bad: str | None = None
        if item.kind == "yes_no_na":
            if not any(list_name == YES_NO_LIST for list_name, _, _ in choice_rows):
                choice_rows += [(YES_NO_LIST, value, label) for value, label in YES_NO_CHOICES]
            kind = f"select_one {YES_NO_LIST}"
            bad = item.bad_answer if isinstance(item.bad_answer, str) else None
        elif item.kind in ("choice", MULTIPLE_CHOICE):
            list_name = f"{name}_options"
            names = {label: f"option_{n}" for n, label in enumerate(item.options or [], start=1)}
            choice_rows += [(list_name, option, label) for label, option in names.items()]
            select = "select_one" if item.kind == "choice" else "select_multiple"
            kind = f"{select} {list_name}"
            chosen = [names[label] for label in item.bad_answer or [] if label in names]
            bad = " ".join(chosen) or None
        elif item.kind == "number" and item.integer:
            kind = "integer"
        else:
            kind = SIMPLE_TYPES[item.kind]
        required = "yes" if item.required else "no"
        bounds = NumberRange(item.minimum, item.maximum) if item.kind == "number" else None
        constraint = bounds.constraint() if bounds else ""
        values = (kind, name, item.label, item.hint, required, constraint or None, item.unit)
        own = (bad, "yes" if item.opens_problem and bad else None, _count(item.min_count))
        _write_row(survey, row, (*values, *own))
    for row, values in enumerate(choice_rows, start=2):
        _write_row(choices, row, values)
    _write_row(settings, 1, SETTINGS_COLUMNS)
    _write_row(settings, 2, (template.name, template.category, str(template.version), LANGUAGE))
    return to_bytes(book)


def _count(count: int | None) -> str | None:
    return str(count) if count else None


def _write_row(sheet: Worksheet, row: int, values: Sequence[str | None]) -> None:
    for column, value in enumerate(values, start=1):
        if value is not None:
            write_cell(sheet, row, column, value)
