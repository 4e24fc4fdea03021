"""A full copy costs a fixed number of SQL statements, however many records it holds: records,
their children and their scopes are loaded a type at a time, never one by one."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from server.auth.models import User
from server.db import db
from server.regions.models import Region
from tests.sync.conftest import NOW, Phone, new_id


@contextmanager
def counted() -> Iterator[list[str]]:
    """The SQL statements run within."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.fixture
def fill(phone, make_project, make_user, county, townships, templates) -> Callable[[int], None]:  # type: ignore[no-untyped-def]
    """Adds ``n`` of each: projects, inspections with two answers and a photo, problems; each
    by an inspector of its own (people are loaded a page at a time too)."""
    template_id = templates["general"].id
    items = [i.id for i in templates["general"].items if i.kind == "yes_no_na"][:2]
    county_id, town_id = county.id, townships[0].id

    def add(n: int) -> None:
        town = db.session.get(Region, town_id)  # the copies start from an empty session
        for _ in range(n):
            p = phone(make_user("inspector", townships=[town]))
            finder = phone(make_user("inspector", townships=[town]))  # of the problem
            project = make_project(
                county=db.session.get(Region, county_id), township=town, region_path=town.path
            )
            inspection = new_id()
            mutations = [
                p.mutation(
                    "inspection.create",
                    id=inspection,
                    project_id=project.id,
                    kind="routine",
                    template_id=template_id,
                    started_at=NOW,
                ),
                *(
                    p.mutation("answer.set", inspection_id=inspection, item_id=i, value="yes")
                    for i in items
                ),
                p.mutation(
                    "photo.attach",
                    id=new_id(),
                    sha256=hashlib.sha256(inspection.encode()).hexdigest(),
                    size=1000,
                    content_type="image/jpeg",
                    owner_type="inspection",
                    owner_id=inspection,
                ),
            ]
            problem = [
                finder.mutation(
                    "issue.create",
                    id=new_id(),
                    project_id=project.id,
                    title="围挡破损",
                    description="东侧围挡倒塌。",
                    severity="medium",
                ),
            ]
            for who, batch in ((p, mutations), (finder, problem)):
                results = who.push(*batch).get_json()["results"]
                assert {r["status"] for r in results} == {"applied"}, results

    return add


def _full_copy_statements(phone, user, limit: int = 2000) -> tuple[list[int], int]:  # type: ignore[no-untyped-def]
    """Statements per page of a new install's full copy, and the records it received."""
    p: Phone = phone(user)
    per_page = []
    while True:
        db.session.expunge_all()  # nothing loaded before: a server's session starts empty
        with counted() as seen:
            body = p.pull(limit=limit)
        per_page.append(len(seen))
        if not body["has_more"]:
            return per_page, len(p.local)


def test_a_full_copy_takes_as_many_statements_for_many_records_as_for_few(
    phone, fill, make_user, county
) -> None:
    office = make_user("supervisor", region=county)
    fill(2)
    few, few_records = _full_copy_statements(phone, office)
    fill(10)
    many, many_records = _full_copy_statements(phone, db.session.get(User, office.id))
    assert many_records >= few_records + 40  # the records did grow…
    assert many == few  # …the statements did not
