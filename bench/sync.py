"""Sync figures: push throughput against a plain bulk insert, and pull cost against history size.

Usage: .venv/bin/python bench/sync.py [--mutations 4000] [--history 1000000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import insert

from server import create_app
from server.auth.models import User
from server.auth.services import create_user
from server.db import db
from server.inspections.models import Inspection
from server.projects.models import Project
from server.regions.services import create_region
from sync.changes import log_change
from sync.models import ChangeLog
from sync.pull import pull
from sync.push import push
from tests.databases import fresh_database

NOW = datetime(2023, 7, 31, 9, 0, tzinfo=UTC)
SECRET = b"bench"  # signs the pull cookies


def world() -> tuple[User, Project]:
    county = create_region("基准县", "county")
    township = create_region("基准镇", "township", county)
    project = Project(
        code="B1",
        name="基准项目",
        level="county",
        county=county,
        township=township,
        region_path=township.path,
    )
    db.session.add(project)
    log_change(db.session, "project", project)
    user = create_user("bench-inspector", "bench-password", "inspector", townships=[township])
    db.session.commit()
    return user, project


def bench_push(user: User, project: Project, n: int, batch: int) -> None:
    client_id = str(uuid.uuid4())
    mutations = [
        {
            "id": i,
            "name": "inspection.create",
            "args": {
                "id": str(uuid.uuid4()),
                "project_id": project.id,
                "kind": "routine",
                "started_at": NOW.isoformat(),
            },
        }
        for i in range(1, n + 1)
    ]
    start = time.perf_counter()
    for offset in range(0, n, batch):
        push(db.session, user, client_id, 1, mutations[offset : offset + batch])
    push_s = time.perf_counter() - start
    rows = [
        {
            "id": str(uuid.uuid4()),
            "project_id": project.id,
            "kind": "routine",
            "status": "draft",
            "inspector_id": user.id,
            "started_at": NOW,
            "version": 1,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for _ in range(n)
    ]
    changes = [
        {
            "entity_type": "inspection",
            "entity_id": row["id"],
            "op": "put",
            "at": NOW,
            "region_path": project.region_path,
            "township_id": project.township_id,
            "owner_id": user.id,
            "public": False,
            "everyone": False,
        }
        for row in rows
    ]
    inspections_s = _bulk_seconds([(Inspection, rows)], n, batch)
    both_s = _bulk_seconds([(Inspection, rows), (ChangeLog, changes)], n, batch)
    print(
        f"push {n} inspection.create in batches of {batch}: {n / push_s:8.0f} mutations/s ({push_s:.2f} s)"
    )
    print(
        f"Core bulk insert of the inspection rows:          {n / inspections_s:8.0f} rows/s ({inspections_s:.2f} s)"
    )
    print(
        f"Core bulk insert of inspection + change-log rows: {n / both_s:8.0f} pairs/s ({both_s:.2f} s)"
    )
    print(
        f"ratio push / bulk insert: {inspections_s / push_s:.2f} of the inspection rows alone, "
        f"{both_s / push_s:.2f} of all rows push writes (goal ≥ 0.3)"
    )


def _bulk_seconds(tables: list[tuple[type, list[dict]]], n: int, batch: int) -> float:
    """Seconds to insert the rows with plain Core executemany, one transaction per batch."""
    for model, rows in tables:
        for row in rows:
            row["id" if model is Inspection else "entity_id"] = str(uuid.uuid4())
    start = time.perf_counter()
    for offset in range(0, n, batch):
        for model, rows in tables:
            db.session.execute(insert(model), rows[offset : offset + batch])
        db.session.commit()
    return time.perf_counter() - start


def fill_history(rows: int, user: User) -> None:
    """Old change rows of other townships (invisible to the puller), as a busy county makes."""
    chunk = 50_000
    template = {
        "entity_type": "inspection",
        "op": "put",
        "at": NOW,
        "region_path": "/9/99/",
        "township_id": 99,
        "owner_id": 9999,
        "public": False,
        "everyone": False,
    }
    done = 0
    while done < rows:
        size = min(chunk, rows - done)
        db.session.execute(
            insert(ChangeLog), [{**template, "entity_id": f"old-{done + i}"} for i in range(size)]
        )
        done += size
    db.session.commit()


def time_pull(user: User, project: Project, pending: int, repeat: int = 7) -> float:
    """Median time to pull ``pending`` new changes (after a cookie taken at the current head)."""
    timings = []
    for _ in range(repeat):
        client_id = str(uuid.uuid4())
        # the user's full copy
        page = pull(db.session, user, client_id, None, limit=2000, secret=SECRET)
        while page.has_more:
            page = pull(db.session, user, client_id, page.cookie, limit=2000, secret=SECRET)
        cookie = page.cookie
        for _ in range(pending):
            log_change(db.session, "project", project)
        db.session.commit()
        start = time.perf_counter()
        outcome = pull(db.session, user, client_id, cookie, limit=500, secret=SECRET)
        timings.append(time.perf_counter() - start)
        assert len(outcome.changes) == 1  # 100 changes of one record collapse to one
    return statistics.median(timings)


@contextmanager
def migrated_app(database_url: str | None) -> Iterator[Flask]:
    """The app on a fresh, migrated database (PostgreSQL at ``database_url``, else SQLite),
    within its app context; cheap password hashing, as the benches log in nobody."""
    if database_url:
        os.environ["TEST_DATABASE_URL"] = database_url
    with tempfile.TemporaryDirectory() as tmp, fresh_database(Path(tmp)) as url:
        app = create_app(
            {
                "SECRET_KEY": SECRET.decode(),
                "SQLALCHEMY_DATABASE_URI": url,
                "ARGON2_MEMORY_COST": 1024,
                "ARGON2_TIME_COST": 1,
            }
        )
        with app.app_context():
            upgrade()
            print(f"database: {db.engine.dialect.name}")
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutations", type=int, default=4000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--history", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with migrated_app(args.database_url):
        user, project = world()
        bench_push(user, project, args.mutations, args.batch)
        fill_history(1_000, user)
        small = time_pull(user, project, 100)
        fill_history(args.history, user)
        large = time_pull(user, project, 100)
        print(f"pull 100 pending changes, 1,000 older rows:      {small * 1000:7.1f} ms")
        print(f"pull 100 pending changes, {args.history:,} older rows: {large * 1000:7.1f} ms")
        print(f"ratio large / small history: {large / small:.2f} (goal ≤ 2)")


if __name__ == "__main__":
    main()
