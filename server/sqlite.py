"""SQLite as a real transactional database: explicit BEGIN, savepoints, WAL, foreign keys.

pysqlite's legacy transaction handling issues BEGIN lazily and breaks SAVEPOINT; SQLAlchemy's
documented remedy is to turn it off and emit BEGIN ourselves. WAL lets readers run beside the
one writer; synchronous=NORMAL is durable across application crashes (WAL mode).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False
_immediate: ContextVar[bool] = ContextVar("sqlite_begin_immediate", default=False)


def begin_immediately(flag: bool) -> None:
    """Make this context's next SQLite transactions take the write lock at BEGIN.

    In WAL mode a transaction that read first and then writes fails at once ("database is
    locked") when another writer committed in between; a request that will write therefore
    starts with BEGIN IMMEDIATE and waits its turn (busy_timeout) instead.
    """
    _immediate.set(flag)


@contextmanager
def writes_first(enabled: bool = True) -> Iterator[None]:
    """Within (when ``enabled``): this context's SQLite transactions begin immediately (see
    ``begin_immediately``); as before on leaving. A cron job reads, then writes: beside another
    host's run it would fail at its first write instead of waiting its turn."""
    token = _immediate.set(enabled or _immediate.get())
    try:
        yield
    finally:
        _immediate.reset(token)


def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "busy_timeout=30000",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _on_begin(connection: Any) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")


def install() -> None:
    """Hook every SQLite engine (idempotent)."""
    global _installed
    if _installed:
        return
    event.listen(Engine, "connect", _on_connect)
    event.listen(Engine, "begin", _on_begin)
    _installed = True
