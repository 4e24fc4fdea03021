"""An XLSForm (ODK / KoboToolbox) becomes a new checklist of the county, all or nothing.

The parser (server/inspections/xlsform.py) maps each survey row onto an item: ``select_one``
of a yes/no list → yes_no_na, of another list → choice, ``select_multiple`` → multiple_choice,
``integer`` / ``decimal`` → number (``integer`` whole numbers only) with the ``constraint``'s
range as minimum / maximum, ``date`` → date, ``image`` → photo, ``geopoint`` → gps; 现场's own
columns ``bad_answer``, ``opens_problem``, ``min_count`` (server/inspections/xlsform_own.py)
come back from a form 现场 exported. Every item then passes the designer's own rules
(server/inspections/template_schemas.py); anything refused is answered as 422 ``xlsform_refused``
with every row (sheet, row, column, code, message) and nothing is stored.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from marshmallow import ValidationError
from sqlalchemy.orm import Session

from core.problems import XLSFORM_PLACES, Both, say
from server.auth.models import User
from server.errors import AppError
from server.i18n import pick
from server.inspections import designer
from server.inspections.models import INSPECTION_KINDS, ChecklistTemplate
from server.inspections.template_schemas import TemplateItemInSchema
from server.inspections.xlsform import XlsFormProblem, XlsFormResult, parse_xlsform
from server.inspections.xlsform_model import SURVEY

MAX_XLSFORM_BYTES = 2 * 1024 * 1024
_ITEM = TemplateItemInSchema()


def _row(problem: XlsFormProblem) -> dict[str, Any]:
    return {
        "sheet": problem.sheet,
        "row": problem.row,
        "column": problem.column,
        "code": problem.code,
        "message": pick(problem.message, problem.message_en),
    }


def _invalid_item(row: int, column: str, message: str) -> XlsFormProblem:
    text = say(XLSFORM_PLACES, "row", sheet=SURVEY, row=row, problem=Both(message, message))
    return XlsFormProblem(SURVEY, row, column, "invalid_item", text.zh, text.en)


def _first_message(errors: Any) -> tuple[str, str]:
    """The first field and message of marshmallow's (nested) errors."""
    if isinstance(errors, dict):
        field, value = next(iter(errors.items()))
        inner, message = _first_message(value)
        return (str(field) if not inner or inner.isdigit() else inner), message
    if isinstance(errors, list) and errors:
        return "", str(errors[0])
    return "", str(errors)


def mapped_items(result: XlsFormResult) -> tuple[list[dict[str, Any]], list[XlsFormProblem]]:
    """The designer's items of the parsed form, and the rows its rules refuse."""
    items, refused = [], []
    for parsed in result.items:
        fields = parsed.checklist_fields()
        try:
            items.append(_ITEM.load({k: v for k, v in fields.items() if v is not None}))
        except ValidationError as error:
            column, message = _first_message(error.messages)
            refused.append(_invalid_item(parsed.row, column, message))
    return items, refused


def _refuse(problems: list[XlsFormProblem]) -> AppError:
    return AppError(
        "xlsform_refused", count=len(problems), extra={"rows": [_row(p) for p in problems]}
    )


def _mapped(data: bytes, filename: str) -> tuple[XlsFormResult, list[dict[str, Any]]]:
    result = parse_xlsform(data, filename)
    if not result.ok:
        raise _refuse(result.refused)
    items, refused = mapped_items(result)
    if refused:
        raise _refuse(refused)
    return result, items


def preview(data: bytes, filename: str) -> dict[str, Any]:
    """What the import would store (``?dry_run=1``): the items and the rows left out."""
    result, items = _mapped(data, filename)
    return {"items": items, "ignored": [_row(p) for p in result.ignored]}


def _listed(text: str, field: str) -> list[str]:
    values = [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
    if field == "kinds" and any(v not in INSPECTION_KINDS for v in values):
        raise AppError("validation_error", errors={field: ["检查类型不正确"]})
    if field == "series_ids" and not all(v.isdigit() and 0 < int(v) < 2**31 for v in values):
        raise AppError("validation_error", errors={field: ["系列编号不正确"]})
    return values


def import_xlsform(
    session: Session, user: User, data: bytes, filename: str, form: dict[str, Any]
) -> ChecklistTemplate:
    """Version 1 of a new checklist of the county from the form (refused whole, or stored)."""
    designer.county_for(session, user, form.get("county_id"))  # 404 before reading the file
    result, items = _mapped(data, filename)
    name = form.get("name") or result.title or PurePath(filename).stem or "XLSForm"
    body = {
        "name": name[:100],
        "county_id": form.get("county_id"),
        "series_ids": [int(v) for v in _listed(form.get("series_ids", ""), "series_ids")],
        "kinds": _listed(form.get("kinds", ""), "kinds"),
        "category": (result.form_id or "")[:32] or None,
        "items": items,
    }
    return designer.create(session, user, body)
