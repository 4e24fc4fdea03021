"""Errors as JSON: a machine-readable ``code`` and a ``message`` in the user's language."""

from __future__ import annotations

import json
import re
from typing import Any

from flask import Flask, Response, g
from marshmallow import INCLUDE, Schema, fields
from werkzeug.exceptions import HTTPException

from core.problems import code_of, problem, render
from server import dberrors
from server.i18n import current_locale, pick

_STATUS_CODES = {
    400: "bad_request",
    401: "login_required",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "too_many_attempts.later",
}

# marshmallow's English defaults, as a clerk would read them in Chinese
_FIELD_MESSAGES_ZH = {
    "Missing data for required field.": "此项必填",
    "Field may not be null.": "此项不能为空",
    "Not a valid integer.": "请填写整数",
    "Not a valid number.": "请填写数字",
    "Not a valid date.": "日期格式不正确（例：2023-07-31）",
    "Not a valid string.": "请填写文字",
    "Not a valid boolean.": "请填写是或否",
    "Unknown field.": "不认识的字段",
    "Not a valid list.": "格式不正确",
    "Invalid input type.": "格式不正确",
    "Not a valid UUID.": "编号格式不正确",
    "Not a valid datetime.": "时间格式不正确",
}
_RANGE_ZH = (
    (
        re.compile(r"Must be greater than or equal to (\S+) and less than or equal to (\S+)\.$"),
        "应在 {0} 到 {1} 之间",
    ),
    (re.compile(r"Must be greater than or equal to (\S+)\.$"), "不能小于 {0}"),
    (re.compile(r"Must be less than or equal to (\S+)\.$"), "不能大于 {0}"),
)


class ErrorSchema(Schema):
    """What every error answers (for the OpenAPI document; answers are built by AppError)."""

    class Meta:
        unknown = INCLUDE  # e.g. retry_after, state

    code = fields.String(required=True, metadata={"example": "validation_error"})
    message = fields.String(required=True, metadata={"example": "填写的内容有误，请检查标红的项目"})
    errors = fields.Dict(metadata={"description": "Messages per field"})


class AppError(Exception):
    """An error the user should read: a key of core.problems (``code`` or ``code.variant``),
    ``params`` for its placeholders; ``extra`` joins the answer (e.g. ``retry_after``)."""

    def __init__(
        self,
        key: str,
        /,
        *,
        status: int | None = None,
        errors: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
        **params: Any,
    ) -> None:
        self.key = key
        self.code = code_of(key)
        self.status = status or problem(key).status
        self.message_zh, self.message_en = render(key, params)
        self.errors = errors
        self.extra = extra or {}
        super().__init__(key)

    @classmethod
    def of(cls, refusal: Any, *, status: int | None = None) -> AppError:
        """The answer for a refusal made elsewhere (sync's Rejected, Conflict or SyncError, a
        photo's IngestError …): anything with a ``key`` and its ``params``."""
        retry_after = getattr(refusal, "retry_after", None)
        extra = None if retry_after is None else {"retry_after": retry_after}
        return cls(refusal.key, status=status, extra=extra, **refusal.params)

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "code": self.code,
            "message": pick(self.message_zh, self.message_en),
        }
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def translate_field_errors(errors: Any) -> Any:
    """Translate marshmallow's default English messages when the user reads Chinese."""
    if current_locale() == "en":
        return errors
    if isinstance(errors, dict):
        return {key: translate_field_errors(value) for key, value in errors.items()}
    if isinstance(errors, list):
        return [translate_field_errors(value) for value in errors]
    if isinstance(errors, str):
        return _FIELD_MESSAGES_ZH.get(errors) or _range_zh(errors)
    return errors


def _range_zh(message: str) -> str:
    for pattern, zh in _RANGE_ZH:
        if match := pattern.match(message):
            return zh.format(*match.groups())
    return message


def _flatten_webargs(messages: dict[str, Any]) -> dict[str, Any]:
    # webargs nests messages by location ("json", "query", "form", "files")
    flat: dict[str, Any] = {}
    for value in messages.values():
        if isinstance(value, dict):
            flat.update(value)
    return flat


def _response(error: AppError) -> Response:
    """The JSON answer; never raises (a broken session or user falls back to Chinese)."""
    try:
        body = error.body()
    except Exception:  # e.g. the user's locale could not be loaded
        g.user = None
        body = {"code": error.code, "message": error.message_zh}
    text = json.dumps(body, ensure_ascii=False, default=str)
    # a lone surrogate echoed from the request cannot be UTF-8: it becomes "?"
    response = Response(text.encode("utf-8", "replace"), error.status, mimetype="application/json")
    if "retry_after" in error.extra:
        response.headers["Retry-After"] = str(error.extra["retry_after"])
    return response


def _http_error(error: HTTPException) -> AppError:
    status = error.code or 500
    code = _STATUS_CODES.get(status, "server_error" if status >= 500 else "bad_request")
    field_errors = None
    data = getattr(error, "data", None) or {}
    if status == 422 and "messages" in data:
        field_errors = translate_field_errors(_flatten_webargs(data["messages"]))
    return AppError(code, status=status, errors=field_errors)


def register_error_handlers(app: Flask) -> None:
    """Answer every error, ours, Werkzeug's or the database's, with the JSON shape of DESIGN.md.

    Each handler first rolls the session back (a failed flush leaves it unusable, and reading
    the user's language would fail again) and never raises itself, so no error ends in
    Flask's HTML page.
    """

    @app.errorhandler(AppError)
    def handle_app_error(error: AppError) -> Response:
        dberrors.rollback_quietly()
        return _response(error)

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException) -> Response:
        dberrors.rollback_quietly()
        try:
            app_error = _http_error(error)
        except Exception:
            app.logger.exception("could not describe an HTTP error")
            app_error = AppError("server_error", status=error.code or 500)
        response = _response(app_error)
        data = getattr(error, "data", None) or {}
        for key, value in (data.get("headers") or {}).items():
            response.headers[key] = value
        return response

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception) -> Response:
        dberrors.rollback_quietly()
        if dberrors.is_transient(error):
            app.logger.warning("database busy, asked the client to retry: %s", error)
            return _response(
                AppError("busy_retry", extra={"retry_after": dberrors.RETRY_AFTER_SECONDS})
            )
        if dberrors.is_bad_value(error):
            app.logger.warning("a value the database refused: %s", error)
            return _response(AppError("invalid_value"))
        app.logger.exception("unhandled error")
        return _response(AppError("server_error"))
