"""An administrator resets a password: a one-time password answered once, the user logged out,
and until they choose a new one every API but the change, me and logout answers
``password_change_required``."""

from __future__ import annotations

import pytest

from server.auth.models import User
from server.db import db
from tests.conftest import PASSWORD


@pytest.fixture
def admin_client(app, make_user):  # type: ignore[no-untyped-def]
    """A client logged in as an administrator, and its CSRF header."""
    admin = make_user("admin")
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login", json={"username": admin.username, "password": PASSWORD}
    )
    return client, {"X-CSRF-Token": login.get_json()["csrf_token"]}, admin


@pytest.fixture
def reset(admin_client):  # type: ignore[no-untyped-def]
    """Reset an account's password as the administrator; returns the response."""
    client, headers, _ = admin_client
    return lambda user: client.post(f"/api/v1/users/{user.id}/password-reset", headers=headers)


def _login(app, username: str, password: str):  # type: ignore[no-untyped-def]
    client = app.test_client()
    response = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    return client, response


def test_the_reset_answers_a_one_time_password(app, reset, make_user) -> None:
    inspector = make_user("inspector")
    body = reset(inspector).get_json()
    assert body["username"] == inspector.username
    _, login = _login(app, inspector.username, body["password"])
    assert login.status_code == 200
    assert login.get_json()["user"]["must_change_password"] is True


def test_the_old_password_no_longer_works(app, reset, make_user) -> None:
    inspector = make_user("inspector")
    reset(inspector)
    assert _login(app, inspector.username, PASSWORD)[1].status_code == 401


def test_the_reset_logs_the_user_out(app, reset, make_user) -> None:
    inspector = make_user("inspector")
    client, _ = _login(app, inspector.username, PASSWORD)
    reset(inspector)
    assert client.get("/api/v1/auth/me").status_code == 401


@pytest.fixture
def must_change(app, reset, make_user):  # type: ignore[no-untyped-def]
    """An inspector logged in with a one-time password: (client, headers, one-time password)."""
    inspector = make_user("inspector")
    password = reset(inspector).get_json()["password"]
    client, login = _login(app, inspector.username, password)
    return client, {"X-CSRF-Token": login.get_json()["csrf_token"]}, password


def test_other_apis_answer_a_clear_code_until_changed(must_change) -> None:
    client, _, _ = must_change
    response = client.get("/api/v1/projects")
    assert response.status_code == 403
    assert response.get_json()["code"] == "password_change_required"


def test_me_still_answers(must_change) -> None:
    client, _, _ = must_change
    assert client.get("/api/v1/auth/me").get_json()["user"]["must_change_password"] is True


def test_changing_it_opens_the_rest(must_change) -> None:
    client, headers, password = must_change
    response = client.post(
        "/api/v1/auth/password",
        json={"current_password": password, "new_password": "my-own-secret"},
        headers=headers,
    )
    assert response.status_code == 204
    assert client.get("/api/v1/projects").status_code == 200
    assert client.get("/api/v1/auth/me").get_json()["user"]["must_change_password"] is False


def test_the_change_needs_the_current_password(must_change) -> None:
    client, headers, _ = must_change
    response = client.post(
        "/api/v1/auth/password",
        json={"current_password": "not-it-at-all", "new_password": "my-own-secret"},
        headers=headers,
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"current_password": ["当前密码不正确"]}


def test_the_new_password_must_differ(must_change) -> None:
    client, headers, password = must_change
    response = client.post(
        "/api/v1/auth/password",
        json={"current_password": password, "new_password": password},
        headers=headers,
    )
    assert response.get_json()["code"] == "password_unchanged"


def test_the_change_needs_the_csrf_token(must_change) -> None:
    client, _, password = must_change
    response = client.post(
        "/api/v1/auth/password",
        json={"current_password": password, "new_password": "my-own-secret"},
    )
    assert response.get_json()["code"] == "csrf_failed"


def test_a_change_ends_the_other_sessions_only(app, make_user, login, client) -> None:
    user = make_user("supervisor")
    headers = {"X-CSRF-Token": login(user)}
    other, _ = _login(app, user.username, PASSWORD)
    client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "my-own-secret"},
        headers=headers,
    )
    assert (
        client.get("/api/v1/auth/me").status_code,
        other.get("/api/v1/auth/me").status_code,
    ) == (
        200,
        401,
    )


def test_an_administrator_cannot_reset_their_own(admin_client) -> None:
    client, headers, admin = admin_client
    response = client.post(f"/api/v1/users/{admin.id}/password-reset", headers=headers)
    assert response.get_json()["code"] == "cannot_reset_self"


def test_the_one_time_password_is_not_stored_in_clear(reset, make_user) -> None:
    inspector = make_user("inspector")
    password = reset(inspector).get_json()["password"]
    stored = db.session.get(User, inspector.id).password_hash
    assert password not in stored and stored.startswith("$argon2id$")
