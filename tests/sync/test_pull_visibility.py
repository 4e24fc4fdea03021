"""Pull sends a record's data only to those who may see it now, for every record type, in an
incremental pull and in a full copy, whatever rows the cookie selects.

Each case makes a record its viewer sees, changes it once more in that scope, then moves it out
of the viewer's sight. The viewer's pages are one row long, so a page can hold an old change
that was visible when it was made; its record must still come as a ``del``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from server.db import db
from sync.changes import log_change
from sync.registry import record_type
from tests.sync.conftest import NOW, Phone, new_id

Case = tuple[Any, str, str, Callable[[], None]]  # viewer (a user), type, id, the move


@pytest.fixture
def world(make_user, make_unit, make_project, make_region, county, townships, templates):  # type: ignore[no-untyped-def]
    east, west = townships
    water, roads = make_unit("水利局"), make_unit("交通局")
    return {
        "east": make_project(
            code="E1", township=east, region_path=east.path, unit=water, progress=100
        ),
        "west": make_project(code="W1", township=west, region_path=west.path, unit=roads),
        "west_township": west,
        "inspector": make_user("inspector", townships=[east]),
        "colleague": make_user("inspector", townships=[east]),
        "office": make_user("supervisor", region=county),
        "deputy": make_user("deputy", region=county),
        "water": water,
        "roads": roads,
        "water_user": make_user("unit", unit=water),
        "other_county": make_region("邻县", "county"),
    }


def _move(entity_type: str, record_id: Any, **changes: Any) -> Callable[[], None]:
    def move() -> None:
        record = db.session.get(record_type(entity_type).model, record_id)
        for name, value in changes.items():
            setattr(record, name, value)
        log_change(db.session, entity_type, record)
        db.session.commit()

    return move


def _assigned_issue(phone, w) -> str:  # type: ignore[no-untyped-def]
    issue_id = new_id()
    created = phone(w["inspector"]).do(
        "issue.create",
        id=issue_id,
        project_id=w["east"].id,
        title="t",
        description="d",
        severity="low",
    )
    assigned = phone(w["office"]).do(
        "issue.transition",
        issue_id=issue_id,
        expected_from="found",
        to="assigned",
        unit_id=w["water"].id,
        deadline="2023-09-01",
    )
    assert (created["status"], assigned["status"]) == ("applied", "applied"), assigned
    return issue_id


def project_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    west = w["west_township"]
    move = _move("project", w["east"].id, township=west, region_path=west.path)
    return w["inspector"], "project", str(w["east"].id), move


def inspection_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    inspection_id = new_id()
    created = phone(w["inspector"]).do(
        "inspection.create",
        id=inspection_id,
        project_id=w["east"].id,
        kind="routine",
        started_at=NOW,
    )
    assert created["status"] == "applied", created
    move = _move("inspection", inspection_id, project=w["west"])
    return w["colleague"], "inspection", inspection_id, move


def issue_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    issue_id = _assigned_issue(phone, w)
    return w["water_user"], "issue", issue_id, _move("issue", issue_id, unit=w["roads"])


def photo_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    issue_id, photo_id = _assigned_issue(phone, w), new_id()
    attached = phone(w["inspector"]).do(
        "photo.attach",
        id=photo_id,
        sha256="b" * 64,
        size=10,
        content_type="image/jpeg",
        owner_type="issue",
        owner_id=issue_id,
    )
    assert attached["status"] == "applied", attached
    return w["water_user"], "photo", photo_id, _move("issue", issue_id, unit=w["roads"])


def report_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    report_id = new_id()
    created = phone(w["deputy"]).do("report.create", id=report_id, title="路灯", description="d")
    assert created["status"] == "applied", created
    move = _move("report", report_id, region_path=w["other_county"].path)
    return w["office"], "report", report_id, move


def task_case(phone, w) -> Case:  # type: ignore[no-untyped-def]
    office = phone(w["office"])
    plan = office.client.post(
        "/api/v1/plans",
        json={"name": "回头看", "kind": "revisit", "as_of": "2023-07-31"},
        headers={"X-CSRF-Token": office.csrf},
    ).get_json()
    task_id = plan["tasks"][0]["id"]
    response = office.client.post(
        f"/api/v1/plans/{plan['id']}/assignments",
        json={"task_ids": [task_id], "assignee_id": w["inspector"].id},
        headers={"X-CSRF-Token": office.csrf},
    )
    assert response.status_code == 200, response.get_json()
    return w["inspector"], "task", str(task_id), _move("task", task_id, assignee=w["colleague"])


CASES = [project_case, inspection_case, issue_case, photo_case, report_case, task_case]


def _touch(entity_type: str, record_id: str) -> None:
    """One more change while the record is still in the viewer's sight."""
    key: Any = int(record_id) if entity_type in ("project", "task") else record_id
    log_change(db.session, entity_type, db.session.get(record_type(entity_type).model, key))
    db.session.commit()


def _puts(pages: list[dict[str, Any]], entity_type: str, record_id: str) -> list[Any]:
    return [
        c
        for page in pages
        for c in page["changes"]
        if (c["op"], c["type"], c["id"]) == ("put", entity_type, record_id)
    ]


def _rest(p: Phone) -> list[dict[str, Any]]:
    pages = [p.pull(limit=1)]
    while pages[-1]["has_more"]:
        pages.append(p.pull(limit=1))
    return pages


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_incremental_pull_never_sends_a_record_moved_out_of_sight(app, phone, world, case) -> None:
    viewer, entity_type, record_id, move = case(phone, world)
    p = phone(viewer)
    p.sync_all()
    assert record_id in p.ids(entity_type)
    _touch(entity_type, record_id)
    move()
    pages = _rest(p)
    assert pages[0]["reset"] is False
    assert _puts(pages, entity_type, record_id) == []
    assert record_id not in p.ids(entity_type)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.__name__)
def test_full_copy_never_sends_a_record_moved_out_of_sight(app, phone, world, case) -> None:
    viewer, entity_type, record_id, move = case(phone, world)
    _touch(entity_type, record_id)  # its latest change is the last the copy would page through
    p = phone(viewer)
    first = p.pull(limit=1)
    assert first["reset"] is True and first["has_more"] is True
    assert _puts([first], entity_type, record_id) == []
    move()
    assert _puts(_rest(p), entity_type, record_id) == []
    assert record_id not in p.ids(entity_type)
