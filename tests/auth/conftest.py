"""Auth fixtures: a clock the throttle reads, and logins from a chosen address."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from flask.testing import FlaskClient

from server.auth import throttle
from server.db import utcnow
from tests.conftest import PASSWORD

WRONG = "wrong-password"


class Clock:
    """The throttle's time, moved by hand."""

    def __init__(self) -> None:
        self.at = utcnow()

    def __call__(self) -> datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(throttle, "now", clock)
    return clock


def post_login(client: FlaskClient, username: str, password: str = PASSWORD, **environ: Any):  # type: ignore[no-untyped-def]
    """POST a login; ``ip`` sets the socket's address, other keywords go to the WSGI environ."""
    ip = environ.pop("ip", "10.0.0.1")
    return client.post(
        "/api/v1/auth/login",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": ip, **environ},
    )


@pytest.fixture
def fail() -> Callable[..., None]:
    """Send ``times`` wrong passwords for ``username`` from ``ip``."""

    def do(client: FlaskClient, username: str, times: int, ip: str = "10.0.0.1") -> None:
        for _ in range(times):
            response = post_login(client, username, WRONG, ip=ip)
            assert response.status_code in (401, 429), response.get_json()

    return do
