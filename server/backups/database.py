"""The database's half of a backup: SQLite through its online backup API (the WAL included,
never a file copy), PostgreSQL through pg_dump of one exported snapshot, so the checksums in the
manifest describe exactly the rows that were dumped."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url

from server.backups.tables import table_checksums

SQLITE_FILE = "db.sqlite"
POSTGRES_FILE = "db.dump"


class BackupError(Exception):
    """A backup or restore step that failed, in words an operator understands."""


def kind_of(url: str) -> str:
    """``sqlite`` or ``postgresql``."""
    name = make_url(url).get_backend_name()
    if name not in ("sqlite", "postgresql"):
        raise BackupError(f"不支持的数据库 {name}（unsupported database）")
    return name


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("内存数据库无法备份（an in-memory database cannot be backed up）")
    return Path(database)


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string without the password, and the environment carrying it
    (so it never shows in the process list)."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = str(parsed.password)
    plain = parsed.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(f"{command[0]} 失败（failed）：{done.stderr.strip()}")


def dump(url: str, engine: Engine, backup_dir: Path) -> tuple[str, dict[str, Any]]:
    """Write the database into ``backup_dir``; returns (file name, table checksums)."""
    if kind_of(url) == "sqlite":
        target = backup_dir / SQLITE_FILE
        source = sqlite3.connect(_sqlite_path(url))
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        checker = create_engine(f"sqlite:///{target}")
        try:
            with checker.connect() as connection:
                return SQLITE_FILE, table_checksums(connection)
        finally:
            checker.dispose()
    dsn, env = _libpq(url)
    connection = engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with connection, connection.begin():
        snapshot = connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one()
        _run(
            [
                "pg_dump",
                "--format=custom",
                f"--snapshot={snapshot}",
                f"--file={backup_dir / POSTGRES_FILE}",
                dsn,
            ],
            env,
        )
        return POSTGRES_FILE, table_checksums(connection)


def restore(url: str, engine: Engine, backup_dir: Path, file_name: str) -> None:
    """Replace the database's content by the backup's (the app must be stopped)."""
    engine.dispose()
    source_path = backup_dir / file_name
    if not source_path.is_file():
        raise BackupError(f"备份中缺少数据库文件 {file_name}（database file missing）")
    if kind_of(url) == "sqlite":
        target_path = _sqlite_path(url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(source_path)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)  # writes every page through the target's own WAL
        finally:
            target.close()
            source.close()
        return
    dsn, env = _libpq(url)
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={dsn}",
            str(source_path),
        ],
        env,
    )


def current_checksums(engine: Engine) -> dict[str, Any]:
    """The table checksums of the database as it is now."""
    with engine.connect() as connection:
        return table_checksums(connection)
