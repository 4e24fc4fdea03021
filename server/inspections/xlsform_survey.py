"""The ``survey`` sheet, row by row: items, notes (help text), flattened groups, and what is
refused (conditions, calculations, repeats, unknown types) or left out (metadata)."""

from __future__ import annotations

import re

from server.inspections.xlsform_model import (
    DATE,
    LABEL_LIMIT,
    MAX_SURVEY_ROWS,
    MULTIPLE_CHOICE,
    SURVEY,
    UNIT_LIMIT,
    NumberRange,
    XlsFormItem,
    XlsFormNote,
    XlsFormResult,
    file_problem,
    row_problem,
)
from server.inspections.xlsform_own import read_own_columns
from server.inspections.xlsform_sheets import Choice, Header, Rows, cell, first_text, is_yes_no

# the ``type`` of an item → our kind (select_one is a choice or yes/no by its list)
ITEM_TYPES = {
    "integer": "number",
    "int": "number",
    "decimal": "number",
    "text": "text",
    "string": "text",
    "image": "photo",
    "photo": "photo",
    "geopoint": "gps",
    "date": DATE,
}
SELECTS = {"select_one", "select_multiple"}
# metadata ODK records by itself: left out, since the phone and the server record their own
METADATA = {
    "start",
    "end",
    "today",
    "deviceid",
    "imei",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
}
# two-word spellings pyxform accepts (``select one yes_no``, ``begin group``)
SPACED = {
    ("select", "one"): "select_one",
    ("select", "multiple"): "select_multiple",
    ("begin", "group"): "begin_group",
    ("end", "group"): "end_group",
    ("begin", "repeat"): "begin_repeat",
    ("end", "repeat"): "end_repeat",
}
YES = {"yes", "true", "true()", "1", "是"}
NO = {"no", "false", "false()", "0", "否", ""}
_BOUND = re.compile(r"^\.\s*(>=|<=|>|<)\s*(-?\d+(?:\.\d+)?)$")
_BOUND_REVERSED = re.compile(r"^(-?\d+(?:\.\d+)?)\s*(>=|<=|>|<)\s*\.$")
_FLIPPED = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}


def read_survey(rows: Rows, choices: dict[str, list[Choice]], result: XlsFormResult) -> None:
    """Every row of the survey into ``result`` (items, notes, problems)."""
    if len(rows) > MAX_SURVEY_ROWS + 1:
        result.errors.append(file_problem("too_many_rows", limit=MAX_SURVEY_ROWS))
        return
    header = Header.of(rows[0][1]) if rows else Header.of([])
    missing = [name for name in ("type", "name") if header.index(name) is None]
    for column in missing:
        result.errors.append(file_problem("missing_column", sheet=SURVEY, column=column))
    if missing:
        return
    survey = _Survey(header, choices, result)
    for number, row in rows[1:]:
        survey.read(number, row)
    survey.finish()


class _Survey:
    def __init__(self, header: Header, choices: dict[str, list[Choice]], result: XlsFormResult):
        self.header, self.choices, self.result = header, choices, result
        self.columns = {
            name: header.index(*aliases)
            for name, aliases in {
                "type": ("type",),
                "name": ("name",),
                "required": ("required",),
                "constraint": ("constraint",),
                "relevant": ("relevant", "relevance"),
                "calculation": ("calculation",),
                "choice_filter": ("choice_filter",),
                "unit": ("unit",),
                "bad_answer": ("bad_answer",),
                "opens_problem": ("opens_problem",),
                "min_count": ("min_count",),
            }.items()
        }
        self.labels, self.hints = header.text_columns("label"), header.text_columns("hint")
        self.names: dict[str, int] = {}
        self.blocks: list[tuple[str, int]] = []  # open groups and repeats: (type, row)
        self.pending_notes: list[str] = []
        self.number = 0

    def column(self, name: str) -> str:
        if name == "label":
            return self.header.name_of(self.labels[0] if self.labels else None, "label")
        return self.header.name_of(self.columns.get(name), name)

    def value(self, row: list[str], name: str) -> str:
        return cell(row, self.columns[name])

    def refuse(self, column: str, key: str, **params: object) -> None:
        self.result.unsupported.append(
            row_problem(SURVEY, self.number, self.column(column), key, **params)
        )

    def wrong(self, column: str, key: str, **params: object) -> None:
        self.result.errors.append(
            row_problem(SURVEY, self.number, self.column(column), key, **params)
        )

    def read(self, number: int, row: list[str]) -> None:
        self.number = number
        raw_type = self.value(row, "type")
        words = raw_type.split()
        if not words:
            self.wrong("type", "no_type")
            return
        pair = tuple(word.lower() for word in words[:2])
        base, args = (SPACED[pair], words[2:]) if pair in SPACED else (pair[0], words[1:])
        if base in ("begin_group", "begin_repeat"):
            self.blocks.append((base, number))
            if base == "begin_repeat":
                self.refuse("type", "repeat")
            elif self.value(row, "relevant"):
                self.refuse("relevant", "group_relevant")
        elif base in ("end_group", "end_repeat"):
            if not self.blocks:
                self.wrong("type", "unmatched_end", type=raw_type)
            else:
                self.blocks.pop()
        elif base == "calculate":
            self.refuse("type", "calculate")
        elif base in METADATA:
            problem = row_problem(SURVEY, number, self.column("type"), "metadata", type=raw_type)
            self.result.ignored.append(problem)
        else:
            self.read_question(row, base, args, raw_type)

    def read_question(self, row: list[str], base: str, args: list[str], raw_type: str) -> None:
        before = len(self.result.errors) + len(self.result.unsupported)
        for column in ("relevant", "calculation", "choice_filter"):
            if self.value(row, column):
                self.refuse(column, column)
        label = first_text(row, self.labels)
        if base == "note":
            if len(self.result.errors) + len(self.result.unsupported) == before and label:
                self.result.notes.append(XlsFormNote(self.number, label))
                self.pending_notes.append(label)
            return
        item = self.item(row, base, args, raw_type, label)
        if item is not None and len(self.result.errors) + len(self.result.unsupported) == before:
            if self.pending_notes:
                item.hint = "\n".join([*self.pending_notes, *([item.hint] if item.hint else [])])
                self.pending_notes = []
            self.result.items.append(item)

    def item(
        self, row: list[str], base: str, args: list[str], raw_type: str, label: str
    ) -> XlsFormItem | None:
        item = XlsFormItem(row=self.number, name="", xlsform_type=raw_type, kind="", label=label)
        if base in SELECTS and not self.select(item, base, args, raw_type):
            return None
        if base not in SELECTS:
            if base not in ITEM_TYPES:
                self.refuse("type", "unknown_type", type=raw_type)
                return None
            item.kind, item.integer = ITEM_TYPES[base], base in ("integer", "int")
        item.name = self.value(row, "name")
        if not item.name:
            self.wrong("name", "no_name")
        elif item.name in self.names:
            self.wrong("name", "duplicate_name", name=item.name, first_row=self.names[item.name])
        else:
            self.names[item.name] = self.number
        if not label:
            self.wrong("label", "no_label")
        elif len(label) > LABEL_LIMIT:
            self.wrong("label", "too_long", limit=LABEL_LIMIT)
        item.hint = first_text(row, self.hints) or None
        item.unit = self.value(row, "unit") or None
        if item.unit and len(item.unit) > UNIT_LIMIT:
            self.wrong("unit", "too_long", limit=UNIT_LIMIT)
        self.read_required(item, self.value(row, "required"))
        self.read_constraint(item, self.value(row, "constraint"))
        read_own_columns(self, item, row)
        return item

    def choices_of(self, item: XlsFormItem) -> list[Choice]:
        return self.choices.get(item.list_name or "", [])

    def select(self, item: XlsFormItem, base: str, args: list[str], raw_type: str) -> bool:
        if not args:
            self.wrong("type", "no_list_name", type=base)
            return False
        if len(args) > 1:
            key = "or_other" if args[1].lower() == "or_other" else "unknown_type"
            self.refuse("type", key, type=raw_type)
            return False
        choices = self.choices.get(args[0])
        if not choices:
            self.wrong("type", "no_list", list=args[0])
            return False
        item.list_name, item.choice_names = args[0], [choice.name for choice in choices]
        labels = [choice.label for choice in choices]
        repeated = next((label for label in labels if labels.count(label) > 1), None)
        if repeated is not None and not is_yes_no(choices):
            # an answer stores the option's text, so two options may not read the same
            self.wrong("type", "repeated_label", list=args[0], label=repeated)
            return False
        if base == "select_multiple":
            item.kind, item.options = MULTIPLE_CHOICE, [choice.label for choice in choices]
        elif is_yes_no(choices):
            item.kind = "yes_no_na"
        else:
            item.kind, item.options = "choice", [choice.label for choice in choices]
        return True

    def read_required(self, item: XlsFormItem, text: str) -> None:
        if text.lower() in YES:
            item.required = True
        elif text.lower() not in NO:
            self.refuse("required", "required_expression", text=text)

    def read_constraint(self, item: XlsFormItem, text: str) -> None:
        if not text:
            return
        if item.kind != "number":
            self.refuse("constraint", "constraint_kind")
            return
        bounds = number_range(text)
        if bounds is None:
            self.refuse("constraint", "constraint", text=text)
        elif (
            bounds.minimum is not None
            and bounds.maximum is not None
            and bounds.minimum > bounds.maximum
        ):
            self.wrong(
                "constraint", "bad_range", low=f"{bounds.minimum:g}", high=f"{bounds.maximum:g}"
            )
        else:
            item.number_range = bounds

    def finish(self) -> None:
        for _, number in self.blocks:
            self.result.errors.append(row_problem(SURVEY, number, "", "unclosed_group"))
        if self.pending_notes and self.result.items:
            last = self.result.items[-1]
            last.hint = "\n".join([*([last.hint] if last.hint else []), *self.pending_notes])
        if not self.result.items and not self.result.errors and not self.result.unsupported:
            self.result.errors.append(file_problem("no_items"))


def number_range(text: str) -> NumberRange | None:
    """The range a simple constraint says (``. >= 0 and . <= 100``, ``. > 0``, ``0 <= .``), or
    None when it says anything else."""
    bounds: dict[str, tuple[float, bool]] = {}
    for part in re.split(r"\s+and\s+", text.strip(), flags=re.IGNORECASE):
        part = part.strip()
        while part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        if match := _BOUND.match(part):
            operator, value = match.groups()
        elif match := _BOUND_REVERSED.match(part):
            value, operator = match.groups()
            operator = _FLIPPED[operator]
        else:
            return None
        side = "low" if operator.startswith(">") else "high"
        if side in bounds:
            return None
        bounds[side] = (float(value), len(operator) == 1)
    low, high = bounds.get("low"), bounds.get("high")
    return NumberRange(
        minimum=low[0] if low else None,
        maximum=high[0] if high else None,
        minimum_exclusive=bool(low and low[1]),
        maximum_exclusive=bool(high and high[1]),
    )
