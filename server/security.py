"""Login required by default, CSRF on unsafe requests, and role checks.

Every endpoint needs a logged-in user unless it is in ``PUBLIC_ENDPOINTS``.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, current_app, g, request, session

from server import sqlite
from server.auth.models import User
from server.auth.services import load_session
from server.db import db
from server.errors import AppError
from server.text import has_surrogate

PUBLIC_ENDPOINTS = frozenset(
    {
        "auth.Login",
        "api-docs.openapi_json",
        "web.index",
        "web.assets",
        "web.healthz",
        "static",
    }
)
CSRF_EXEMPT_ENDPOINTS = frozenset({"auth.Login"})
# what a user whose password an administrator reset may still do (server/auth)
PASSWORD_CHANGE_ENDPOINTS = PUBLIC_ENDPOINTS | {"auth.Logout", "auth.Me", "auth.Password"}
# tus PATCHes stream for minutes; they do their own locking and must not hold SQLite's write lock
OWN_LOCKING_BLUEPRINTS = frozenset({"uploads"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# a push refuses a lone surrogate per mutation (sync/schemas.py), so one bad change never
# blocks a phone's queue; every other JSON body with one is a 400 at once
OWN_TEXT_CHECK_BLUEPRINTS = frozenset({"sync"})
SESSION_TOKEN_KEY = "t"
#: JSON bodies: how deeply arrays and objects may nest (the deepest real body, a sync push,
#: nests 5), and the default size (a push of 100 mutations is well under 1 MB)
MAX_JSON_DEPTH = 32
MAX_JSON_BYTES = 8 * 1024 * 1024

F = TypeVar("F", bound=Callable[..., Any])


def current_user() -> User:
    """The logged-in user (every non-public endpoint has one)."""
    user = g.get("user")
    if user is None:
        raise AppError("login_required")
    return user


def roles_required(*roles: str) -> Callable[[F], F]:
    """Refuse with 403 unless the user has one of ``roles``."""

    def decorator(func: F) -> F:
        @wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if current_user().role not in roles:
                raise AppError("forbidden")
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def _load_user() -> None:
    g.user = None
    g.auth_session = None
    token = session.get(SESSION_TOKEN_KEY)
    if not token:
        return
    row = load_session(token)
    if row is None:
        session.pop(SESSION_TOKEN_KEY, None)
        return
    if db.session.dirty:
        db.session.commit()
    g.user = row.user
    g.auth_session = row


def _check_request() -> None:
    _load_user()
    endpoint = request.endpoint
    if endpoint is None:
        return  # 404 / 405: let Flask answer
    if endpoint not in PUBLIC_ENDPOINTS and g.user is None:
        raise AppError("login_required")
    changing = g.user is not None and g.user.must_change_password
    if changing and endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        raise AppError("password_change_required")
    if (
        request.method in UNSAFE_METHODS
        and endpoint not in CSRF_EXEMPT_ENDPOINTS
        and g.auth_session is not None
    ):
        sent = request.headers.get("X-CSRF-Token", "")
        if not hmac.compare_digest(sent, g.auth_session.csrf_token):
            raise AppError("csrf_failed")
    _check_json_body()
    if request.method in UNSAFE_METHODS and request.blueprint not in OWN_LOCKING_BLUEPRINTS:
        db.session.commit()  # end the read that loaded the user before taking the write lock
        sqlite.begin_immediately(True)


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in parsed JSON (a scalar: 0)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, dict | list):
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def _check_json_body() -> None:
    """A JSON body is at most MAX_JSON_BYTES and nests at most MAX_JSON_DEPTH deep (a 413 or
    a 400 before any parser recurses through it). Malformed JSON is left to the route."""
    if not request.is_json:
        return
    limit = current_app.config["MAX_JSON_BYTES"]
    if (request.content_length or 0) > limit:
        raise AppError("payload_too_large.body")
    request.max_content_length = limit  # also for a body without Content-Length
    try:
        body = json.loads(request.get_data(cache=True))
        too_deep = json_depth(body) > MAX_JSON_DEPTH
    except RecursionError:
        too_deep = True
    except ValueError:
        return
    if not too_deep and request.blueprint not in OWN_TEXT_CHECK_BLUEPRINTS and has_surrogate(body):
        raise AppError("invalid_text")
    if too_deep:
        raise AppError("bad_request.too_deep", depth=MAX_JSON_DEPTH)


def init_app(app: Flask) -> None:
    app.config.setdefault("MAX_JSON_BYTES", MAX_JSON_BYTES)  # any body: MAX_CONTENT_LENGTH
    app.before_request(_check_request)
    app.teardown_request(lambda _error: sqlite.begin_immediately(False))

    @app.after_request
    def security_headers(response):  # type: ignore[no-untyped-def]
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.path.startswith("/api/"):
            response.headers.setdefault("Cache-Control", "no-store")
        return response
