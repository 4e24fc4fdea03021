"""XLSForm against the database: the stored default checklists export and import back equal,
and an imported form's items are stored as ChecklistItems as they are (both databases)."""

from __future__ import annotations

import uuid

from flask import Flask
from sqlalchemy import select

from server.db import db
from server.inspections.models import ChecklistItem, ChecklistTemplate
from server.inspections.templates import ensure_default_templates
from server.inspections.xlsform import export_xlsform, parse_xlsform
from tests.inspections.xlsforms import safety_check

FIELDS = ("kind", "label", "required", "options", "unit", "hint")


def fields(item: object) -> tuple[object, ...]:
    return tuple(getattr(item, name) for name in FIELDS)


def test_every_stored_default_checklist_exports_and_imports_back_equal(app: Flask) -> None:
    ensure_default_templates(db.session)
    db.session.commit()
    db.session.expire_all()
    templates = db.session.scalars(select(ChecklistTemplate)).all()
    assert len(templates) == 8
    for template in templates:
        result = parse_xlsform(export_xlsform(template), f"{template.category}.xlsx")
        assert result.ok, template.category
        assert [fields(i) for i in result.items] == [fields(i) for i in template.items]
        assert (result.title, result.form_id) == (template.name, template.category)


def test_an_imported_form_is_stored_item_for_item(app: Flask) -> None:
    result = parse_xlsform(safety_check(), "安全检查.xlsx")
    template_id = str(uuid.uuid4())
    template = ChecklistTemplate(
        id=template_id, family_id=template_id, category="safety", name=result.title or ""
    )
    for position, item in enumerate(result.items, start=1):
        template.items.append(
            ChecklistItem(id=str(uuid.uuid4()), position=position, **item.checklist_fields())
        )
    db.session.add(template)
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(ChecklistTemplate, template.id)
    assert stored is not None and stored.name == "施工安全检查"
    assert [fields(i) for i in stored.items] == [fields(i) for i in result.items]
