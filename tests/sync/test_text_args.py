"""Text a person typed on a phone: control characters and lone surrogates are refused
(rejected invalid_args, nothing written), line breaks in multi-line text are fine."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from server.db import db
from server.issues.models import Issue
from server.reports.models import DeputyReport
from tests.sync.conftest import new_id


@pytest.fixture
def inspector(phone, make_user, townships):  # type: ignore[no-untyped-def]
    return phone(make_user("inspector", townships=[townships[0]]))


@pytest.fixture
def deputy(phone, make_user, county):  # type: ignore[no-untyped-def]
    return phone(make_user("deputy", region=county))


def create_issue(inspector, **args):  # type: ignore[no-untyped-def]
    base = {"id": new_id(), "title": "管网无水", "description": "三户无水", "severity": "high"}
    return inspector.do("issue.create", **{**base, **args})


def issues() -> int:
    return db.session.scalar(select(func.count()).select_from(Issue)) or 0


def test_a_control_character_in_a_problem_title_is_rejected(inspector) -> None:  # type: ignore[no-untyped-def]
    result = create_issue(inspector, title="管网\x01无水")
    assert (result["status"], result["code"]) == ("rejected", "invalid_args")
    assert "控制字符" in result["message"]
    assert issues() == 0


def test_a_line_break_in_a_problem_title_is_rejected(inspector) -> None:  # type: ignore[no-untyped-def]
    result = create_issue(inspector, title="管网\n无水")
    assert (result["status"], result["code"]) == ("rejected", "invalid_args")


def test_a_tab_in_a_problem_title_is_fine(inspector) -> None:  # type: ignore[no-untyped-def]
    # the phone takes the title from the description's first line, tabs and all
    assert create_issue(inspector, title="管网\t无水")["status"] == "applied"


def test_line_breaks_in_a_description_are_fine(inspector) -> None:  # type: ignore[no-untyped-def]
    assert create_issue(inspector, description="一户\n二户\t三户")["status"] == "applied"


def test_a_vertical_tab_in_a_deputys_report_is_rejected(deputy) -> None:  # type: ignore[no-untyped-def]
    result = deputy.do("report.create", id=new_id(), title="路灯不亮", description="村口\x0b路灯")
    assert (result["status"], result["code"]) == ("rejected", "invalid_args")
    assert db.session.scalar(select(func.count()).select_from(DeputyReport)) == 0


def test_a_lone_surrogate_in_an_ignored_arg_is_rejected(inspector) -> None:  # type: ignore[no-untyped-def]
    args = {
        "id": new_id(),
        "title": "管网无水",
        "description": "",
        "severity": "high",
        "x": "\ud800",
    }
    body = {
        "client_id": inspector.client_id,
        "schema_version": 1,
        "mutations": [{"id": 1, "name": "issue.create", "args": args}],
    }
    response = inspector.client.post(
        "/api/v1/sync/push",
        data=json.dumps(body),  # ASCII: \ud800 travels as the JSON escape a phone sends
        content_type="application/json",
        headers={"X-CSRF-Token": inspector.csrf},
    )
    assert response.status_code == 200, response.get_json()
    result = response.get_json()["results"][0]
    assert (result["status"], result["code"]) == ("rejected", "invalid_args")
    assert issues() == 0


def test_a_control_character_in_a_text_answer_is_rejected(
    inspector, make_project, townships, templates
) -> None:  # type: ignore[no-untyped-def]
    east = townships[0]
    project = make_project(township=east, region_path=east.path)
    template = templates["rural_toilet"]
    inspection_id = new_id()
    started = {"project_id": project.id, "kind": "random", "started_at": "2023-07-01T02:00:00Z"}
    created = inspector.do(
        "inspection.create", id=inspection_id, template_id=template.id, **started
    )
    assert created["status"] == "applied"
    text_item = next(i for i in template.items if i.kind == "text")
    result = inspector.do(
        "answer.set", inspection_id=inspection_id, item_id=text_item.id, value="门锁\x1b坏了"
    )
    assert (result["status"], result["code"]) == ("rejected", "invalid_args")
