"""Reading an XLSForm (ODK / KoboToolbox's standard) into checklist items, all or nothing.

The ``survey`` sheet's ``type``, ``name``, ``label`` (the Chinese column first: ``label::Chinese
(zh)``, ``label::中文``, ``label::zh``, then the plain one), ``hint``, ``required``, a
``constraint`` that is a simple range, a ``unit`` column of our own; ``select_one`` and
``select_multiple`` take their options from the ``choices`` sheet; ``settings`` gives the title,
id and version. Every row 现场 cannot map (conditions, calculations, repeats, unknown types) is
listed with its sheet, row and column; the result is then refused as a whole (``result.ok``).
Writing one: ``export_xlsform`` (server/inspections/xlsform_export.py).
"""

from __future__ import annotations

from server.inspections.xlsform_export import export_xlsform
from server.inspections.xlsform_model import (
    CHOICES,
    SETTINGS,
    SURVEY,
    XlsFormItem,
    XlsFormProblem,
    XlsFormResult,
    file_problem,
)
from server.inspections.xlsform_sheets import read_choices, read_settings
from server.inspections.xlsform_survey import read_survey
from server.spreadsheets import UnreadableWorkbook, read_sheets

__all__ = ["XlsFormItem", "XlsFormProblem", "XlsFormResult", "export_xlsform", "parse_xlsform"]


def parse_xlsform(data: bytes, filename: str) -> XlsFormResult:
    """The form in ``data`` mapped onto checklist items, with every refused or ignored row."""
    result = XlsFormResult(filename=filename)
    if filename.lower().endswith(".xls"):
        result.errors.append(file_problem("unreadable.old_xls", filename=filename))
        return result
    try:
        sheets = {title.strip().lower(): rows for title, rows in read_sheets(data)}
    except UnreadableWorkbook:
        result.errors.append(file_problem("unreadable", filename=filename))
        return result
    if SURVEY not in sheets:
        result.errors.append(file_problem("no_survey"))
        return result
    read_settings(sheets.get(SETTINGS, []), result)
    choices = read_choices(sheets[CHOICES], result) if CHOICES in sheets else {}
    read_survey(sheets[SURVEY], choices, result)
    return result
