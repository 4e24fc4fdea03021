"""Inspections through sync: answers checked by item kind, submit checks required items, then frozen."""

from __future__ import annotations

import pytest

from server.db import db
from server.inspections.models import Inspection
from tests.sync.conftest import NOW, new_id


@pytest.fixture
def draft(phone, inspector, make_project, townships, templates):  # type: ignore[no-untyped-def]
    east = townships[0]
    project = make_project(township=east, region_path=east.path)
    p = phone(inspector)
    template = templates["rural_toilet"]
    inspection_id = new_id()
    result = p.do(
        "inspection.create",
        id=inspection_id,
        project_id=project.id,
        kind="random",
        started_at=NOW,
        template_id=template.id,
        location={"lat": 28.1, "lon": 120.1, "accuracy_m": 12, "at": NOW},
    )
    assert result["status"] == "applied"
    return p, inspection_id, template


def item(template, kind: str):  # type: ignore[no-untyped-def]
    return next(i for i in template.items if i.kind == kind)


def answer_all_required(p, inspection_id, template) -> None:  # type: ignore[no-untyped-def]
    values = {
        "yes_no_na": "yes",
        "choice": None,
        "photo": [new_id()],
        "gps": {"lat": 28.1, "lon": 120.1},
        "number": 3,
        "text": "好",
    }
    for it in template.items:
        if it.required:
            value = it.options[0] if it.kind == "choice" else values[it.kind]
            assert (
                p.do("answer.set", inspection_id=inspection_id, item_id=it.id, value=value)[
                    "status"
                ]
                == "applied"
            )


def test_create_records_the_device_fix(draft) -> None:
    _, inspection_id, _ = draft
    inspection = db.session.get(Inspection, inspection_id)
    assert (inspection.lat, inspection.accuracy_m, inspection.status) == (28.1, 12, "draft")


def test_answer_is_stored_and_overwritten_while_draft(draft) -> None:
    p, inspection_id, template = draft
    yes_no = item(template, "yes_no_na")
    p.do("answer.set", inspection_id=inspection_id, item_id=yes_no.id, value="yes")
    p.do("answer.set", inspection_id=inspection_id, item_id=yes_no.id, value="no", note="门锁坏了")
    inspection = db.session.get(Inspection, inspection_id)
    db.session.refresh(inspection)
    assert [(a.value, a.note) for a in inspection.answers] == [("no", "门锁坏了")]


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("yes_no_na", "maybe"),
        ("choice", "很好"),
        ("photo", "not-a-list"),
        ("gps", {"lat": 200, "lon": 1}),
    ],
)
def test_answer_of_the_wrong_shape_is_rejected(draft, kind, value) -> None:
    p, inspection_id, template = draft
    result = p.do(
        "answer.set", inspection_id=inspection_id, item_id=item(template, kind).id, value=value
    )
    assert result["code"] == "invalid_value"


def test_item_of_another_template_is_not_found(draft, templates) -> None:
    p, inspection_id, _ = draft
    foreign = templates["road"].items[0]
    assert (
        p.do("answer.set", inspection_id=inspection_id, item_id=foreign.id, value="yes")["code"]
        == "not_found"
    )


def test_submit_refuses_missing_required_items_by_name(draft) -> None:
    p, inspection_id, _ = draft
    result = p.do("inspection.submit", inspection_id=inspection_id)
    assert result["code"] == "incomplete"
    assert "已建成并对外开放" in result["message"]


def test_submitted_inspection_is_immutable(draft) -> None:
    p, inspection_id, template = draft
    answer_all_required(p, inspection_id, template)
    assert p.do("inspection.submit", inspection_id=inspection_id)["status"] == "applied"
    result = p.do(
        "answer.set",
        inspection_id=inspection_id,
        item_id=item(template, "yes_no_na").id,
        value="no",
    )
    assert result["code"] == "inspection_submitted"


def test_correction_is_a_new_version_pointing_at_the_old(draft, templates) -> None:
    p, inspection_id, template = draft
    answer_all_required(p, inspection_id, template)
    p.do("inspection.submit", inspection_id=inspection_id)
    old = db.session.get(Inspection, inspection_id)
    correction = new_id()
    result = p.do(
        "inspection.create",
        id=correction,
        project_id=old.project_id,
        kind="random",
        started_at=NOW,
        template_id=template.id,
        replaces_id=inspection_id,
    )
    assert result["status"] == "applied"
    assert db.session.get(Inspection, correction).replaces_id == inspection_id


def test_only_a_submitted_inspection_can_be_corrected(draft) -> None:
    p, inspection_id, _ = draft
    old = db.session.get(Inspection, inspection_id)
    result = p.do(
        "inspection.create",
        id=new_id(),
        project_id=old.project_id,
        kind="random",
        started_at=NOW,
        replaces_id=inspection_id,
    )
    assert result["code"] == "not_submitted"


def test_another_inspectors_draft_is_not_found(
    draft, phone, make_user, townships, templates
) -> None:
    _, inspection_id, template = draft
    other = phone(make_user("inspector", townships=[townships[0]]))
    result = other.do(
        "answer.set",
        inspection_id=inspection_id,
        item_id=item(template, "yes_no_na").id,
        value="yes",
    )
    assert result["code"] == "not_found"


def test_units_cannot_create_inspections(phone, make_user, make_unit, make_project) -> None:
    unit = make_unit()
    project = make_project(unit=unit)
    result = phone(make_user("unit", unit=unit)).do(
        "inspection.create", id=new_id(), project_id=project.id, kind="routine", started_at=NOW
    )
    assert result["code"] == "forbidden"
