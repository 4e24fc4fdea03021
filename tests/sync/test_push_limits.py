"""Size limits of push: a mutation's args are capped, a refused one keeps a bounded excerpt,
and the push request as a whole answers 413 above its own limit."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from server.db import db
from server.inspections.models import Inspection
from sync.args import EXCERPT_BYTES, encoded_size
from sync.models import MutationRecord
from tests.sync.conftest import NOW, new_id


def _inspection(p, project):  # type: ignore[no-untyped-def]
    return p.mutation(
        "inspection.create", id=new_id(), project_id=project.id, kind="revisit", started_at=NOW
    )


def _record() -> MutationRecord:
    return db.session.scalar(select(MutationRecord))


def test_args_over_the_cap_are_rejected_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    body = p.push(
        p.mutation("inspection.teleport", blob="x" * 70_000), _inspection(p, project)
    ).get_json()
    assert [r["status"] for r in body["results"]] == ["rejected", "applied"]
    assert body["results"][0]["code"] == "args_too_large"
    assert "太大" in body["results"][0]["message"]


def test_a_refused_mutation_keeps_a_bounded_excerpt(phone, inspector, project) -> None:
    p = phone(inspector)
    p.do("inspection.teleport", blob="长" * 20_000)
    stored = _record().args
    assert encoded_size(stored) < EXCERPT_BYTES + 200
    assert stored["_excerpt"].startswith('{"blob":"长长')


def test_a_large_refusal_still_names_its_record(phone, inspector, project) -> None:
    p = phone(inspector)
    issue_id = new_id()
    refused = p.do(
        "issue.create",
        id=issue_id,
        project_id=project.id,
        title="t",
        description="说明" * 3_000,  # over 5,000 characters
        severity="low",
    )
    assert refused["code"] == "invalid_args"
    (rejection,) = p.pull()["rejections"]
    assert (rejection["args"]["id"], rejection["args"]["project_id"]) == (issue_id, project.id)


def test_a_small_refusal_keeps_its_args_whole(phone, inspector, project) -> None:
    p = phone(inspector)
    p.do("inspection.teleport", x=1, note="现场")
    assert _record().args == {"x": 1, "note": "现场"}


def test_the_args_cap_is_a_setting(app, phone, inspector, project) -> None:
    app.config["SYNC_MAX_ARGS_BYTES"] = 1024
    p = phone(inspector)
    result = p.do(
        "inspection.create",
        id=new_id(),
        project_id=project.id,
        kind="revisit",
        started_at=NOW,
        notes="记" * 400,
    )
    assert result["code"] == "args_too_large"


def test_a_push_request_over_its_limit_is_413(phone, inspector, project) -> None:
    p = phone(inspector)
    mutations = [p.mutation("inspection.teleport", blob="x" * 60_000) for _ in range(150)]
    data = json.dumps({"client_id": p.client_id, "schema_version": 1, "mutations": mutations})
    assert len(data) > 8 * 1024 * 1024
    response = p.client.post(
        "/api/v1/sync/push",
        data=data,
        content_type="application/json",
        headers={"X-CSRF-Token": p.csrf},
    )
    assert response.status_code == 413
    assert response.get_json()["code"] == "payload_too_large"
    assert db.session.scalar(select(func.count()).select_from(MutationRecord)) == 0


def test_the_push_limit_is_a_setting(app, phone, inspector, project) -> None:
    app.config["SYNC_PUSH_MAX_BYTES"] = 2048
    p = phone(inspector)
    assert p.push(_inspection(p, project)).status_code == 200
    response = p.push(*(_inspection(p, project) for _ in range(20)))
    assert response.status_code == 413
    assert db.session.scalar(select(func.count()).select_from(Inspection)) == 1
