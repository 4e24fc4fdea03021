"""Two pushes of one client at the same time apply each mutation once (PostgreSQL, threads)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.db import db
from server.inspections.models import Inspection
from sync.models import SyncClient
from sync.push import push
from tests.sync.conftest import NOW

pytestmark = pytest.mark.postgres_only  # SQLite serialises writers itself


@pytest.fixture
def engine(app):  # type: ignore[no-untyped-def]
    engine = create_engine(db.engine.url)
    yield engine
    engine.dispose()


def test_concurrent_pushes_apply_each_mutation_once(
    engine, make_user, make_project, townships
) -> None:
    east = townships[0]
    user = make_user("inspector", townships=[east])
    project = make_project(township=east, region_path=east.path)
    client_id = str(uuid.uuid4())
    user_id = user.id
    mutations = [
        {
            "id": n,
            "name": "inspection.create",
            "args": {
                "id": str(uuid.uuid4()),
                "project_id": project.id,
                "kind": "routine",
                "started_at": NOW,
            },
        }
        for n in range(1, 41)
    ]
    barrier = threading.Barrier(4)
    outcomes: list[list[str]] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with Session(engine) as session:
                me = session.get(User, user_id)
                barrier.wait()
                outcome = push(session, me, client_id, 1, mutations)
                outcomes.append([r["status"] for r in outcome.results])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    applied = sum(statuses.count("applied") for statuses in outcomes)
    assert applied == 40
    assert db.session.scalar(select(func.count()).select_from(Inspection)) == 40
    assert db.session.get(SyncClient, client_id).last_mutation_id == 40
