"""Tasks reach their assignee's phone by pull, and no one else's."""

from __future__ import annotations

import pytest

from tests.sync.conftest import NOW, new_id

PLAN = {"name": "回头看", "kind": "revisit", "as_of": "2023-07-31", "due_date": "2023-08-31"}


@pytest.fixture
def world(make_user, make_project, townships):  # type: ignore[no-untyped-def]
    east, _ = townships
    done = make_project(code="E1", township=east, region_path=east.path, progress=100)
    return {
        "project": done,
        "mine": make_user("inspector", townships=[east]),
        "colleague": make_user("inspector", townships=[east]),  # same township, not assigned
        "office": make_user("supervisor"),
    }


def _office_assigns(phone, world, assignee) -> dict:  # type: ignore[no-untyped-def,type-arg]
    office = phone(world["office"])
    plan = office.client.post("/api/v1/plans", json=PLAN, headers={"X-CSRF-Token": office.csrf})
    assert plan.status_code == 201, plan.get_json()
    plan = plan.get_json()
    response = office.client.post(
        f"/api/v1/plans/{plan['id']}/assignments",
        json={"task_ids": [plan["tasks"][0]["id"]], "assignee_id": assignee.id},
        headers={"X-CSRF-Token": office.csrf},
    )
    assert response.status_code == 200, response.get_json()
    return plan


def test_an_assigned_task_reaches_the_assignees_phone_only(phone, world) -> None:
    mine, colleague = phone(world["mine"]), phone(world["colleague"])
    mine.pull()
    colleague.pull()
    plan = _office_assigns(phone, world, world["mine"])
    task_id = str(plan["tasks"][0]["id"])

    body = mine.pull()
    assert body["reset"] is False
    assert [(c["op"], c["type"], c["id"]) for c in body["changes"]] == [("put", "task", task_id)]
    task = mine.local[("task", task_id)]
    assert task["project_id"] == world["project"].id
    assert task["kind"] == "revisit"
    assert task["plan"]["name"] == "回头看"
    assert task["due_date"] == "2023-08-31"
    assert task["status"] == "todo"

    assert colleague.pull()["changes"] == []
    assert colleague.ids("task") == set()


def test_a_new_phone_gets_its_tasks_in_the_full_copy(phone, world) -> None:
    plan = _office_assigns(phone, world, world["mine"])
    fresh = phone(world["mine"])
    fresh.sync_all()
    assert fresh.ids("task") == {str(plan["tasks"][0]["id"])}
    other = phone(world["colleague"])
    other.sync_all()
    assert other.ids("task") == set()


def test_a_reassigned_task_leaves_the_first_phone(phone, world) -> None:
    mine, colleague = phone(world["mine"]), phone(world["colleague"])
    plan = _office_assigns(phone, world, world["mine"])
    mine.sync_all()
    colleague.sync_all()
    task_id = str(plan["tasks"][0]["id"])
    assert mine.ids("task") == {task_id}

    office = phone(world["office"])
    office.client.post(
        f"/api/v1/plans/{plan['id']}/assignments",
        json={"task_ids": [int(task_id)], "assignee_id": world["colleague"].id},
        headers={"X-CSRF-Token": office.csrf},
    )
    body = mine.pull()
    assert [(c["op"], c["type"], c["id"]) for c in body["changes"]] == [("del", "task", task_id)]
    assert mine.ids("task") == set()
    colleague.pull()
    assert colleague.ids("task") == {task_id}


def _inspect(device, project, kind: str) -> str:  # type: ignore[no-untyped-def]
    inspection_id = new_id()
    created = device.do(
        "inspection.create", id=inspection_id, project_id=project.id, kind=kind, started_at=NOW
    )
    assert created["status"] == "applied", created
    submitted = device.do("inspection.submit", inspection_id=inspection_id)
    assert submitted["status"] == "applied", submitted
    return inspection_id


def test_submitting_an_inspection_of_the_task_completes_it(phone, world) -> None:
    plan = _office_assigns(phone, world, world["mine"])
    task_id = str(plan["tasks"][0]["id"])
    mine = phone(world["mine"])
    mine.sync_all()
    _inspect(mine, world["project"], "routine")  # another kind leaves the task open
    mine.pull()
    assert mine.local[("task", task_id)]["status"] == "todo"

    inspection_id = _inspect(mine, world["project"], "revisit")
    mine.pull()
    task = mine.local[("task", task_id)]
    assert task["status"] == "done"
    assert task["inspection_id"] == inspection_id
    assert task["completed_at"] is not None


def test_a_colleagues_inspection_does_not_complete_my_task(phone, world) -> None:
    plan = _office_assigns(phone, world, world["mine"])
    _inspect(phone(world["colleague"]), world["project"], "revisit")
    mine = phone(world["mine"])
    mine.sync_all()
    assert mine.local[("task", str(plan["tasks"][0]["id"]))]["status"] == "todo"
