"""``flask --app server users prune-logins``: quiet login counters and old records go, blocks stay."""

from __future__ import annotations

from sqlalchemy import func, select

from server.auth.models import LoginThrottle
from server.db import db


def _counters() -> int:
    return db.session.scalar(select(func.count()).select_from(LoginThrottle)) or 0


def test_counters_of_a_quiet_window_are_forgotten(app, client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 2)
    assert _counters() > 0
    clock.advance(app.config["LOGIN_WINDOW_SECONDS"] + 1)
    result = app.test_cli_runner().invoke(args=["users", "prune-logins"])
    assert result.exit_code == 0, result.output
    assert _counters() == 0


def test_a_blocked_account_stays_blocked_after_pruning(app, client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    before = _counters()
    app.test_cli_runner().invoke(args=["users", "prune-logins"])
    assert _counters() == before
    assert (
        client.post(
            "/api/v1/auth/login",
            json={"username": user.username, "password": "correct-horse-battery"},
            environ_base={"REMOTE_ADDR": "10.0.0.1"},
        ).status_code
        == 429
    )
