"""A busy database (lock timeout, deadlock, serialization failure, "database is locked") loses
nothing: push and pull answer 503 with Retry-After, record nothing, and the retry applies."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.exc import OperationalError

from server.db import db
from server.inspections.models import Inspection
from sync import registry as mutations
from sync.models import MutationRecord, SyncClient
from tests.sync.conftest import NOW, new_id


def _busy_error() -> OperationalError:
    """What the driver of the database under test raises when a lock cannot be had."""
    if db.engine.dialect.name == "postgresql":
        from psycopg import errors

        cause: Exception = errors.LockNotAvailable("canceling statement due to lock timeout")
    else:
        cause = sqlite3.OperationalError("database is locked")
    return OperationalError("INSERT INTO inspections …", {}, cause)


@pytest.fixture
def busy_once(monkeypatch):  # type: ignore[no-untyped-def]
    """``inspection.create`` meets a busy database the first time it runs, then works."""
    schema, effect = mutations.REGISTRY["inspection.create"]
    calls = []

    def flaky(ctx, args):  # type: ignore[no-untyped-def]
        calls.append(ctx.mutation_id)
        if len(calls) == 1:
            raise _busy_error()
        effect(ctx, args)

    monkeypatch.setitem(mutations.REGISTRY, "inspection.create", (schema, flaky))
    return calls


def _count(model) -> int:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def _batch(p, project):  # type: ignore[no-untyped-def]
    """Two mutations: an unknown one (recorded as rejected) and a new inspection."""
    return [
        p.mutation("inspection.teleport", x=1),
        p.mutation(
            "inspection.create",
            id=new_id(),
            project_id=project.id,
            kind="revisit",
            started_at=NOW,
        ),
    ]


def test_a_busy_database_answers_503_with_retry_after(phone, inspector, project, busy_once) -> None:
    p = phone(inspector)
    response = p.push(*_batch(p, project))
    assert response.status_code == 503
    assert response.headers["Retry-After"].isdigit()
    body = response.get_json()
    assert body["code"] == "busy_retry" and "重试" in body["message"]


def test_a_busy_database_records_nothing(phone, inspector, project, busy_once) -> None:
    p = phone(inspector)
    p.push(*_batch(p, project))
    client = db.session.get(SyncClient, p.client_id)
    assert client is None or client.last_mutation_id == 0
    assert (_count(MutationRecord), _count(Inspection)) == (0, 0)


def test_the_retried_batch_applies(phone, inspector, project, busy_once) -> None:
    p = phone(inspector)
    batch = _batch(p, project)
    assert p.push(*batch).status_code == 503
    body = p.push(*batch).get_json()
    assert [r["status"] for r in body["results"]] == ["rejected", "applied"]
    assert body["last_mutation_id"] == 2
    assert (_count(MutationRecord), _count(Inspection)) == (1, 1)


def test_busy_is_said_in_english_too(phone, inspector, project, busy_once) -> None:
    p = phone(inspector)
    response = p.client.post(
        "/api/v1/sync/push",
        json={"client_id": p.client_id, "schema_version": 1, "mutations": _batch(p, project)},
        headers={"X-CSRF-Token": p.csrf, "Accept-Language": "en"},
    )
    assert response.status_code == 503
    assert "busy" in response.get_json()["message"]


def test_a_busy_pull_answers_503(phone, inspector, project, monkeypatch) -> None:
    from sync import pull as pull_module

    def locked(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise _busy_error()

    p = phone(inspector)
    monkeypatch.setattr(pull_module, "_incremental_rows", locked)
    monkeypatch.setattr(pull_module, "_snapshot_rows", locked)
    response = p.client.post(
        "/api/v1/sync/pull",
        json={"client_id": p.client_id, "cookie": None},
        headers={"X-CSRF-Token": p.csrf},
    )
    assert response.status_code == 503
    assert response.get_json()["code"] == "busy_retry"
    assert "Retry-After" in response.headers


@pytest.mark.postgres_only
def test_a_real_lock_timeout_is_503_and_the_retry_applies(phone, inspector, project) -> None:
    """Another transaction holds the client's row; the push gives up after lock_timeout."""
    p = phone(inspector)
    assert p.do("inspection.teleport")["status"] == "rejected"  # the client's row exists
    batch = _batch(p, project)

    def short_lock_timeout(dbapi_connection, record):  # type: ignore[no-untyped-def]
        dbapi_connection.execute("SET lock_timeout = '200ms'")
        dbapi_connection.commit()

    db.session.remove()
    db.engine.dispose()
    event.listen(db.engine, "connect", short_lock_timeout)
    other = create_engine(db.engine.url)
    try:
        with other.connect() as holder:
            holder.execute(
                text("SELECT 1 FROM sync_clients WHERE id = :id FOR UPDATE"), {"id": p.client_id}
            )
            response = p.push(*batch)
            assert response.status_code == 503, response.get_json()
            holder.rollback()
        assert db.session.get(SyncClient, p.client_id).last_mutation_id == 1
        body = p.push(*batch).get_json()
        assert [r["status"] for r in body["results"]] == ["rejected", "applied"]
    finally:
        event.remove(db.engine, "connect", short_lock_timeout)
        other.dispose()
