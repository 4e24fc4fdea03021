"""Ledger figures: list-with-status time and import time at county and province size.

Usage: .venv/bin/python bench/ledger.py [--projects 10000] [--database-url postgresql://…]
Prints one line per measurement; run it twice and compare, the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import insert

from server import create_app
from server.auth.services import create_user
from server.db import db
from server.projects.ledger import export_ledger
from server.projects.models import ProgressReport, Project
from server.projects.services import ProjectFilters, list_projects
from server.regions.services import create_region
from tests.databases import fresh_database


def timed(label: str, func, repeat: int = 3):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    print(f"{label:<58} {best * 1000:9.1f} ms (best of {repeat})")
    return result


def seed(n_projects: int, reports_per_project: int) -> None:
    rng = random.Random(7)
    county = create_region("基准县", "county")
    townships = [create_region(f"镇{i}", "township", county) for i in range(30)]
    db.session.flush()
    rows = []
    for i in range(n_projects):
        township = townships[i % len(townships)]
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 90))
        rows.append(
            {
                "code": f"B{i:06d}",
                "name": f"基准项目{i}",
                "level": rng.choice(["county", "township"]),
                "county_id": county.id,
                "township_id": township.id,
                "region_path": township.path,
                "start_date": start,
                "planned_completion_date": start + timedelta(days=rng.randint(120, 360)),
                "progress_pct": Decimal(rng.randint(0, 100)),
            }
        )
    db.session.execute(insert(Project), rows)
    ids = [pid for (pid,) in db.session.execute(db.select(Project.id))]
    reports = [
        {
            "project_id": pid,
            "report_date": date(2023, month, 28),
            "progress_pct": Decimal(month * 8),
            "source": "import",
        }
        for pid in ids
        for month in range(1, reports_per_project + 1)
    ]
    for chunk in range(0, len(reports), 20_000):
        db.session.execute(insert(ProgressReport), reports[chunk : chunk + 20_000])
    create_user("bench", "bench-password", "supervisor")
    db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--reports", type=int, default=12)
    parser.add_argument(
        "--database-url", default=None, help="a PostgreSQL server URL (a fresh database is made)"
    )
    args = parser.parse_args()
    import os

    if args.database_url:
        os.environ["TEST_DATABASE_URL"] = args.database_url
    with tempfile.TemporaryDirectory() as tmp, fresh_database(Path(tmp)) as url:
        app = create_app(
            {
                "SECRET_KEY": "bench",
                "SQLALCHEMY_DATABASE_URI": url,
                "ARGON2_MEMORY_COST": 1024,
                "ARGON2_TIME_COST": 1,
            }
        )
        with app.app_context(), app.test_request_context():
            upgrade()
            print(
                f"database: {db.engine.dialect.name}; {args.projects} projects × {args.reports} progress reports"
            )
            timed("seed", lambda: seed(args.projects, args.reports), repeat=1)
            from flask import g

            from server.auth.models import User

            g.user = db.session.scalar(db.select(User))
            page = timed(
                "list page 1 (50) with status as of 2023-07-31, all projects",
                lambda: list_projects(g.user, ProjectFilters(as_of=date(2023, 7, 31))),
            )
            print(f"  counts: {page.counts}")
            timed(
                "list filtered status=behind",
                lambda: list_projects(
                    g.user, ProjectFilters(as_of=date(2023, 7, 31), status="behind")
                ),
            )
            rows = [
                {
                    "项目编号": f"X{i:05d}",
                    "项目名称": f"导入项目{i}",
                    "层级": "县级",
                    "乡镇(街道)": f"镇{i % 30}",
                    "计划投资(万元)": 12.5,
                    "形象进度(%)": 40,
                }
                for i in range(2000)
            ]
            data = export_ledger(rows)
            from server.projects.importing import import_ledger
            from server.regions.models import Region

            county = db.session.scalar(db.select(Region).where(Region.level == "county"))
            user = g.user
            outcome = timed(
                "import 2,000-row xlsx (dry run, full validation)",
                lambda: import_ledger(user, db.session.merge(county), data, "x.xlsx", dry_run=True),
                repeat=1,
            )
            print(f"  would create {outcome.created}, errors {len(outcome.errors)}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
