"""The XLSForm's sheets beside the survey: a header's columns (translated ones by language),
the ``choices`` lists and the ``settings`` row."""

from __future__ import annotations

from dataclasses import dataclass, field

from server.inspections.xlsform_model import CHOICES, XlsFormResult, file_problem, row_problem

Rows = list[tuple[int, list[str]]]
YES_NO_NAMES = {"yes", "no", "na", "n/a", "n_a", "not_applicable"}
YES_NO_LABELS = {"是", "否", "不适用"}
CHINESE_LANGUAGES = {"zh", "zh-cn", "zh_cn", "zh-hans", "cn", "中文", "汉语", "简体中文"}


@dataclass
class Header:
    """A sheet's columns by their lowercase name; a translated one's by its language too."""

    names: list[str]
    plain: dict[str, int] = field(default_factory=dict)
    translated: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, row: list[str]) -> Header:
        header = cls(names=row)
        for index, text in enumerate(row):
            base, _, language = text.partition("::")
            if not language and ":" in base:  # the old one-colon spelling, label:中文
                base, _, language = base.partition(":")
            base = "_".join(base.strip().lower().split())
            if language.strip():
                header.translated.setdefault(base, []).append((language.strip(), index))
            elif base:
                header.plain.setdefault(base, index)
        return header

    def name_of(self, index: int | None, default: str) -> str:
        """The column's name as the file writes it (``default`` when it has none)."""
        return self.names[index] if index is not None and self.names[index] else default

    def index(self, *names: str) -> int | None:
        return next((self.plain[n] for n in names if n in self.plain), None)

    def text_columns(self, base: str) -> list[int]:
        """Where a text (label, hint) may be: Chinese first, then plain, then other languages."""
        languages = self.translated.get(base, [])
        chinese = [i for language, i in languages if _is_chinese(language)]
        others = [i for language, i in languages if not _is_chinese(language)]
        plain = [self.plain[base]] if base in self.plain else []
        return chinese + plain + others


def _is_chinese(language: str) -> bool:
    text = language.strip().lower()
    code = text[text.find("(") + 1 : text.rfind(")")] if "(" in text else text
    return text.startswith("chinese") or "中文" in text or code.strip() in CHINESE_LANGUAGES


def cell(row: list[str], index: int | None) -> str:
    return row[index] if index is not None and index < len(row) else ""


def first_text(row: list[str], columns: list[int]) -> str:
    return next((row[i] for i in columns if i < len(row) and row[i]), "")


def read_settings(rows: Rows, result: XlsFormResult) -> None:
    if len(rows) < 2:
        return
    header, (_, values) = Header.of(rows[0][1]), rows[1]
    result.title = cell(values, header.index("form_title")) or None
    result.form_id = cell(values, header.index("form_id")) or None
    result.version = cell(values, header.index("version")) or None


@dataclass
class Choice:
    row: int
    name: str
    label: str


def read_choices(rows: Rows, result: XlsFormResult) -> dict[str, list[Choice]]:
    """The choice lists by name, each in the sheet's order (a choice's label: its name when it
    has none); a row without list or name, or a name repeated in its list, is an error."""
    if not rows:
        return {}
    header = Header.of(rows[0][1])
    list_column, name_column = header.index("list_name", "list name"), header.index("name")
    for column, index in (("list_name", list_column), ("name", name_column)):
        if index is None:
            result.errors.append(file_problem("missing_column", sheet=CHOICES, column=column))
    if list_column is None or name_column is None:
        return {}
    labels = header.text_columns("label")
    lists: dict[str, list[Choice]] = {}
    seen: dict[tuple[str, str], int] = {}
    for number, row in rows[1:]:
        list_name, name = cell(row, list_column), cell(row, name_column)
        problem = None
        if not list_name:
            problem = row_problem(CHOICES, number, "list_name", "choice_without_list")
        elif not name:
            problem = row_problem(CHOICES, number, "name", "no_name")
        elif (list_name, name) in seen:
            first = seen[(list_name, name)]
            problem = row_problem(
                CHOICES,
                number,
                "name",
                "duplicate_choice",
                list=list_name,
                name=name,
                first_row=first,
            )
        if problem is not None:
            result.errors.append(problem)
            continue
        seen[(list_name, name)] = number
        choice = Choice(number, name, first_text(row, labels) or name)
        lists.setdefault(list_name, []).append(choice)
    return lists


def is_yes_no(choices: list[Choice]) -> bool:
    """A yes/no list (yes, no and maybe na; or 是, 否 and maybe 不适用): the yes/no/不适用 kind."""
    names = {choice.name.lower() for choice in choices}
    labels = {choice.label for choice in choices}
    by_name = {"yes", "no"} <= names <= YES_NO_NAMES
    return by_name or {"是", "否"} <= labels <= YES_NO_LABELS
