"""Bulletin (督查通报) JSON time on a province-sized ledger.

10,000 projects (3 progress reports each), 200,000 problems with 1,000,000 events (created →
交办 → 整改中 → 已整改 → 复核 → 销号, cut short at random), inspections and deputies' reports,
spread over 2023, written with COPY into a fresh PostgreSQL database that is dropped afterwards.

Usage: .venv/bin/python bench/bulletin.py [--database-url postgresql://…] [--problems 200000]
Prints one line per measurement (best of 3); the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import insert, select

from server import create_app
from server.auth.models import User
from server.auth.services import create_user
from server.db import db
from server.projects.models import Project
from server.regions.models import Region, Unit
from server.regions.services import create_region
from tests.databases import fresh_database

PASSWORD = "bench-password"
CHAIN = ("assigned", "rectifying", "rectified", "verified", "closed")
KINDS = ("revisit", "random", "focused", "joint", "routine")
YEAR_START = datetime(2023, 1, 1, tzinfo=UTC)


def _copy(table: str, columns: tuple[str, ...], rows) -> int:  # type: ignore[no-untyped-def]
    """COPY ``rows`` into ``table`` on the session's connection; returns the count."""
    raw = db.session.connection().connection.driver_connection
    count = 0
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def seed_projects(rng: random.Random, n_projects: int) -> tuple[list[int], list[str], User]:
    province = create_region("基准省", "province")
    townships: list[Region] = []
    for c in range(10):
        county = create_region(f"基准县{c}", "county", province)
        townships += [create_region(f"镇{c}-{t}", "township", county) for t in range(20)]
    db.session.flush()
    units = [
        Unit(code=f"BU{i:04d}", name=f"基准单位{i}", region_id=province.id) for i in range(200)
    ]
    db.session.add_all(units)
    db.session.flush()
    rows = []
    for i in range(n_projects):
        township = townships[i % len(townships)]
        start = date(2023, 1, 1) + timedelta(days=rng.randint(0, 90))
        rows.append(
            {
                "code": f"B{i:06d}",
                "name": f"基准项目{i}",
                "level": rng.choice(["province", "city", "county", "township", "township"]),
                "county_id": township.parent_id,
                "township_id": township.id,
                "region_path": township.path,
                "unit_id": units[i % len(units)].id,
                "start_date": start,
                "planned_completion_date": start + timedelta(days=rng.randint(120, 360)),
                "planned_investment_yuan": rng.randint(10, 5000) * 10_000,
                "lag_reason": "征地拆迁未完成" if i % 17 == 0 else None,
                "postponed_reason": "资金未到位" if i % 211 == 0 else None,
            }
        )
    db.session.execute(insert(Project), rows)
    ids = list(db.session.scalars(select(Project.id)))
    user = create_user("bench", PASSWORD, "supervisor")
    db.session.commit()
    reports = (
        (pid, date(2023, month, 28), rng.randint(0, 100) * 10, rng.randint(0, 4000) * 10_000,
         rng.randint(0, 3000) * 10_000, "import", datetime.now(UTC).replace(tzinfo=None))
        for pid in ids
        for month in (3, 6, 9)
    )  # fmt: skip
    _copy(
        "progress_reports",
        ("project_id", "report_date", "progress_pct", "allocated_investment_yuan",
         "spent_investment_yuan", "source", "created_at"),
        reports,
    )  # fmt: skip
    return ids, [p["region_path"] for p in rows], user


def seed_problems(
    rng: random.Random, project_ids: list[int], paths: list[str], user_id: int, n: int
) -> tuple[int, int]:
    unit_ids = list(db.session.scalars(select(Unit.id)))
    issues, events = [], []
    for _ in range(n):
        issue_id = str(uuid.uuid4())
        index = rng.randrange(len(project_ids))
        at = YEAR_START + timedelta(minutes=rng.randint(0, 360 * 24 * 60))
        steps = CHAIN[: rng.choice((1, 3, 4, 5, 5, 5))]  # ≈ 5 events per problem on average
        events.append((issue_id, "created", None, "found", user_id, at.replace(tzinfo=None), None))
        state, deadline, unit_id = "found", None, rng.choice(unit_ids)
        for step in steps:
            at += timedelta(hours=rng.randint(6, 24 * 20))
            move: dict[str, object] = {"expected_from": state}  # as server/issues/events.py says
            if step == "assigned":
                deadline = (at + timedelta(days=rng.randint(5, 40))).date()
                move.update(unit_id=unit_id, deadline=deadline.isoformat())
            data = json.dumps(move)
            events.append(
                (issue_id, "transition", state, step, user_id, at.replace(tzinfo=None), data)
            )
            state = step
        created = events[-len(steps) - 1][5]
        issues.append(
            (issue_id, project_ids[index], "基准问题", "", "medium", state,
             unit_id, deadline, user_id, paths[index], 1, created, created)
        )  # fmt: skip
    _copy(
        "issues",
        ("id", "project_id", "title", "description", "severity", "state", "unit_id", "deadline",
         "created_by_id", "region_path", "version", "created_at", "updated_at"),
        issues,
    )  # fmt: skip
    count = _copy(
        "issue_events",
        ("issue_id", "kind", "from_state", "to_state", "actor_id", "at", "data"),
        events,
    )
    return len(issues), count


def seed_activity(
    rng: random.Random, project_ids: list[int], paths: list[str], user_id: int
) -> None:
    def when() -> datetime:
        return (YEAR_START + timedelta(minutes=rng.randint(0, 360 * 24 * 60))).replace(tzinfo=None)

    inspections = []
    for _ in range(30_000):
        at = when()
        inspections.append(
            (str(uuid.uuid4()), rng.choice(project_ids), rng.choice(KINDS), "submitted", user_id,
             at, at, 1, at, at)
        )  # fmt: skip
    _copy(
        "inspections",
        ("id", "project_id", "kind", "status", "inspector_id", "started_at", "submitted_at",
         "version", "created_at", "updated_at"),
        inspections,
    )  # fmt: skip
    reports = []
    for _ in range(5_000):
        at, index = when(), rng.randrange(len(project_ids))
        rating = rng.choice((None, "satisfied", "basically_satisfied", "dissatisfied"))
        reports.append(
            (str(uuid.uuid4()), user_id, project_ids[index], "代表反映", "", "rated" if rating else
             "submitted", rating, at + timedelta(days=9) if rating else None, paths[index], 1, at, at)
        )  # fmt: skip
    _copy(
        "deputy_reports",
        ("id", "deputy_id", "project_id", "title", "description", "status", "rating", "rated_at",
         "region_path", "version", "created_at", "updated_at"),
        reports,
    )  # fmt: skip


def timed(label: str, func, repeat: int = 3):  # type: ignore[no-untyped-def]
    """Run ``func`` ``repeat`` times; print the best and the median time."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    best, median = min(times) * 1000, statistics.median(times) * 1000
    print(f"{label:<56} best {best:7.1f} ms, median {median:7.1f} ms (of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--problems", type=int, default=200_000)
    args = parser.parse_args()
    os.environ["TEST_DATABASE_URL"] = args.database_url
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp, fresh_database(Path(tmp)) as url:
        app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url,
                          "ARGON2_MEMORY_COST": 1024, "ARGON2_TIME_COST": 1})  # fmt: skip
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            ids, paths, user = seed_projects(rng, args.projects)
            n_issues, n_events = seed_problems(rng, ids, paths, user.id, args.problems)
            seed_activity(rng, ids, paths, user.id)
            db.session.commit()
            db.session.execute(db.text("ANALYZE"))
            db.session.commit()
            print(
                f"database: {db.engine.dialect.name}; {len(ids)} projects, {n_issues} problems, "
                f"{n_events} events; seeded in {time.perf_counter() - start:.1f} s"
            )
            client = app.test_client()
            client.post("/api/v1/auth/login", json={"username": "bench", "password": PASSWORD})

            def get(query: str):  # type: ignore[no-untyped-def]
                response = client.get(f"/api/v1/bulletins/figures?{query}")
                assert response.status_code == 200, response.get_json()
                return response.get_json()

            for label, query in (
                ("bulletin JSON, year 2023 (to = year end)", "from=2023-01-01&to=2023-12-31"),
                (
                    "bulletin JSON, July 2023 (half the log after to)",
                    "from=2023-07-01&to=2023-07-31",
                ),
                ("bulletin JSON, one county, year 2023", "from=2023-01-01&to=2023-12-31&county=2"),
            ):
                figures = timed(label, lambda q=query: get(q))
                print(
                    f"  projects {figures['projects']['total']}, problems {figures['problems']['total']}"
                )
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
