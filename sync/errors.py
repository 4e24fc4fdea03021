"""Outcomes of a mutation other than success: rejected (never can succeed) or a conflict."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session


class MutationProblem(Exception):
    """Base: a code, a Chinese message for the user, an English one, and optional field errors."""

    status = "rejected"

    def __init__(
        self, code: str, message: str, message_en: str, errors: dict[str, Any] | None = None
    ) -> None:
        super().__init__(code)
        self.code, self.message, self.message_en, self.errors = code, message, message_en, errors


class Rejected(MutationProblem):
    """The mutation can never succeed (bad args, no permission, unknown record …)."""


class Conflict(MutationProblem):
    """The mutation lost a race (e.g. a problem moved on meanwhile); kept for the office to see.

    ``record`` writes what must survive the rolled-back attempt (e.g. a conflict event).
    """

    status = "conflict"

    def __init__(
        self,
        code: str,
        message: str,
        message_en: str,
        record: Callable[[Session], None] | None = None,
    ) -> None:
        super().__init__(code, message, message_en)
        self.record = record


class SyncError(Exception):
    """The whole request is refused (another user's client, unsupported schema version, a busy
    database); ``retry_after`` (seconds) when trying again later will do."""

    def __init__(
        self,
        code: str,
        message: str,
        message_en: str,
        http_status: int,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(code)
        self.code, self.message, self.message_en, self.http_status = (
            code,
            message,
            message_en,
            http_status,
        )
        self.retry_after = retry_after


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
    return SyncError(
        "busy_retry",
        "服务器正忙,同步稍后会自动重试(待同步的数据都保留在手机上)",
        "The server is busy; syncing will retry shortly (nothing unsynced is lost)",
        503,
        retry_after,
    )


def not_found(what_zh: str, what_en: str) -> Rejected:
    return Rejected(
        "not_found", f"找不到该{what_zh},可能已被删除或您无权查看", f"{what_en} not found"
    )


def forbidden(zh: str = "您没有权限进行此操作", en: str = "Not allowed") -> Rejected:
    return Rejected("forbidden", zh, en)
