"""Login, logout, sessions and the cookie's flags."""

from server.auth.models import AuthSession, User
from server.db import db
from tests.conftest import PASSWORD


def test_login_returns_user_and_csrf_token(client, make_user) -> None:
    user = make_user("supervisor", display_name="督查室")
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    body = response.get_json()
    assert response.status_code == 200
    assert body["user"]["display_name"] == "督查室"
    assert body["user"]["role_label"] == "督查室"
    assert len(body["csrf_token"]) >= 32


def test_session_cookie_is_httponly_and_samesite(client, make_user) -> None:
    user = make_user()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_wrong_password_is_refused_in_chinese(client, make_user) -> None:
    user = make_user()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": "nope-nope"}
    )
    assert response.status_code == 401
    assert response.get_json() == {"code": "invalid_credentials", "message": "用户名或密码错误"}


def test_unknown_user_gets_the_same_answer_as_wrong_password(client) -> None:
    response = client.post(
        "/api/v1/auth/login", json={"username": "ghost", "password": "whatever1"}
    )
    assert response.get_json()["code"] == "invalid_credentials"


def test_english_message_on_request(client) -> None:
    response = client.post(
        "/api/v1/auth/login",
        json={"username": "ghost", "password": "whatever1"},
        headers={"Accept-Language": "en-US,en;q=0.9"},
    )
    assert response.get_json()["message"] == "Wrong username or password"


def test_disabled_account_cannot_log_in(client, make_user) -> None:
    user = make_user()
    user.active = False
    db.session.commit()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert response.get_json()["code"] == "account_disabled"


def test_password_is_stored_hashed_with_argon2(make_user) -> None:
    user = make_user()
    stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_me_returns_the_logged_in_user(client, make_user, login) -> None:
    user = make_user("inspector")
    login(user)
    body = client.get("/api/v1/auth/me").get_json()
    assert body["user"]["username"] == user.username


def test_me_without_login_is_401(client) -> None:
    response = client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.get_json()["code"] == "login_required"


def test_logout_ends_the_session_on_the_server(client, make_user, login) -> None:
    user = make_user()
    token = login(user)
    response = client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    assert response.status_code == 204
    assert db.session.query(AuthSession).count() == 0
    assert client.get("/api/v1/auth/me").status_code == 401


def test_stolen_cookie_is_useless_after_logout(app, make_user, login, client) -> None:
    user = make_user()
    token = login(user)
    stolen = client.get_cookie("xc_session").value
    client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    other = app.test_client()
    other.set_cookie("xc_session", stolen)
    assert other.get("/api/v1/auth/me").status_code == 401


def test_password_change_logs_out_everywhere(client, make_user, login) -> None:
    from server.auth.services import set_password

    user = make_user()
    login(user)
    set_password(db.session.get(User, user.id), "another-password-1")
    db.session.commit()
    assert client.get("/api/v1/auth/me").status_code == 401
