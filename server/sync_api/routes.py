"""POST /api/v1/sync/push and /api/v1/sync/pull."""

from __future__ import annotations

from typing import Any

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.errors import AppError
from server.i18n import current_locale, pick
from server.security import current_user
from sync import pull as pull_module
from sync import push as push_module
from sync.errors import SyncError
from sync.schemas import (
    PullRequestSchema,
    PullResponseSchema,
    PushRequestSchema,
    PushResponseSchema,
)

blp = Blueprint("sync", __name__, url_prefix="/api/v1/sync", description="同步 Sync protocol v1")
PUSH_MAX_BYTES = 8 * 1024 * 1024  # default of the SYNC_PUSH_MAX_BYTES setting


def _as_app_error(error: SyncError) -> AppError:
    return AppError.of(error)  # retry_after is sent as the Retry-After header too


def _secret() -> bytes:
    """The key pull cookies are signed with (the app's SECRET_KEY)."""
    key = current_app.config["SECRET_KEY"]
    return key if isinstance(key, bytes) else str(key).encode()


def _localise(result: dict[str, Any]) -> dict[str, Any]:
    english = result.pop("message_en", None)
    if english is not None and current_locale() == "en":
        result["message"] = english
    return result


@blp.before_request
def _limit_push_size() -> None:
    """The push request's own size limit, far below the photo uploads' (a phone sends at most
    100 mutations of at most SYNC_MAX_ARGS_BYTES each)."""
    if request.endpoint != "sync.Push":
        return
    limit = current_app.config.get("SYNC_PUSH_MAX_BYTES", PUSH_MAX_BYTES)
    request.max_content_length = limit  # a body without Content-Length stops there too
    if request.content_length is not None and request.content_length > limit:
        raise AppError("payload_too_large.sync", mb=limit // (1024 * 1024))


@blp.route("/push")
class Push(MethodView):
    @blp.arguments(PushRequestSchema)
    @blp.response(200, PushResponseSchema)
    def post(self, args: dict) -> dict:
        """Apply the phone's queued mutations exactly once (see DESIGN.md, sync protocol v1)."""
        try:
            outcome = push_module.push(
                db.session,
                current_user(),
                args["client_id"],
                args["schema_version"],
                args["mutations"],
                settings={
                    key: current_app.config[key]
                    for key in (
                        "TIMEZONE",
                        "REPORT_REOPEN_DAYS",
                        "ISSUE_COMMENTS_PER_HOUR",
                        "ISSUE_CONFLICTS_PER_HOUR",
                        "SYNC_MAX_ARGS_BYTES",
                        "CLOCK_SKEW_MINUTES",
                    )
                },
            )
        except SyncError as error:
            raise _as_app_error(error) from error
        return {
            "last_mutation_id": outcome.last_mutation_id,
            "results": [_localise(r) for r in outcome.results],
        }


@blp.route("/pull")
class Pull(MethodView):
    @blp.arguments(PullRequestSchema)
    @blp.response(200, PullResponseSchema)
    def post(self, args: dict) -> dict:
        """Changes since the cookie, limited to what the user may see; a full copy on reset."""
        try:
            outcome = pull_module.pull(
                db.session,
                current_user(),
                args["client_id"],
                args["cookie"],
                args["limit"],
                secret=_secret(),
            )
        except SyncError as error:
            raise _as_app_error(error) from error
        return {
            "cookie": outcome.cookie,
            "last_mutation_id": outcome.last_mutation_id,
            "reset": outcome.reset,
            "changes": outcome.changes,
            "rejections": [
                {
                    "mutation_id": r.mutation_id,
                    "name": r.name,
                    "status": r.status,
                    "code": r.code,
                    "message": pick(r.message, r.message_en),
                    "at": r.at,
                    "args": r.args,
                }
                for r in outcome.rejections
            ],
            "has_more": outcome.has_more,
        }
