"""Fixtures: one migrated database per session, an app per test, factories for data."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, delete
from sqlalchemy.exc import OperationalError

from server import create_app, synced  # noqa: F401  (every domain plugged into sync)
from server.db import Base, db
from tests.databases import fresh_database, postgres_server_url
from tests.support import skip_or_fail

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PASSWORD = "correct-horse-battery"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """PostgreSQL-only tests are left out of the SQLite run (not skipped: a skip fails CI)."""
    if postgres_server_url() is not None:
        return
    kept = [item for item in items if item.get_closest_marker("postgres_only") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def _config(database_url: str, tmp_path: Path) -> dict[str, Any]:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ARGON2_TIME_COST": 1,
        "ARGON2_MEMORY_COST": 1024,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A database migrated with Alembic once for the whole run."""
    from flask_migrate import upgrade

    server_url = postgres_server_url()
    if server_url is not None:
        try:
            create_engine(server_url).connect().close()
        except OperationalError as error:
            skip_or_fail(f"PostgreSQL at TEST_DATABASE_URL is unreachable: {error}")
    with fresh_database(tmp_path_factory.mktemp("db")) as url:
        app = create_app(_config(url, tmp_path_factory.mktemp("inst")))
        with app.app_context():
            upgrade()
            db.engine.dispose()
        yield url


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    app = create_app(_config(database_url, tmp_path))
    with app.app_context():
        yield app
        db.session.rollback()
        for table in reversed(Base.metadata.sorted_tables):
            db.session.execute(delete(table))
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask):  # type: ignore[no-untyped-def]
    return app.test_cli_runner()


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        skip_or_fail("../shared is absent: the sample photos and domain files are not here")
    return SHARED


# --- factories ---------------------------------------------------------------------------

_seq = count(1)


@pytest.fixture
def make_region(app: Flask) -> Callable[..., Any]:
    from server.regions.services import create_region

    def make(
        name: str | None = None, level: str = "county", parent: Any = None, code: str | None = None
    ) -> Any:
        region = create_region(name or f"地区{next(_seq)}", level, parent, code)
        db.session.commit()
        return region

    return make


@pytest.fixture
def county(make_region: Callable[..., Any]) -> Any:
    """A county with two townships (each with a village)."""
    county = make_region("测试县", "county")
    east = make_region("东镇", "township", county)
    west = make_region("西乡", "township", county)
    make_region("东村", "village", east)
    make_region("西村", "village", west)
    return county


@pytest.fixture
def make_unit(county: Any) -> Callable[..., Any]:
    from server.regions.models import Unit

    def make(name: str | None = None, code: str | None = None) -> Any:
        n = next(_seq)
        unit = Unit(name=name or f"单位{n}", code=code or f"U{n}", region_id=county.id)
        db.session.add(unit)
        db.session.commit()
        return unit

    return make


@pytest.fixture
def make_user(county: Any) -> Callable[..., Any]:
    from server.auth.services import create_user

    def make(role: str = "supervisor", username: str | None = None, **kwargs: Any) -> Any:
        user = create_user(username or f"{role}{next(_seq)}", PASSWORD, role, **kwargs)
        db.session.commit()
        return user

    return make


@pytest.fixture
def make_project(county: Any) -> Callable[..., Any]:
    from server.projects.models import ProgressReport, Project
    from sync.changes import log_change

    def make(**fields: Any) -> Any:
        progress = fields.pop("progress", None)
        report_date = fields.pop("report_date", date(2023, 7, 31))
        township = fields.get("township")
        defaults: dict[str, Any] = {
            "code": f"P{next(_seq):04d}",
            "name": f"项目{next(_seq)}",
            "level": "county",
            "county": county,
            "region_path": (township or county).path,
            "start_date": date(2023, 1, 1),
            "planned_completion_date": date(2023, 12, 31),
        }
        project = Project(**{**defaults, **fields})
        db.session.add(project)
        if progress is not None:
            db.session.add(
                ProgressReport(
                    project=project,
                    report_date=report_date,
                    progress_pct=Decimal(str(progress)),
                    source="manual",
                )
            )
            project.progress_pct = Decimal(str(progress))
        log_change(db.session, "project", project)
        db.session.commit()
        return project

    return make


@pytest.fixture
def login(client: FlaskClient) -> Callable[..., str]:
    """Log a user in on ``client``; returns the CSRF token."""

    def do(user: Any, password: str = PASSWORD) -> str:
        response = client.post(
            "/api/v1/auth/login", json={"username": user.username, "password": password}
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()["csrf_token"]

    return do
