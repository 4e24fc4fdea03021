"""Which database errors are the client's input, which are a busy database worth a retry."""

from __future__ import annotations

import logging

from sqlalchemy import exc

from server.db import db
from sync.errors import is_transient  # one rule for push, pull and every other route

__all__ = ["RETRY_AFTER_SECONDS", "is_bad_value", "is_transient", "rollback_quietly"]

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 2


def rollback_quietly() -> None:
    """End the request's failed transaction so the error answer can still read the database."""
    try:
        db.session.rollback()
    except Exception:  # the connection itself is gone: nothing left to roll back
        log.warning("rollback after an error failed", exc_info=True)


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
