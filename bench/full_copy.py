"""One phone's first full copy of a realistic county, in process: seconds, SQL statements and
where the time goes (cProfile), on a fresh database.

The county (bench/load_world.py): ten townships of ``--projects`` projects each, every project
with ``--per-project`` inspections (six answers and a photo each) and a problem for every second
one. Timed: an inspector of one township and a supervisor of the whole county, each taking a
full copy in pages of 500 as the PWA does.

Usage: .venv/bin/python bench/full_copy.py [--database-url postgresql://…/xc_copy]
       [--projects 30] [--per-project 10] [--profile 25] [--explain]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import event, inspect, select

from bench.load_world import fill_county
from bench.sync import SECRET, migrated_app
from server import create_app
from server.auth.models import User
from server.auth.services import create_user
from server.db import db
from server.inspections.templates import ensure_default_templates
from server.regions.services import create_region
from sync.pull import pull


class Statements:
    """Counts the SQL statements the engine runs while ``on``."""

    def __init__(self) -> None:
        self.count = 0
        self.on = False
        self.texts: list[str] = []
        event.listen(db.engine, "before_cursor_execute", self._seen)

    def _seen(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if self.on:
            self.count += 1
            self.texts.append(statement)


def full_copy(user: Any) -> tuple[int, int]:
    """Pages and records of one full copy (a new install: no cookie)."""
    client_id, cookie, pages, records = str(uuid.uuid4()), None, 0, 0
    while True:
        outcome = pull(db.session, user, client_id, cookie, limit=500, secret=SECRET)
        pages, records = pages + 1, records + len(outcome.changes)
        cookie = outcome.cookie
        if not outcome.has_more:
            return pages, records


def measure(label: str, user: Any, statements: Statements, repeat: int = 3) -> None:
    timings = []
    for _ in range(repeat):
        statements.count, statements.on = 0, True
        start = time.perf_counter()
        pages, records = full_copy(user)
        timings.append(time.perf_counter() - start)
        statements.on = False
    seconds = statistics.median(timings)
    print(
        f"{label}: {records} records in {pages} pages, {seconds:.2f} s "
        f"({records / seconds:.0f} records/s), {statements.count} SQL statements"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--projects", type=int, default=30, help="per township")
    parser.add_argument("--per-project", type=int, default=10, help="inspections per project")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE (PostgreSQL)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="use --database-url itself (migrated; seeded only once) instead of a fresh database",
    )
    args = parser.parse_args()
    with kept_app(args.database_url) if args.keep else migrated_app(args.database_url):
        inspector = db.session.scalar(select(User).where(User.username == "copy-inspector"))
        office = db.session.scalar(select(User).where(User.username == "copy-office"))
        if inspector is None or office is None:
            inspector, office = fill(args.projects, args.per_project)
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
        statements = Statements()
        measure("inspector of one township", inspector, statements)
        measure("supervisor of the county", office, statements)
        if args.explain:
            explain(statements, office)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            full_copy(office)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


def fill(projects: int, per_project: int) -> tuple[User, User]:
    """The county, an inspector of its first township and a supervisor of the whole county."""
    county = create_region("基准县", "county")
    towns = [create_region(f"基准镇{i}", "township", county) for i in range(10)]
    ensure_default_templates(db.session)
    db.session.commit()
    start = time.perf_counter()
    pushed = fill_county(towns, projects, per_project)
    print(f"county filled: {pushed} mutations in {time.perf_counter() - start:.0f} s")
    inspector = create_user("copy-inspector", "copy-password", "inspector", townships=[towns[0]])
    office = create_user("copy-office", "copy-password", "supervisor", region=county)
    db.session.commit()
    return inspector, office


@contextmanager
def kept_app(database_url: str) -> Iterator[Flask]:
    """The app on ``database_url`` itself, within its app context; migrated when new (a kept
    database is measured as it is, so an older checkout can measure it too)."""
    app = create_app(
        {
            "SECRET_KEY": SECRET.decode(),
            "SQLALCHEMY_DATABASE_URI": database_url,
            "ARGON2_MEMORY_COST": 1024,
            "ARGON2_TIME_COST": 1,
        }
    )
    with app.app_context():
        if not inspect(db.engine).has_table("alembic_version"):
            upgrade()
        try:
            yield app
        finally:
            db.session.remove()
            db.engine.dispose()


def explain(statements: Statements, user: Any) -> None:
    """EXPLAIN ANALYZE of each distinct statement of the first page of a full copy."""
    statements.texts, statements.on = [], True
    pull(db.session, user, str(uuid.uuid4()), None, limit=500, secret=SECRET)
    statements.on = False
    print(f"first page: {len(statements.texts)} statements")
    for text in statements.texts:
        print("----\n" + text[:300])


if __name__ == "__main__":
    main()
