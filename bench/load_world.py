"""bench/load.py's database: a fresh one seeded for N phones, what a run left in it, and what
its connections waited for while the phones ran."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from server.config import normalise_database_url

PASSWORD = "load-phone-password"
SECRET = "load-bench-secret"


def fresh_database(url: str) -> None:
    """Drop and create the database ``url`` names."""
    target = make_url(normalise_database_url(url))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    admin.dispose()


def seed(url: str, phones: int, townships: int = 10) -> None:
    """Migrate and fill the database: one inspector account per phone, spread over townships."""
    from flask_migrate import upgrade

    from server import create_app
    from server.auth.models import User
    from server.auth.services import create_user
    from server.db import db
    from server.inspections.templates import ensure_default_templates
    from server.projects.models import Project
    from server.regions.services import create_region
    from sync.changes import log_changes

    app = create_app({"SQLALCHEMY_DATABASE_URI": normalise_database_url(url), "SECRET_KEY": SECRET})
    with app.app_context():
        upgrade()
        county = create_region("压测县", "county")
        towns = [create_region(f"压测镇{i}", "township", county) for i in range(townships)]
        projects = [
            Project(
                code=f"L{t}-{p}",
                name=f"压测项目{t}-{p}",
                level="county",
                county=county,
                township=town,
                region_path=town.path,
            )
            for t, town in enumerate(towns)
            for p in range(3)
        ]
        db.session.add_all(projects)
        log_changes(db.session, "project", projects, new=True)
        ensure_default_templates(db.session)
        first = create_user("phone-0", PASSWORD, "inspector", townships=[towns[0]])
        for i in range(1, phones):  # one argon2 hash (the server's own parameters) for all
            db.session.add(
                User(
                    username=f"phone-{i}",
                    display_name=f"phone-{i}",
                    role="inspector",
                    password_hash=first.password_hash,
                    townships=[towns[i % townships]],
                )
            )
        db.session.commit()
        db.engine.dispose()


def missing(url: str, inspections: list[str], answers: int) -> int:
    """Of the acknowledged inspections and answers, how many are not in the database."""
    acked = inspections
    engine = create_engine(normalise_database_url(url))
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM inspections WHERE id = ANY(:ids)"), {"ids": acked}
        ).scalar_one()
        answered = connection.execute(
            text("SELECT count(*) FROM answers WHERE inspection_id = ANY(:ids)"), {"ids": acked}
        ).scalar_one()
    engine.dispose()
    return len(acked) - found + answers - answered


class WaitSampler:
    """Samples pg_stat_activity of the database: what its busy connections wait for."""

    def __init__(self, url: str) -> None:
        target = make_url(normalise_database_url(url))
        self.database = target.database
        self.engine = create_engine(target.set(database="postgres"))
        self.waits: Counter[str] = Counter()
        self.samples = 0
        self.running = True

    def run(self, every: float = 0.2) -> None:
        query = text(
            "SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') FROM pg_stat_activity"
            " WHERE datname = :db AND state = 'active' AND pid <> pg_backend_pid()"
        )
        with self.engine.connect() as connection:
            while self.running:
                rows = connection.execute(query, {"db": self.database}).scalars().all()
                connection.rollback()
                self.waits.update(rows)
                self.samples += 1
                time.sleep(every)
        self.engine.dispose()

    def summary(self, top: int = 4) -> Any:
        total = sum(self.waits.values()) or 1
        return ", ".join(
            f"{name} {count / total:.0%}" for name, count in self.waits.most_common(top)
        )
