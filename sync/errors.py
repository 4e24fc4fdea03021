"""Outcomes of a mutation other than success: rejected (never can succeed) or a conflict."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
    """The whole request is refused (another user's client, unsupported schema version)."""

    def __init__(self, code: str, message: str, message_en: str, http_status: int) -> None:
        super().__init__(code)
        self.code, self.message, self.message_en, self.http_status = (
            code,
            message,
            message_en,
            http_status,
        )


def not_found(what_zh: str, what_en: str) -> Rejected:
    return Rejected(
        "not_found", f"找不到该{what_zh},可能已被删除或您无权查看", f"{what_en} not found"
    )


def forbidden(zh: str = "您没有权限进行此操作", en: str = "Not allowed") -> Rejected:
    return Rejected("forbidden", zh, en)
