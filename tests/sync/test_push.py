"""Push: exactly once, in order, nothing dropped, nothing blocking the queue."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from server.db import db
from server.inspections.models import Inspection
from sync.models import ChangeLog, MutationRecord, SyncClient
from tests.sync.conftest import NOW, new_id


@pytest.fixture
def project(make_project, townships):  # type: ignore[no-untyped-def]
    east = townships[0]
    return make_project(township=east, region_path=east.path, lat=28.1, lon=120.1)


def create_args(project, **extra):  # type: ignore[no-untyped-def]
    return {"id": new_id(), "project_id": project.id, "kind": "revisit", "started_at": NOW, **extra}


def count(model) -> int:  # type: ignore[no-untyped-def]
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_mutation_is_applied_and_advances_the_client(phone, inspector, project) -> None:
    p = phone(inspector)
    response = p.push(p.mutation("inspection.create", **create_args(project)))
    body = response.get_json()
    assert body == {"last_mutation_id": 1, "results": [{"id": 1, "status": "applied"}]}
    assert count(Inspection) == 1


def test_replayed_batch_changes_nothing(phone, inspector, project) -> None:
    p = phone(inspector)
    batch = [
        p.mutation("inspection.create", **create_args(project)),
        p.mutation("inspection.create", **create_args(project)),
    ]
    p.push(*batch)
    again = p.push(*batch).get_json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]
    assert count(Inspection) == 2


def test_gap_stops_the_batch(phone, inspector, project) -> None:
    p = phone(inspector)
    first = p.mutation("inspection.create", **create_args(project))
    p.next_id += 1  # mutation 2 was lost
    third = p.mutation("inspection.create", **create_args(project))
    body = p.push(first, third).get_json()
    assert body["last_mutation_id"] == 1
    assert [r["id"] for r in body["results"]] == [1]


def test_unknown_mutation_is_rejected_and_does_not_block(phone, inspector, project) -> None:
    p = phone(inspector)
    body = p.push(
        p.mutation("inspection.teleport", x=1),
        p.mutation("inspection.create", **create_args(project)),
    ).get_json()
    assert [r["status"] for r in body["results"]] == ["rejected", "applied"]
    assert body["results"][0]["code"] == "unknown_mutation"
    assert "不认识的操作" in body["results"][0]["message"]
    assert body["last_mutation_id"] == 2


def test_invalid_args_are_rejected_with_the_field(phone, inspector, project) -> None:
    p = phone(inspector)
    result = p.do("inspection.create", **create_args(project, kind="picnic"))
    assert result["code"] == "invalid_args"
    assert "kind" in result["message"]


def test_one_bad_mutation_in_a_batch_applies_the_rest(phone, inspector, project) -> None:
    p = phone(inspector)
    good1, good2 = create_args(project), create_args(project)
    bad = create_args(project, project_id=999_999)
    body = p.push(*(p.mutation("inspection.create", **a) for a in (good1, bad, good2))).get_json()
    assert [r["status"] for r in body["results"]] == ["applied", "rejected", "applied"]
    assert body["results"][1]["code"] == "not_found"
    assert count(Inspection) == 2


def test_rejection_is_recorded_with_its_args(phone, inspector, project) -> None:
    p = phone(inspector)
    p.do("inspection.create", **create_args(project, project_id=999_999))
    record = db.session.scalar(select(MutationRecord))
    assert (record.mutation_id, record.status, record.code) == (1, "rejected", "not_found")
    assert record.args["project_id"] == 999_999


def test_project_outside_the_inspectors_townships_is_not_found(
    phone, inspector, make_project, townships
) -> None:
    west = townships[1]
    elsewhere = make_project(township=west, region_path=west.path)
    result = phone(inspector).do("inspection.create", **create_args(elsewhere))
    assert result["code"] == "not_found"


def test_client_of_another_user_is_refused(app, phone, inspector, make_user, project) -> None:
    p = phone(inspector)
    p.do("inspection.create", **create_args(project))
    thief = phone(make_user("inspector"))
    thief.client_id = p.client_id
    response = thief.push(thief.mutation("inspection.create", **create_args(project)))
    assert response.status_code == 403
    assert response.get_json()["code"] == "client_mismatch"


def test_unsupported_schema_version_keeps_the_queue(phone, inspector, project) -> None:
    p = phone(inspector)
    response = p.push(p.mutation("inspection.create", **create_args(project)), schema_version=99)
    assert response.status_code == 409
    assert response.get_json()["code"] == "schema_version_unsupported"
    assert count(Inspection) == 0


def test_push_needs_csrf(phone, inspector) -> None:
    p = phone(inspector)
    response = p.client.post(
        "/api/v1/sync/push", json={"client_id": p.client_id, "schema_version": 1, "mutations": []}
    )
    assert response.status_code == 403


def test_duplicate_ids_in_one_batch_are_refused(phone, inspector, project) -> None:
    p = phone(inspector)
    m = p.mutation("inspection.create", **create_args(project))
    response = p.push(m, m)
    assert response.status_code == 422


def test_empty_push_reports_last_mutation_id(phone, inspector, project) -> None:
    p = phone(inspector)
    p.do("inspection.create", **create_args(project))
    assert p.push().get_json()["last_mutation_id"] == 1


def test_same_record_id_from_a_second_install_of_the_same_user_is_idempotent(
    phone, inspector, project
) -> None:
    args = create_args(project)
    assert phone(inspector).do("inspection.create", **args)["status"] == "applied"
    assert phone(inspector).do("inspection.create", **args)["status"] == "applied"
    assert count(Inspection) == 1


def test_record_id_of_another_user_is_taken(
    phone, inspector, make_user, project, townships
) -> None:
    args = create_args(project)
    phone(inspector).do("inspection.create", **args)
    other = make_user("inspector", townships=[townships[0]])
    assert phone(other).do("inspection.create", **args)["code"] == "id_taken"


def test_client_row_records_progress(phone, inspector, project) -> None:
    p = phone(inspector)
    p.do("inspection.create", **create_args(project))
    client = db.session.get(SyncClient, p.client_id)
    db.session.refresh(client)
    assert (client.user_id, client.last_mutation_id) == (inspector.id, 1)


@pytest.mark.parametrize("project_id", [2**31, 2**63, -1, 0])
def test_out_of_range_ids_are_invalid_args_not_server_errors(phone, inspector, project_id) -> None:
    result = phone(inspector).do(
        "inspection.create", id=new_id(), project_id=project_id, kind="routine", started_at=NOW
    )
    assert result["code"] == "invalid_args"


def test_nul_characters_are_rejected_and_do_not_block_the_queue(phone, inspector, project) -> None:
    p = phone(inspector)
    body = p.push(
        p.mutation("inspection.create", **create_args(project, notes="a\x00b")),
        p.mutation("bad\x00name"),
        p.mutation("inspection.create", **create_args(project)),
    ).get_json()
    assert [r["status"] for r in body["results"]] == ["rejected", "rejected", "applied"]
    assert body["results"][0]["code"] == "invalid_args"


def test_new_record_pushed_in_a_batch_is_logged_in_its_owners_scope(
    phone, inspector, project
) -> None:
    p = phone(inspector)
    args = create_args(project)
    p.push(
        p.mutation("inspection.create", **args),
        p.mutation("inspection.create", **create_args(project)),
    )
    row = db.session.scalar(select(ChangeLog).where(ChangeLog.entity_id == args["id"]))
    assert (row.op, row.owner_id, row.township_id) == ("put", inspector.id, project.township_id)


def test_a_refused_effect_rolls_back_only_its_own_writes(phone, inspector, project) -> None:
    p = phone(inspector)
    first = create_args(project)
    p.do("inspection.create", **first)
    p.do("inspection.submit", inspection_id=first["id"])
    fresh = create_args(project)
    body = p.push(
        p.mutation("inspection.create", **fresh),
        p.mutation("inspection.update", inspection_id=first["id"], notes="晚了"),
        p.mutation("inspection.update", inspection_id=fresh["id"], notes="现场已核实"),
    ).get_json()
    assert [r["status"] for r in body["results"]] == ["applied", "rejected", "applied"]
    assert db.session.get(Inspection, fresh["id"]).notes == "现场已核实"
    assert db.session.get(Inspection, first["id"]).notes is None
    logged = db.session.scalars(
        select(ChangeLog.entity_id).where(ChangeLog.entity_id == fresh["id"])
    )
    assert len(list(logged)) == 2
