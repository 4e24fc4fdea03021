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


def seed(url: str, phones: int, townships: int = 10, filled: tuple[int, int] | None = None) -> None:
    """Migrate and fill the database: one inspector account per phone, spread over townships;
    with ``filled`` (projects per township, inspections per project) a bigger county
    (``fill_county``)."""
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
        if filled is not None:
            fill_county(towns, *filled)
        db.engine.dispose()


def fill_county(towns: list[Any], projects: int, per_project: int) -> int:
    """A realistic county on top of ``seed``: ``projects`` projects per township, and on each
    project ``per_project`` inspections (six answers and a photo each) and a problem for every
    second inspection, pushed through sync as the township's own inspector (so every change row
    is one the server wrote itself). Returns how many mutations were pushed."""
    import hashlib
    import uuid

    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from server.auth.models import User
    from server.db import db
    from server.inspections.models import ChecklistTemplate
    from server.projects.models import Project
    from sync.changes import log_changes
    from sync.push import push

    template = db.session.scalars(
        select(ChecklistTemplate).options(selectinload(ChecklistTemplate.items))
    ).first()
    assert template is not None
    items = [item.id for item in template.items if item.kind == "yes_no_na"][:6]
    at = "2026-12-01T08:00:00+00:00"
    pushed = 0
    for t, town in enumerate(towns):
        mine = [
            Project(
                code=f"C{t}-{p}",
                name=f"压测县项目{t}-{p}",
                level="county",
                county=town.parent,
                township=town,
                region_path=town.path,
            )
            for p in range(projects)
        ]
        db.session.add_all(mine)
        log_changes(db.session, "project", mine, new=True)
        filler = User(
            username=f"filler-{t}",
            display_name=f"填充员{t}",
            role="inspector",
            password_hash="!",
            townships=[town],
        )
        db.session.add(filler)
        db.session.commit()
        mutations: list[dict[str, Any]] = []
        for project in mine:
            for n in range(per_project):
                inspection = str(uuid.uuid4())
                mutations.append(
                    _m(
                        "inspection.create",
                        id=inspection,
                        project_id=project.id,
                        kind="routine",
                        template_id=template.id,
                        started_at=at,
                    )
                )
                mutations += [
                    _m("answer.set", inspection_id=inspection, item_id=item, value="yes")
                    for item in items
                ]
                mutations.append(
                    _m(
                        "photo.attach",
                        id=str(uuid.uuid4()),
                        sha256=hashlib.sha256(inspection.encode()).hexdigest(),
                        size=250_000,
                        content_type="image/jpeg",
                        owner_type="inspection",
                        owner_id=inspection,
                        taken_at=at,
                    )
                )
                if n % 2 == 0:
                    mutations.append(
                        _m(
                            "issue.create",
                            id=str(uuid.uuid4()),
                            project_id=project.id,
                            inspection_id=inspection,
                            title=f"压测问题{n}",
                            description="围挡破损，需要整改。",
                            severity="medium",
                        )
                    )
        for i, mutation in enumerate(mutations, start=1):
            mutation["id"] = i
        client = str(uuid.uuid4())
        for offset in range(0, len(mutations), 100):
            outcome = push(db.session, filler, client, 1, mutations[offset : offset + 100])
            refused = [r for r in outcome.results if r["status"] != "applied"]
            assert not refused, refused[:1]
        pushed += len(mutations)
    return pushed


def _m(name: str, **args: Any) -> dict[str, Any]:
    return {"id": 0, "name": name, "args": args, "client_time": "2026-12-01T08:00:00+00:00"}


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
