"""How many statements a push of answers costs the database: a checklist of answers must not
cost a round trip per answer for what the batch already knows (the inspection, its checklist
and its items, the answers it has, the change row it already wrote)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from server.db import db
from tests.sync.conftest import NOW, new_id

ANSWERS = 6
# statements per answer.set beyond what a push of one answer costs: its row's INSERT on SQLite
# (PostgreSQL inserts them all in one statement). Before answers were batched: 8 each, a push
# of inspection.create + 6 answer.set made 60 statements on PostgreSQL (now 14).
PER_ANSWER = 1


@contextmanager
def counting() -> Iterator[list[str]]:
    """The SQL statements sent to the database within (a multi-row INSERT counts once)."""
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def values(template: Any) -> list[dict[str, Any]]:
    """An answer for each of the first ANSWERS items of ``template``."""
    by_kind = {
        "yes_no_na": "yes",
        "photo": [new_id()],
        "gps": {"lat": 28.1, "lon": 120.1},
        "number": 3,
        "text": "好",
        "date": "2023-07-31",
    }
    items = list(template.items)[:ANSWERS]
    assert len(items) == ANSWERS
    return [
        {"item_id": i.id, "value": i.options[0] if i.kind == "choice" else by_kind[i.kind]}
        for i in items
    ]


@pytest.fixture
def pushed(phone, inspector, project, templates):  # type: ignore[no-untyped-def]
    """``push(answers, existing)``: the statements of one push that answers ``answers`` items
    of a checklist, into a new inspection created in the same push or into one pushed before."""
    p = phone(inspector)
    template = templates["rural_toilet"]

    def push(answers: int, existing: bool) -> list[str]:
        inspection_id = new_id()
        create = p.mutation(
            "inspection.create",
            id=inspection_id,
            project_id=project.id,
            kind="random",
            started_at=NOW,
            template_id=template.id,
        )
        batch = [] if existing else [create]
        if existing:
            assert p.push(create).status_code == 200
        batch += [
            p.mutation("answer.set", inspection_id=inspection_id, **a)
            for a in values(template)[:answers]
        ]
        with counting() as statements:
            response = p.push(*batch)
        results = response.get_json()["results"]
        assert {r["status"] for r in results} <= {"applied"}, results
        return statements

    return push


@pytest.mark.parametrize("existing", [False, True], ids=["new", "pushed_before"])
def test_answers_cost_at_most_one_statement_each(pushed, existing) -> None:  # type: ignore[no-untyped-def]
    pushed(1, existing)  # a first push warms what any push loads (the session, the client row)
    without = pushed(1, existing)
    with_all = pushed(ANSWERS, existing)
    assert len(with_all) <= len(without) + ANSWERS * PER_ANSWER, "\n".join(with_all)
