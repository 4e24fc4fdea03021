"""Login throttling: too many failures lock the username for a window, per username and per IP."""

from datetime import timedelta

from server.auth.models import LoginAttempt
from server.db import db, utcnow
from tests.conftest import PASSWORD


def fail(client, username: str, times: int, ip: str = "10.0.0.1") -> None:
    for _ in range(times):
        client.post(
            "/api/v1/auth/login",
            json={"username": username, "password": "wrong-password"},
            environ_base={"REMOTE_ADDR": ip},
        )


def test_five_failures_block_even_the_right_password(client, make_user) -> None:
    user = make_user()
    fail(client, user.username, 5)
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    body = response.get_json()
    assert response.status_code == 429
    assert body["code"] == "too_many_attempts"
    assert "分钟后再试" in body["message"]
    assert 0 < body["retry_after"] <= 900


def test_four_failures_still_allow_login(client, make_user) -> None:
    user = make_user()
    fail(client, user.username, 4)
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_old_failures_leave_the_window(client, make_user) -> None:
    user = make_user()
    fail(client, user.username, 5)
    for attempt in db.session.query(LoginAttempt):
        attempt.at = utcnow() - timedelta(minutes=16)
    db.session.commit()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_one_user_locked_does_not_lock_another(client, make_user) -> None:
    locked, other = make_user(), make_user()
    fail(client, locked.username, 5)
    response = client.post(
        "/api/v1/auth/login", json={"username": other.username, "password": PASSWORD}
    )
    assert response.status_code == 200


def test_many_usernames_from_one_ip_are_throttled(app, client, make_user) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    user = make_user()
    for n in range(6):
        fail(client, f"guess{n}", 1, ip="10.9.9.9")
    response = client.post(
        "/api/v1/auth/login",
        json={"username": user.username, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )
    assert response.status_code == 429
