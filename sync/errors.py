"""Outcomes of a mutation other than success: rejected (never can succeed) or a conflict."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from core.problems import code_of, noun, problem, render


class MutationProblem(Exception):
    """Base: a key of core.problems and its params, which give the ``code``, a Chinese
    ``message`` for the user, an English one; optional field errors."""

    status = "rejected"

    def __init__(self, key: str, /, *, errors: dict[str, Any] | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params, self.errors = key, params, errors
        self.code = code_of(key)
        self.message, self.message_en = render(key, params)


class Rejected(MutationProblem):
    """The mutation can never succeed (bad args, no permission, unknown record …)."""


class Conflict(MutationProblem):
    """The mutation lost a race (e.g. a problem moved on meanwhile); kept for the office to see.

    ``record`` writes what must survive the rolled-back attempt (e.g. a conflict event).
    """

    status = "conflict"

    def __init__(
        self, key: str, /, *, record: Callable[[Session], None] | None = None, **params: Any
    ) -> None:
        super().__init__(key, **params)
        self.record = record


class SyncError(Exception):
    """The whole request is refused (another user's client, unsupported schema version, a busy
    database); ``retry_after`` (seconds) when trying again later will do."""

    def __init__(self, key: str, /, *, retry_after: int | None = None, **params: Any) -> None:
        super().__init__(key)
        self.key, self.params, self.retry_after = key, params, retry_after
        self.code = code_of(key)
        self.message, self.message_en = render(key, params)
        self.http_status = problem(key).status


# lock or statement cancelled by lock_timeout, serialization failure, deadlock
_TRANSIENT_SQLSTATES = frozenset({"55P03", "40001", "40P01"})
_TRANSIENT_SQLITE = ("database is locked", "database table is locked", "database is busy")


def is_transient(error: BaseException) -> bool:
    """A database error that goes away when the request is tried again: a lock wait that timed
    out, a deadlock, a serialization failure, SQLite's "database is locked", a lost connection.
    Looks through the exceptions it was raised from."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError):
            if current.connection_invalidated:
                return True
            state = getattr(current.orig, "sqlstate", None) or ""
            if state in _TRANSIENT_SQLSTATES or state.startswith("08"):
                return True
            if isinstance(current.orig, sqlite3.OperationalError) and any(
                text in str(current.orig) for text in _TRANSIENT_SQLITE
            ):
                return True
        current = current.__cause__ or current.__context__
    return False


def busy(retry_after: int = 2) -> SyncError:
    """Nothing was recorded; the client sends the same request again after ``retry_after`` s."""
    return SyncError("busy_retry.sync", retry_after=retry_after)


def not_found(what: str) -> Rejected:
    """``what``: a noun of core.problems (``inspection``, ``problem`` …)."""
    return Rejected("not_found", what=noun(what))


def forbidden(key: str = "forbidden") -> Rejected:
    return Rejected(key)
