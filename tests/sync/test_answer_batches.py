"""A push carrying a checklist of answers (what the batch remembers between its mutations):
overwrites, refusals and rolled-back creates come out as they would one push at a time, and a
puller gets every answer."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from server.db import db
from server.inspections.models import Answer, Inspection
from tests.sync.conftest import NOW, new_id


@pytest.fixture
def template(templates):  # type: ignore[no-untyped-def]
    return templates["rural_toilet"]


def yes_no_items(template: Any) -> list[Any]:
    return [i for i in template.items if i.kind == "yes_no_na"]


def create(p: Any, project: Any, template: Any, inspection_id: str) -> dict[str, Any]:
    return p.mutation(
        "inspection.create",
        id=inspection_id,
        project_id=project.id,
        kind="random",
        started_at=NOW,
        template_id=template.id,
    )


def stored_answers(inspection_id: str) -> dict[str, Any]:
    db.session.expire_all()
    rows = db.session.scalars(select(Answer).where(Answer.inspection_id == inspection_id))
    return {a.item_id: a.value for a in rows}


def statuses(response: Any) -> list[str]:
    assert response.status_code == 200, response.get_json()
    return [r["status"] for r in response.get_json()["results"]]


def test_an_item_answered_twice_in_one_push_keeps_the_last(
    phone, inspector, project, template
) -> None:  # type: ignore[no-untyped-def]
    p, inspection_id = phone(inspector), new_id()
    item = yes_no_items(template)[0]
    response = p.push(
        create(p, project, template, inspection_id),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=item.id, value="yes"),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=item.id, value="no"),
    )
    assert statuses(response) == ["applied"] * 3
    assert stored_answers(inspection_id) == {item.id: "no"}


def test_a_refused_answer_in_a_push_leaves_the_others(phone, inspector, project, template) -> None:  # type: ignore[no-untyped-def]
    """The refusal sends the batch down the slow path (a savepoint each): the answers before
    and after it, and an overwrite of one of them, still apply."""
    p, inspection_id = phone(inspector), new_id()
    first, second, third = yes_no_items(template)[:3]
    response = p.push(
        create(p, project, template, inspection_id),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=first.id, value="yes"),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=second.id, value="maybe"),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=third.id, value="na"),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=first.id, value="no"),
    )
    assert statuses(response) == ["applied", "applied", "rejected", "applied", "applied"]
    assert stored_answers(inspection_id) == {first.id: "no", third.id: "na"}


def test_answers_to_a_refused_create_are_refused(
    phone, inspector, make_project, townships, template
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = make_project(township=townships[1], region_path=townships[1].path)
    p, inspection_id = phone(inspector), new_id()
    item = yes_no_items(template)[0]
    response = p.push(
        create(p, elsewhere, template, inspection_id),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=item.id, value="yes"),
    )
    assert statuses(response) == ["rejected", "rejected"]
    assert db.session.get(Inspection, inspection_id) is None


def test_an_item_of_another_checklist_is_refused(phone, inspector, project, templates) -> None:  # type: ignore[no-untyped-def]
    p, inspection_id = phone(inspector), new_id()
    other = next(t for t in templates.values() if t.id != templates["rural_toilet"].id)
    response = p.push(
        create(p, project, templates["rural_toilet"], inspection_id),
        p.mutation(
            "answer.set", inspection_id=inspection_id, item_id=other.items[0].id, value="yes"
        ),
    )
    results = response.get_json()["results"]
    assert [r["status"] for r in results] == ["applied", "rejected"]
    assert stored_answers(inspection_id) == {}


@pytest.mark.parametrize("existing", [False, True], ids=["new", "pushed_before"])
def test_a_puller_gets_every_answer_of_a_push(
    phone, inspector, project, template, existing
) -> None:  # type: ignore[no-untyped-def]
    p, inspection_id = phone(inspector), new_id()
    items = yes_no_items(template)[:4]
    batch = [create(p, project, template, inspection_id)]
    if existing:
        assert statuses(p.push(*batch)) == ["applied"]
        batch = []
    batch += [
        p.mutation("answer.set", inspection_id=inspection_id, item_id=i.id, value="yes")
        for i in items
    ]
    assert set(statuses(p.push(*batch))) == {"applied"}
    other = phone(inspector)
    other.sync_all()
    pulled = other.local[("inspection", inspection_id)]
    assert {a["item_id"] for a in pulled["answers"]} == {i.id for i in items}
    assert pulled["version"] == 1 + len(items)


@pytest.mark.parametrize("existing", [False, True], ids=["new", "pushed_before"])
def test_answers_follow_a_checklist_changed_earlier_in_the_push(
    phone, inspector, project, templates, existing
) -> None:  # type: ignore[no-untyped-def]
    p, inspection_id = phone(inspector), new_id()
    first, then = templates["rural_toilet"], templates["sewage"]
    batch = [create(p, project, first, inspection_id)]
    if existing:
        assert statuses(p.push(*batch)) == ["applied"]
        batch = []
    new_item, old_item = yes_no_items(then)[0], yes_no_items(first)[0]
    batch += [
        p.mutation("inspection.update", inspection_id=inspection_id, template_id=then.id),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=new_item.id, value="yes"),
        p.mutation("answer.set", inspection_id=inspection_id, item_id=old_item.id, value="yes"),
    ]
    assert statuses(p.push(*batch))[-3:] == ["applied", "applied", "rejected"]
    assert stored_answers(inspection_id) == {new_item.id: "yes"}
