"""The JSON error handler: a busy database is a 503 to retry, a value no column holds a 400,
and a failed flush never turns the answer into Flask's HTML page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import event, text, update
from sqlalchemy.engine import Connection

from core.orm import utcnow
from server.auth.models import AuthSession
from server.db import db
from server.errors import AppError
from server.regions.models import Unit
from tests.conftest import PASSWORD

WAIT_MS = 100


@pytest.fixture
def probe(app: Flask) -> Flask:
    """Routes that make the database fail for real (registered before the first request)."""

    @app.post("/api/v1/test-probe/<kind>")
    def fail(kind: str):  # type: ignore[no-untyped-def]
        if kind == "echo":  # a message quoting what was sent, a lone surrogate included
            raise AppError("bad_format", kind="\ud800")
        if kind == "overflow":  # a region id no INTEGER column holds
            db.session.add(Unit(name="溢出", code="X1", region_id=2**63))
        else:  # a duplicate unit code: an IntegrityError, neither input nor busy
            db.session.add_all([Unit(name="甲", code="DUP"), Unit(name="乙", code="DUP")])
        db.session.flush()
        return {}

    return app


def _logged_in(app: Flask, make_user: Any, locale: str = "zh-CN") -> tuple[Any, dict[str, str]]:
    client = app.test_client()
    user = make_user("supervisor")
    user.locale = locale
    db.session.commit()
    login = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    return client, {"X-CSRF-Token": login.get_json()["csrf_token"]}


def test_a_value_no_column_holds_is_a_400_in_the_user_s_language(probe, make_user) -> None:
    client, csrf = _logged_in(probe, make_user, locale="en")
    response = client.post("/api/v1/test-probe/overflow", headers=csrf)
    assert (response.status_code, response.mimetype) == (400, "application/json")
    body = response.get_json()
    assert body["code"] == "invalid_value"
    assert body["message"].startswith("A value is too large")  # the user's locale, read anew


def test_a_failed_flush_still_answers_json_not_an_html_page(probe, make_user) -> None:
    client, csrf = _logged_in(probe, make_user)
    response = client.post("/api/v1/test-probe/duplicate", headers=csrf)
    assert (response.status_code, response.mimetype) == (500, "application/json")
    assert response.get_json() == {"code": "server_error", "message": "服务器出错了，请稍后再试"}


def test_an_error_quoting_a_lone_surrogate_is_still_json(probe, make_user) -> None:
    client, csrf = _logged_in(probe, make_user)
    response = client.post("/api/v1/test-probe/echo", headers=csrf)
    assert (response.status_code, response.mimetype) == (400, "application/json")
    assert response.get_json()["message"] == "不支持的格式「?」，可选 json、xlsx、pdf"


@contextmanager
def _short_lock_waits(app: Flask) -> Iterator[None]:
    """The app's connections give up on a lock after WAIT_MS (instead of 30 s)."""

    def on_checkout(dbapi_connection: Any, *_: Any) -> None:
        cursor = dbapi_connection.cursor()
        if db.engine.dialect.name == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {WAIT_MS}")
        else:
            cursor.execute(f"SET lock_timeout = '{WAIT_MS}ms'")
        cursor.close()

    db.engine.dispose()
    event.listen(db.engine, "checkout", on_checkout)
    try:
        yield
    finally:
        event.remove(db.engine, "checkout", on_checkout)
        db.engine.dispose()


@contextmanager
def _held_by_another_writer(app: Flask) -> Iterator[Connection]:
    """Another connection holds SQLite's write lock, or every PostgreSQL auth session row."""
    connection = db.engine.connect()
    try:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("COMMIT")  # end the BEGIN our hook issued
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.execute(text("SELECT id FROM auth_sessions FOR UPDATE"))
        yield connection
    finally:
        connection.rollback()
        connection.close()


def test_a_locked_database_is_a_503_to_retry_on_auth_me(app, make_user) -> None:
    client, _ = _logged_in(app, make_user)
    idle = utcnow() - timedelta(minutes=10)  # /auth/me then records that the session is used
    db.session.execute(update(AuthSession).values(last_seen_at=idle))
    db.session.commit()
    with _short_lock_waits(app), _held_by_another_writer(app):
        response = client.get("/api/v1/auth/me")
    assert response.status_code == 503, response.get_data()[:300]
    assert response.get_json()["code"] == "busy_retry"
    assert int(response.headers["Retry-After"]) > 0
    assert client.get("/api/v1/auth/me").status_code == 200  # once the lock is gone
