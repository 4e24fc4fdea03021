"""Which database errors are the client's input, which are a busy database worth a retry."""

from __future__ import annotations

import logging

from sqlalchemy import exc

from server.db import db

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2
#: PostgreSQL: serialization failure, deadlock, lock timeout (lock_timeout / NOWAIT)
TRANSIENT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
#: SQLite: another connection holds the write lock past busy_timeout
TRANSIENT_SQLITE = ("database is locked", "database table is locked", "database is busy")


def rollback_quietly() -> None:
    """End the request's failed transaction so the error answer can still read the database."""
    try:
        db.session.rollback()
    except Exception:  # the connection itself is gone: nothing left to roll back
        log.warning("rollback after an error failed", exc_info=True)


def _sqlstate(error: BaseException) -> str | None:
    return getattr(getattr(error, "orig", None), "sqlstate", None)


def is_transient(error: BaseException) -> bool:
    """A lock, a deadlock or a serialization failure: the same request may succeed later."""
    if not isinstance(error, exc.OperationalError | exc.InternalError):
        return False
    if _sqlstate(error) in TRANSIENT_SQLSTATES:
        return True
    text = str(getattr(error, "orig", error)).lower()
    return any(phrase in text for phrase in TRANSIENT_SQLITE)


def is_bad_value(error: BaseException) -> bool:
    """A value no column can hold: a number past 64 bits, a date past year 9999, a NUL or a
    lone surrogate in text. These come from what the client sent, so they are a 400."""
    if isinstance(error, exc.DataError):
        return True
    if isinstance(error, exc.StatementError):  # raised while binding the parameters
        error = error.orig  # type: ignore[assignment]
    if isinstance(error, OverflowError):
        return True
    return isinstance(error, UnicodeEncodeError) and "surrogate" in str(error)
