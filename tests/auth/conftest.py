"""Auth fixtures: a clock the throttle reads, logins from a chosen address, the app behind
nginx."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from server import create_app
from server.auth import throttle
from server.db import db, utcnow
from tests.conftest import PASSWORD, _config

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


@pytest.fixture
def proxied(
    app: Flask, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Flask]:
    """The app as systemd starts it behind nginx: TRUSTED_PROXIES=1 from the environment."""
    monkeypatch.setenv("TRUSTED_PROXIES", "1")
    behind_nginx = create_app(_config(database_url, tmp_path / "proxied"))
    yield behind_nginx
    with behind_nginx.app_context():
        db.engine.dispose()
