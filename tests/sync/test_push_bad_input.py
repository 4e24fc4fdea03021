"""Input no database can take is refused mutation by mutation, never a 500 for the whole batch:
dates out of range, lone surrogates, NUL characters (PostgreSQL)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select

from server.db import db
from server.inspections.models import Inspection
from tests.sync.conftest import NOW, new_id

FAR_PAST = "0001-01-01T00:00:00+14:00"  # before year 1 in UTC
FAR_FUTURE = "9999-12-31T23:59:59-14:00"  # after year 9999 in UTC


def _create(project, **extra: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"id": new_id(), "project_id": project.id, "kind": "revisit", "started_at": NOW, **extra}


def _statuses(p, *mutations) -> list[tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    """Push as a phone's JSON does: ASCII, a lone surrogate written as its \\u escape."""
    body = {"client_id": p.client_id, "schema_version": 1, "mutations": list(mutations)}
    response = p.client.post(
        "/api/v1/sync/push",
        data=json.dumps(body),
        content_type="application/json",
        headers={"X-CSRF-Token": p.csrf},
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return [(r["status"], r.get("code")) for r in response.get_json()["results"]]


def _good(p, project):  # type: ignore[no-untyped-def]
    return p.mutation("inspection.create", **_create(project))


def _inspections() -> int:
    return db.session.scalar(select(func.count()).select_from(Inspection)) or 0


@pytest.mark.parametrize("started_at", [FAR_PAST, FAR_FUTURE, "1900-01-01T00:00:00+08:00"])
def test_a_start_time_out_of_range_is_refused_alone(phone, inspector, project, started_at) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.create", **_create(project, started_at=started_at))
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]
    assert _inspections() == 1


def test_a_location_time_out_of_range_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    location = {"lat": 28.1, "lon": 120.1, "accuracy_m": 5, "at": FAR_PAST}
    bad = p.mutation("inspection.create", **_create(project, location=location))
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_a_photo_time_out_of_range_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    created = _create(project)
    photo = {
        "id": new_id(),
        "sha256": "c" * 64,
        "size": 10,
        "content_type": "image/jpeg",
        "owner_type": "inspection",
        "owner_id": created["id"],
        "taken_at": FAR_FUTURE,
    }
    statuses = _statuses(
        p, p.mutation("inspection.create", **created), p.mutation("photo.attach", **photo)
    )
    assert statuses == [("applied", None), ("rejected", "invalid_args")]


@pytest.mark.parametrize("deadline", ["0001-01-01", "9999-12-31"])
def test_a_deadline_out_of_range_is_refused(phone, inspector, project, deadline) -> None:
    p = phone(inspector)
    issue = {"id": new_id(), "project_id": project.id, "title": "t", "description": "d"}
    bad = p.mutation("issue.create", **issue, severity="low", suggested_deadline=deadline)
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_the_message_names_the_date_field(phone, inspector, project) -> None:
    result = phone(inspector).do("inspection.create", **_create(project, started_at=FAR_PAST))
    assert "started_at" in result["message"] and "日期" in result["message"]


def test_a_client_time_out_of_range_does_not_matter(phone, inspector, project) -> None:
    p = phone(inspector)
    mutation = _good(p, project)
    mutation["client_time"] = FAR_PAST
    assert _statuses(p, mutation) == [("applied", None)]


def test_a_lone_surrogate_in_a_create_id_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.create", **{**_create(project), "id": "\ud800"})
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]
    assert _inspections() == 1


def test_a_lone_surrogate_in_a_mutation_name_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.\udfff", x=1)
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_a_lone_surrogate_in_an_ignored_arg_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.create", **_create(project, extra="\udc80"))
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_a_nul_in_a_create_id_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.create", **{**_create(project), "id": "0000\x00-0000"})
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_a_nul_in_a_key_is_refused_alone(phone, inspector, project) -> None:
    p = phone(inspector)
    bad = p.mutation("inspection.create", **_create(project, **{"no\x00te": "x"}))
    assert _statuses(p, bad, _good(p, project)) == [
        ("rejected", "invalid_args"),
        ("applied", None),
    ]


def test_a_batch_with_several_bad_mutations_applies_the_good_ones(
    phone, inspector, project
) -> None:
    p = phone(inspector)
    statuses = _statuses(
        p,
        _good(p, project),
        p.mutation("inspection.create", **_create(project, started_at=FAR_PAST)),
        p.mutation("inspection.create", **{**_create(project), "id": "\ud800"}),
        _good(p, project),
        p.mutation("inspection.create", **_create(project, notes="a\x00b")),
        _good(p, project),
    )
    assert [s for s, _ in statuses] == [
        "applied",
        "rejected",
        "rejected",
        "applied",
        "rejected",
        "applied",
    ]
    assert _inspections() == 3
