"""现场's own survey columns, beside ``unit``: what an XLSForm from ODK or KoboToolbox lacks and
a form exported by 现场 (server/inspections/xlsform_export.py) carries, so it comes back equal.

- ``bad_answer``: the choice names (space-separated, as a select_multiple answer writes them)
  that count as a problem, on a select_one or select_multiple row (a yes/no list: ``yes`` or
  ``no``);
- ``opens_problem``: yes / no, whether that answer opens a problem draft on the phone;
- ``min_count``: how many photos an image row needs at least (1–20).

Another tool leaves these columns alone (they are not XLSForm's), so a form goes there and back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from server.inspections.xlsform_model import XlsFormItem

if TYPE_CHECKING:
    from server.inspections.xlsform_survey import _Survey

MAX_PHOTOS = 20
_YES = {"yes", "true", "1", "是"}
_NO = {"no", "false", "0", "否", ""}


def read_own_columns(survey: _Survey, item: XlsFormItem, row: list[str]) -> None:
    """``bad_answer``, ``opens_problem`` and ``min_count`` of ``row`` into ``item``."""
    _read_bad_answer(survey, item, survey.value(row, "bad_answer"))
    opens = survey.value(row, "opens_problem").strip().lower()
    if opens in _YES:
        item.opens_problem = True
    elif opens not in _NO:
        survey.wrong("opens_problem", "own_yes_no", text=opens)
    count = survey.value(row, "min_count").strip()
    if count and item.kind == "photo":
        number = _whole(count)
        if number is None or not 1 <= number <= MAX_PHOTOS:
            survey.wrong("min_count", "min_count", text=count, limit=MAX_PHOTOS)
        else:
            item.min_count = number


def _whole(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number == int(number) else None


def _read_bad_answer(survey: _Survey, item: XlsFormItem, text: str) -> None:
    names = text.split()
    if not names:
        return
    if item.kind not in ("yes_no_na", "choice", "multiple_choice"):
        survey.wrong("bad_answer", "bad_answer_kind")
        return
    choices = {choice.name: choice for choice in survey.choices_of(item)}
    unknown = [name for name in names if name not in choices]
    if unknown:
        survey.wrong("bad_answer", "bad_answer_unknown", text=" ".join(unknown))
        return
    if item.kind == "yes_no_na":
        chosen = choices[names[0]]
        key = chosen.name.lower()
        answer = "yes" if key == "yes" or chosen.label == "是" else None
        answer = answer or ("no" if key == "no" or chosen.label == "否" else "na")
        if len(names) > 1:
            survey.wrong("bad_answer", "bad_answer_kind")
            return
        item.bad_answer = answer
    else:
        item.bad_answer = list(dict.fromkeys(choices[name].label for name in names))
