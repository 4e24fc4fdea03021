"""What an XLSForm (ODK / KoboToolbox) becomes: its items, and every row refused or left out.

The parser is server/inspections/xlsform.py, the writer server/inspections/xlsform_export.py.
Messages come from core/problems.py (XLSFORM_ROWS); each problem carries both languages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from core.problems import XLSFORM_PLACES, XLSFORM_ROWS, Both, code_of, say
from server.inspections.models import ITEM_KINDS

SURVEY = "survey"
CHOICES = "choices"
SETTINGS = "settings"

# kinds an XLSForm has that ChecklistItem cannot hold yet (no value check, no CHECK constraint)
MULTIPLE_CHOICE = "multiple_choice"
DATE = "date"

# the model's column lengths (server/inspections/models.py)
LABEL_LIMIT = 255
UNIT_LIMIT = 16
MAX_SURVEY_ROWS = 1000

# what the yes/no/不适用 kind answers, as XLSForm choice names and their Chinese labels
YES_NO_CHOICES = (("yes", "是"), ("no", "否"), ("na", "不适用"))
YES_NO_LIST = "yes_no_na"


@dataclass(frozen=True)
class XlsFormProblem:
    """One refused or left-out row (row 0: the whole file), in words a clerk understands."""

    sheet: str
    row: int
    column: str
    code: str
    message: str
    message_en: str


def file_problem(key: str, **params: Any) -> XlsFormProblem:
    """A problem of the whole file: the message is ``key``'s text alone."""
    text = say(XLSFORM_ROWS, key, **params)
    return XlsFormProblem("", 0, "", code_of(key), text.zh, text.en)


def row_problem(sheet: str, row: int, column: str, key: str, **params: Any) -> XlsFormProblem:
    """``『survey』工作表第 5 行『type』: …`` (without the column when ``column`` is empty)."""
    problem = say(XLSFORM_ROWS, key, **params)
    where = {"sheet": sheet, "row": row, "problem": Both(problem.zh, problem.en)}
    text = (
        say(XLSFORM_PLACES, "cell", column=column, **where)
        if column
        else say(XLSFORM_PLACES, "row", **where)
    )
    return XlsFormProblem(sheet, row, column, code_of(key), text.zh, text.en)


@dataclass(frozen=True)
class NumberRange:
    """A number's bounds from a simple constraint (``. >= 0 and . <= 100``)."""

    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False  # ``. > 0`` rather than ``. >= 0``
    maximum_exclusive: bool = False

    def constraint(self) -> str:
        """The XLSForm constraint that says this range."""
        parts = []
        if self.minimum is not None:
            parts.append(f". {'>' if self.minimum_exclusive else '>='} {_number(self.minimum)}")
        if self.maximum is not None:
            parts.append(f". {'<' if self.maximum_exclusive else '<='} {_number(self.maximum)}")
        return " and ".join(parts)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value)


@dataclass
class XlsFormItem:
    """One question of the form, mapped onto ChecklistItem's fields. What the model has no
    column for yet (the range, integer or decimal, the choices' own names) is kept here."""

    row: int
    name: str
    xlsform_type: str
    kind: str
    label: str
    hint: str | None = None
    required: bool = False
    options: list[str] | None = None  # the choices' labels (what an answer stores)
    choice_names: list[str] | None = None  # the choices' names in the form
    list_name: str | None = None
    unit: str | None = None
    number_range: NumberRange | None = None
    integer: bool = False
    # 现场's own columns (``bad_answer``: the choice names that count as a problem, as a
    # select_multiple answer writes them; ``opens_problem``; ``min_count`` of a photo item)
    bad_answer: str | list[str] | None = None
    opens_problem: bool = False
    min_count: int | None = None

    @property
    def supported(self) -> bool:
        """Whether ChecklistItem can hold this kind today."""
        return self.kind in ITEM_KINDS

    def checklist_fields(self) -> dict[str, Any]:
        """The keyword arguments of a ChecklistItem (besides id and position). A range's bound
        is inclusive: an exclusive one (``. > 0``) of an integer becomes the next whole number
        (minimum 1), of a decimal stays the bound itself."""
        bounds = self.number_range or NumberRange()
        low, high = bounds.minimum, bounds.maximum
        if self.integer and low is not None and bounds.minimum_exclusive:
            low = float(int(low) + 1) if low == int(low) else float(math.ceil(low))
        if self.integer and high is not None and bounds.maximum_exclusive:
            high = float(int(high) - 1) if high == int(high) else float(math.floor(high))
        return {
            "kind": self.kind,
            "label": self.label,
            "required": self.required,
            "options": self.options,
            "unit": self.unit,
            "hint": self.hint,
            "bad_answer": self.bad_answer,
            "opens_problem": self.opens_problem and self.bad_answer is not None,
            "minimum": low,
            "maximum": high,
            "integer": self.integer,
            "min_count": self.min_count,
        }


@dataclass(frozen=True)
class XlsFormNote:
    """A ``note`` row: help text, put into the hint of the item that follows it."""

    row: int
    text: str


@dataclass
class XlsFormResult:
    """The parsed form. ``errors`` (the form is wrong) and ``unsupported`` (rows 现场 cannot
    map) refuse the whole import; ``ignored`` rows are only reported."""

    filename: str
    items: list[XlsFormItem] = field(default_factory=list)
    notes: list[XlsFormNote] = field(default_factory=list)
    title: str | None = None
    form_id: str | None = None
    version: str | None = None
    errors: list[XlsFormProblem] = field(default_factory=list)
    unsupported: list[XlsFormProblem] = field(default_factory=list)
    ignored: list[XlsFormProblem] = field(default_factory=list)

    @property
    def refused(self) -> list[XlsFormProblem]:
        """Every reason to import nothing, in the order of the sheets' rows."""
        order = {"": 0, SURVEY: 1, CHOICES: 2, SETTINGS: 3}
        return sorted(self.errors + self.unsupported, key=lambda p: (order.get(p.sheet, 4), p.row))

    @property
    def ok(self) -> bool:
        """Nothing refused: the caller may import (all of it, never a part)."""
        return not self.errors and not self.unsupported

    @property
    def storable(self) -> bool:
        """Nothing refused and every item of a kind ChecklistItem holds today."""
        return self.ok and not self.needing_support

    @property
    def needing_support(self) -> list[XlsFormItem]:
        """Items of kinds ChecklistItem lacks (multiple choice, date): parsed, not storable."""
        return [item for item in self.items if not item.supported]
