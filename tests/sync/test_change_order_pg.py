"""Writers take no lock among themselves, yet a puller never skips a change committed late with a
lower sequence number, and never gets one twice (PostgreSQL, threads, real pushes and pulls)."""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from server.auth.models import User
from server.db import db
from sync import registry
from sync.changes import forget_transaction_ids, write_gathered_rows
from sync.cookies import Position, parse_cookie
from sync.models import ChangeLog
from sync.pull import pull
from sync.push import push
from tests.sync.conftest import NOW

pytestmark = pytest.mark.postgres_only  # SQLite has one writer: nothing commits out of order

SECRET = b"change-order"
Effect = Callable[[Any, Any], None]


@pytest.fixture
def engine(app) -> Iterator[Engine]:  # type: ignore[no-untyped-def]
    engine = create_engine(db.engine.url, pool_size=8)
    yield engine
    engine.dispose()


@pytest.fixture
def held(monkeypatch) -> dict[str, Callable[[], None]]:  # type: ignore[no-untyped-def]
    """``inspection.create`` runs, then calls ``held[client_id]()`` inside the push's still
    open transaction (a sleep, or a wait for the test): a slow writer."""
    schema, effect = registry.REGISTRY["inspection.create"]
    waits: dict[str, Callable[[], None]] = {}

    def create_then_wait(ctx, args) -> None:  # type: ignore[no-untyped-def]
        effect(ctx, args)
        write_gathered_rows(ctx.session)  # the change row takes its sequence number now
        wait = waits.get(ctx.client_id)
        if wait is not None:
            wait()

    monkeypatch.setitem(registry.REGISTRY, "inspection.create", (schema, create_then_wait))
    return waits


def _create(project_id: int, mutation_id: int) -> dict[str, Any]:
    args = {"id": str(uuid.uuid4()), "project_id": project_id, "kind": "routine"}
    return {"id": mutation_id, "name": "inspection.create", "args": {**args, "started_at": NOW}}


class Puller:
    """One install pulling in small pages; counts each inspection it is sent."""

    def __init__(self, engine: Engine, user_id: int) -> None:
        self.engine, self.user_id = engine, user_id
        self.client_id = str(uuid.uuid4())
        self.cookie: str | None = None
        self.received: Counter[str] = Counter()
        self.arrivals: list[int] = []  # sequence numbers (versions), in the order they came

    def pull_once(self, limit: int = 7) -> bool:
        """One page; True when there is more."""
        with Session(self.engine) as session:
            user = session.get(User, self.user_id)
            outcome = pull(session, user, self.client_id, self.cookie, limit, secret=SECRET)
        self.cookie = outcome.cookie
        for change in outcome.changes:
            if change["type"] == "inspection" and change["op"] == "put":
                self.received[change["id"]] += 1
                self.arrivals.append(change["version"])
        return outcome.has_more


def _push(engine: Engine, user_id: int, client_id: str, mutations: list[dict[str, Any]]) -> None:
    with Session(engine) as session:
        outcome = push(session, session.get(User, user_id), client_id, 1, mutations)
    assert [r["status"] for r in outcome.results] == ["applied"] * len(mutations)


def _created_ids(engine: Engine) -> set[str]:
    with Session(engine) as session:
        rows = session.scalars(
            select(ChangeLog.entity_id).where(ChangeLog.entity_type == "inspection")
        )
        return set(rows)


def _drain(puller: Puller, expected: int, seconds: float = 30.0) -> None:
    """Pull until every inspection came (another transaction on the server may hold the
    horizon back for a moment: a delay, never a loss)."""
    deadline = time.monotonic() + seconds
    while len(puller.received) < expected and time.monotonic() < deadline:
        if not puller.pull_once():
            time.sleep(0.05)


def test_a_change_committed_behind_an_open_transaction_waits_for_it(
    engine, held, make_user, make_project, townships
) -> None:
    east = townships[0]
    user = make_user("inspector", townships=[east])
    project = make_project(township=east, region_path=east.path)
    puller = Puller(engine, user.id)
    while puller.pull_once():  # the full copy
        pass
    slow_client, inside, release = str(uuid.uuid4()), threading.Event(), threading.Event()
    held[slow_client] = lambda: (inside.set(), release.wait(30))
    slow = threading.Thread(
        target=_push, args=(engine, user.id, slow_client, [_create(project.id, 1)])
    )
    slow.start()
    assert inside.wait(30)
    _push(engine, user.id, str(uuid.uuid4()), [_create(project.id, 1)])  # commits first
    puller.pull_once()
    assert puller.received == Counter()  # the later sequence number waits for the earlier one
    release.set()
    slow.join(30)
    _drain(puller, 2)
    assert sorted(puller.received.values()) == [1, 1]
    assert puller.arrivals == sorted(puller.arrivals)  # in sequence: the slow one came first


def test_a_puller_polling_through_slow_and_fast_writers_gets_each_change_once(
    engine, held, make_user, make_project, townships
) -> None:
    east = townships[0]
    user = make_user("inspector", townships=[east])
    project = make_project(township=east, region_path=east.path)
    user_id, project_id = user.id, project.id
    rounds, writers = 12, {"slow-1": 0.15, "slow-2": 0.25, "fast-1": 0.0, "fast-2": 0.0}
    clients = {name: str(uuid.uuid4()) for name in writers}
    chance = random.Random(16)
    for name, pause in writers.items():
        if pause:
            held[clients[name]] = lambda pause=pause: time.sleep(pause * (0.5 + chance.random()))
    errors: list[BaseException] = []
    done = threading.Event()

    def write(name: str) -> None:
        try:
            next_id = 1
            for _ in range(rounds):
                size = 1 if writers[name] else chance.randint(1, 3)
                batch = [_create(project_id, next_id + i) for i in range(size)]
                _push(engine, user_id, clients[name], batch)
                next_id += size
        except BaseException as error:
            errors.append(error)

    puller = Puller(engine, user_id)

    def poll() -> None:
        try:
            while not done.is_set():
                if not puller.pull_once():
                    time.sleep(0.01)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=write, args=(name,)) for name in writers]
    polling = threading.Thread(target=poll)
    polling.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    done.set()
    polling.join(30)
    assert errors == []
    created = _created_ids(engine)
    _drain(puller, len(created))
    assert set(puller.received) == created  # none skipped
    assert max(puller.received.values()) == 1  # none twice
    # the scenario happened: some change arrived after one with a higher sequence number, i.e.
    # it committed late with a lower one; read by sequence alone, it would have been skipped
    late = [
        seq for i, seq in enumerate(puller.arrivals) if seq < max(puller.arrivals[:i], default=0)
    ]
    assert late


def _restored_into_a_new_cluster(engine: Engine) -> None:
    """As after pg_restore into a cluster whose transaction ids are far behind the old one."""
    with Session(engine) as session:
        session.execute(update(ChangeLog).values(xid=ChangeLog.xid + 10**9))
        session.commit()


def test_rows_restored_from_another_cluster_come_back_once_their_ids_are_forgotten(
    engine, make_user, make_project, townships
) -> None:
    east = townships[0]
    user = make_user("inspector", townships=[east])
    project = make_project(township=east, region_path=east.path)
    _push(engine, user.id, str(uuid.uuid4()), [_create(project.id, 1)])
    before = Puller(engine, user.id)
    while before.pull_once():
        pass
    _restored_into_a_new_cluster(engine)
    fresh = Puller(engine, user.id)
    fresh.pull_once()
    assert fresh.received == Counter()  # held back behind ids this cluster never handed out
    with Session(engine) as session:
        assert forget_transaction_ids(session) > 0
        session.commit()
    fresh = Puller(engine, user.id)
    fresh.pull_once()
    assert sum(fresh.received.values()) == 1
    old = parse_cookie(before.cookie, SECRET, before.client_id)
    assert old is not None  # as the old cluster numbered it
    moved = Position(old.position.xid + 10**9, old.position.seq)
    before.cookie = replace(old, position=moved).render(SECRET, before.client_id)
    before.pull_once()  # past the new cluster's horizon: a full copy
    assert sum(before.received.values()) == 2


def test_a_write_transaction_in_another_database_does_not_hold_pulls_back(
    engine, make_user, make_project, townships
) -> None:
    east = townships[0]
    user = make_user("inspector", townships=[east])
    project = make_project(township=east, region_path=east.path)
    puller = Puller(engine, user.id)
    while puller.pull_once():  # the full copy
        pass
    elsewhere = create_engine(engine.url.set(database="postgres"))
    try:
        with elsewhere.connect() as other:
            other.execute(text("SELECT pg_current_xact_id()"))  # an open transaction with an id
            _push(engine, user.id, str(uuid.uuid4()), [_create(project.id, 1)])
            _drain(puller, 1, seconds=5)
            other.rollback()
    finally:
        elsewhere.dispose()
    assert sum(puller.received.values()) == 1
