"""Alembic owns the schema: the migrations build exactly the models, and go down and up again."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect

from server import create_app
from server.db import Base
from tests.conftest import _config
from tests.databases import fresh_database


def test_migrated_database_matches_the_models(app) -> None:
    from server.db import db

    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_upgrade_again(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        app = create_app(_config(url, tmp_path))
        with app.app_context():
            upgrade()
            downgrade(revision="base")
            engine = create_engine(url)
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
            upgrade()
            assert "projects" in inspect(engine).get_table_names()
            engine.dispose()
            from server.db import db

            db.engine.dispose()
