"""Marshmallow schemas of the checklist designer's routes (server/inspections/template_routes.py):
what the office sends for a template and its items, with the rules a checklist must keep, and
what it gets back."""

from __future__ import annotations

import math
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from core.problems import CHECKLIST_ITEM_RULES, say
from server.fields import RowId
from server.inspections.models import INSPECTION_KINDS, ITEM_KINDS
from server.inspections.schemas import ChecklistFields, ChecklistItemFields
from server.text import Text, refusal

CHOICE_KINDS = ("choice", "multiple_choice")
YES_NO_ANSWERS = ("yes", "no", "na")
MAX_ITEMS = 200
MAX_PHOTOS = 20
MAX_OPTIONS = 100


def _rule(key: str, **params: Any) -> ValidationError:
    return refusal(say(CHECKLIST_ITEM_RULES, key, **params))


class Number(fields.Float):
    """A finite number (no NaN, no infinity)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        number = super()._deserialize(value, attr, data, **kwargs)
        if number is not None and not math.isfinite(number):
            raise _rule("not_finite")
        return number


class TemplateItemInSchema(Schema):
    """One question as the office designs it."""

    kind = fields.String(required=True, validate=validate.OneOf(ITEM_KINDS))
    label = Text(required=True, validate=validate.Length(min=1, max=255))
    required = fields.Boolean(load_default=False)
    options = fields.List(
        Text(validate=validate.Length(min=1, max=100)),
        allow_none=True,
        validate=validate.Length(max=MAX_OPTIONS),
    )
    unit = Text(allow_none=True, validate=validate.Length(max=16))
    hint = Text(multiline=True, allow_none=True, validate=validate.Length(max=1000))
    bad_answer = fields.Raw(allow_none=True)
    opens_problem = fields.Boolean(load_default=False)
    minimum = Number(allow_none=True)
    maximum = Number(allow_none=True)
    integer = fields.Boolean(load_default=False)
    min_count = fields.Integer(allow_none=True, validate=validate.Range(min=1, max=MAX_PHOTOS))

    @validates_schema
    def fits_its_kind(self, data: dict[str, Any], **kwargs: Any) -> None:
        """Options for a choice, a bad answer among the item's answers, a range the right way
        round."""
        kind = data.get("kind")
        if kind in CHOICE_KINDS:
            options = [o.strip() for o in data.get("options") or []]
            if len(set(options)) < 2 or len(set(options)) != len(options):
                raise ValidationError({"options": [_rule("options").messages[0]]})
        _check_bad_answer(kind, data)
        low, high = data.get("minimum"), data.get("maximum")
        if low is not None and high is not None and low > high:
            raise ValidationError({"maximum": [_rule("range").messages[0]]})

    @post_load
    def only_what_its_kind_uses(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        """Fields of other kinds are dropped (a number's unit on a photo item means nothing)."""
        kind = data["kind"]
        number, photo = kind == "number", kind == "photo"
        options = [o.strip() for o in data.get("options") or []]
        bad = data.get("bad_answer")
        if kind in CHOICE_KINDS and isinstance(bad, str):
            bad = [bad]
        return {
            "kind": kind,
            "label": data["label"].strip(),
            "required": data["required"],
            "options": options if kind in CHOICE_KINDS else None,
            "unit": (data.get("unit") or None) if number else None,
            "hint": data.get("hint") or None,
            "bad_answer": bad or None,
            "opens_problem": bool(data["opens_problem"] and bad),
            "minimum": data.get("minimum") if number else None,
            "maximum": data.get("maximum") if number else None,
            "integer": data["integer"] if number else False,
            "min_count": data.get("min_count") if photo else None,
        }


def _check_bad_answer(kind: str | None, data: dict[str, Any]) -> None:
    bad = data.get("bad_answer")
    if bad is None or bad == []:
        if data.get("opens_problem"):
            raise ValidationError({"opens_problem": [_rule("opens_without_bad").messages[0]]})
        return
    if kind == "yes_no_na":
        ok = bad in YES_NO_ANSWERS
    elif kind in CHOICE_KINDS:
        options = {o.strip() for o in data.get("options") or []}
        chosen = [bad] if isinstance(bad, str) else bad
        ok = (
            isinstance(chosen, list)
            and all(isinstance(b, str) and b in options for b in chosen)
            and len(set(chosen)) == len(chosen)
        )
    else:
        ok = False
    if not ok:
        raise ValidationError({"bad_answer": [_rule("bad_answer").messages[0]]})


class TemplateInSchema(Schema):
    """A checklist as the office sends it: version 1 (``county_id`` required) or a new version
    (``county_id`` ignored: a family stays in its county)."""

    name = Text(required=True, validate=validate.Length(min=1, max=100))
    county_id = RowId(allow_none=True)
    series_ids = fields.List(RowId(), load_default=list, allow_none=True)
    kinds = fields.List(
        fields.String(validate=validate.OneOf(INSPECTION_KINDS)), load_default=list, allow_none=True
    )
    category = Text(allow_none=True, validate=validate.Length(min=1, max=32))
    items = fields.List(
        fields.Nested(TemplateItemInSchema),
        required=True,
        validate=validate.Length(min=1, max=MAX_ITEMS, error=say(CHECKLIST_ITEM_RULES, "count").zh),
    )


class TemplateQuerySchema(Schema):
    county_id = RowId()
    include_inactive = fields.Boolean(load_default=False)


class TemplateItemSchema(ChecklistItemFields):
    """One question as the office and the phones read it."""


class TemplateSummarySchema(ChecklistFields):
    item_count = fields.Function(lambda template: len(template.items))


class TemplateSchema(ChecklistFields):
    items = fields.List(fields.Nested(TemplateItemSchema))


class TemplateListSchema(Schema):
    items = fields.List(fields.Nested(TemplateSummarySchema))


class XlsFormQuerySchema(Schema):
    dry_run = fields.Boolean(load_default=False)


class XlsFormFormSchema(Schema):
    """The form fields of an XLSForm import: where the new checklist applies. ``series_ids`` and
    ``kinds`` are comma-separated (a multipart form)."""

    county_id = RowId(allow_none=True)
    name = Text(allow_none=True, validate=validate.Length(min=1, max=100))
    series_ids = fields.String(load_default="")
    kinds = fields.String(load_default="")


class XlsFormFileSchema(Schema):
    file = fields.Raw(metadata={"type": "string", "format": "binary"})


class XlsFormRowSchema(Schema):
    sheet = fields.String()
    row = fields.Integer()
    column = fields.String()
    code = fields.String()
    message = fields.String()


class XlsFormPreviewSchema(Schema):
    items = fields.List(fields.Dict())
    ignored = fields.List(fields.Nested(XlsFormRowSchema))
