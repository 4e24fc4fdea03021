"""Assigning tasks and one's own list: roles, townships and regions, due dates."""

from server.db import db
from server.planning.models import InspectionTask
from tests.conftest import PASSWORD
from tests.planning.conftest import AS_OF


def _plan(office, kind: str, **fields):  # type: ignore[no-untyped-def]
    body = {"name": f"{kind} 清单", "kind": kind, "as_of": AS_OF, **fields}
    response = office.post("/api/v1/plans", body)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _task_of(plan, project) -> int:  # type: ignore[no-untyped-def]
    return next(t["id"] for t in plan["tasks"] if t["project"]["id"] == project.id)


def _assign(office, plan, task_ids, assignee, **fields):  # type: ignore[no-untyped-def]
    return office.post(
        f"/api/v1/plans/{plan['id']}/assignments",
        {"task_ids": task_ids, "assignee_id": assignee.id, **fields},
    )


def test_assign_to_the_inspector_of_the_township(office, ledger, people) -> None:
    plan = _plan(office, "focused")
    task = _task_of(plan, ledger["east_behind"])
    response = _assign(office, plan, [task], people["east_inspector"], due_date="2023-08-20")
    assert response.status_code == 200, response.get_json()
    [assigned] = response.get_json()["items"]
    assert assigned["assignee"]["id"] == people["east_inspector"].id
    assert assigned["due_date"] == "2023-08-20"
    shown = office.get(f"/api/v1/plans/{plan['id']}").get_json()
    assert shown["assigned_count"] == 1


def test_an_inspector_outside_the_township_is_refused(office, ledger, people) -> None:
    plan = _plan(office, "focused")
    west_task = _task_of(plan, ledger["west_behind"])
    response = _assign(office, plan, [west_task], people["east_inspector"])
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "assignee_out_of_scope"
    assert "不负责以下项目所在的乡镇或地区" in body["message"]
    assert "项目W4" in body["message"]
    assert db.session.get(InspectionTask, west_task).assignee_id is None


def test_only_inspectors_take_tasks_but_deputies_join_joint_checks(office, ledger, people) -> None:
    focused = _plan(office, "focused")
    refused = _assign(office, focused, [_task_of(focused, ledger["east_behind"])], people["deputy"])
    assert refused.status_code == 422
    assert refused.get_json()["errors"] == {"assignee_id": ["此类任务只能交给督查员"]}
    joint = _plan(office, "joint", project_ids=[ledger["county_on"].id])
    accepted = _assign(office, joint, [joint["tasks"][0]["id"]], people["deputy"])
    assert accepted.status_code == 200, accepted.get_json()


def test_a_deputy_of_another_region_is_refused(office, ledger, make_user, townships) -> None:
    _, west = townships
    west_deputy = make_user("deputy", region=west)
    joint = _plan(office, "joint", project_ids=[ledger["east_behind"].id])
    response = _assign(office, joint, [joint["tasks"][0]["id"]], west_deputy)
    assert response.get_json()["code"] == "assignee_out_of_scope"


def test_tasks_of_another_plan_and_unknown_people_are_refused(office, ledger, people) -> None:
    first = _plan(office, "focused")
    second = _plan(office, "revisit")
    response = _assign(office, first, [second["tasks"][0]["id"]], people["east_inspector"])
    assert response.status_code == 422
    assert "task_ids" in response.get_json()["errors"]
    nobody = office.post(
        f"/api/v1/plans/{first['id']}/assignments",
        {"task_ids": [first["tasks"][0]["id"]], "assignee_id": 999999},
    )
    assert nobody.get_json()["errors"] == {"assignee_id": ["找不到该用户或账号已停用"]}


def test_a_finished_task_is_not_reassigned(office, ledger, people) -> None:
    plan = _plan(office, "focused")
    task_id = _task_of(plan, ledger["east_behind"])
    db.session.get(InspectionTask, task_id).status = "done"
    db.session.commit()
    response = _assign(office, plan, [task_id], people["east_inspector"])
    assert response.status_code == 409
    assert response.get_json()["code"] == "task_done"


def test_candidates_cover_the_plans_projects(office, ledger, people) -> None:
    plan = _plan(office, "focused", project_ids=[ledger["west_behind"].id])
    items = office.get(f"/api/v1/plans/{plan['id']}/candidates").get_json()["items"]
    assert [u["id"] for u in items] == [people["west_inspector"].id]
    joint = _plan(office, "joint", project_ids=[ledger["west_behind"].id])
    items = office.get(f"/api/v1/plans/{joint['id']}/candidates").get_json()["items"]
    assert {u["id"] for u in items} == {people["west_inspector"].id, people["deputy"].id}


def test_an_inspector_lists_their_own_tasks(app, office, ledger, people) -> None:
    plan = _plan(office, "revisit", due_date="2023-09-01")
    _assign(office, plan, [_task_of(plan, ledger["east_done"])], people["east_inspector"])
    _assign(office, plan, [_task_of(plan, ledger["west_done"])], people["west_inspector"])
    phone = app.test_client()
    phone.post(
        "/api/v1/auth/login",
        json={"username": people["east_inspector"].username, "password": PASSWORD},
    )
    items = phone.get("/api/v1/tasks/mine").get_json()["items"]
    assert [t["project"]["id"] for t in items] == [ledger["east_done"].id]
    assert items[0]["plan"]["kind_label"] == "回头看"
    assert items[0]["status_label"] == "待办"
    assert items[0]["due_date"] == "2023-09-01"


def test_an_office_of_another_region_neither_sees_nor_plans_outside_it(
    app, office, ledger, people, townships
) -> None:
    east, _ = townships
    plan = _plan(office, "focused", region_id=east.id)
    other = app.test_client()
    login = other.post(
        "/api/v1/auth/login",
        json={"username": people["west_office"].username, "password": PASSWORD},
    )
    token = login.get_json()["csrf_token"]
    assert other.get(f"/api/v1/plans/{plan['id']}").status_code == 404
    assert other.get("/api/v1/plans").get_json()["items"] == []
    response = other.post(
        "/api/v1/plans",
        json={"name": "x", "kind": "focused", "as_of": AS_OF, "region_id": east.id},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"region_id": ["该地区不在您的管辖范围内"]}
    own = other.post(
        "/api/v1/plans",
        json={"name": "x", "kind": "focused", "as_of": AS_OF},
        headers={"X-CSRF-Token": token},
    ).get_json()
    assert own["sample"] == [ledger["west_behind"].id]  # the west office's own region


def test_names_with_braces_read_back_in_the_message(office, ledger, people) -> None:
    ledger["west_behind"].name = "{东}路灯"
    db.session.commit()
    plan = _plan(office, "focused")
    response = _assign(
        office, plan, [_task_of(plan, ledger["west_behind"])], people["east_inspector"]
    )
    assert response.status_code == 422
    assert response.get_json()["message"].endswith("：{东}路灯")
