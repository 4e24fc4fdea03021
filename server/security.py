"""Login required by default, CSRF on unsafe requests, and role checks.

Every endpoint needs a logged-in user unless it is in ``PUBLIC_ENDPOINTS``.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Flask, g, request, session

from server import sqlite
from server.auth.models import User
from server.auth.services import load_session
from server.db import db
from server.errors import AppError

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
# tus PATCHes stream for minutes; they do their own locking and must not hold SQLite's write lock
OWN_LOCKING_BLUEPRINTS = frozenset({"uploads"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SESSION_TOKEN_KEY = "t"

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
    if (
        request.method in UNSAFE_METHODS
        and endpoint not in CSRF_EXEMPT_ENDPOINTS
        and g.auth_session is not None
    ):
        sent = request.headers.get("X-CSRF-Token", "")
        if not hmac.compare_digest(sent, g.auth_session.csrf_token):
            raise AppError("csrf_failed")
    if request.method in UNSAFE_METHODS and request.blueprint not in OWN_LOCKING_BLUEPRINTS:
        db.session.commit()  # end the read that loaded the user before taking the write lock
        sqlite.begin_immediately(True)


def init_app(app: Flask) -> None:
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
