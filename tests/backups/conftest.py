"""A database of its own for each backup drill (a drill wipes and restores it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from server import create_app
from server.db import db
from tests.conftest import _config
from tests.databases import fresh_database


def make_app(url: str, tmp: Path, **extra: Any) -> Flask:
    """An app on ``url`` with its own media folder."""
    return create_app({**_config(url, tmp), **extra})


@pytest.fixture
def drill_database(tmp_path: Path) -> Iterator[str]:
    """A freshly migrated database that only this test uses."""
    from flask_migrate import upgrade

    with fresh_database(tmp_path / "db") as url:
        (tmp_path / "db").mkdir(exist_ok=True)
        app = make_app(url, tmp_path)
        with app.app_context():
            upgrade()
            db.session.remove()
            db.engine.dispose()
        yield url
