"""Unsafe requests need the session's CSRF token."""


def test_unsafe_request_without_token_is_refused(client, make_user, login) -> None:
    login(make_user())
    response = client.post("/api/v1/auth/logout")
    assert response.status_code == 403
    assert response.get_json()["code"] == "csrf_failed"


def test_unsafe_request_with_wrong_token_is_refused(client, make_user, login) -> None:
    login(make_user())
    response = client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": "forged"})
    assert response.status_code == 403


def test_token_of_another_session_is_refused(app, client, make_user, login) -> None:
    user = make_user()
    login(user)
    other = app.test_client()
    other_token = other.post(
        "/api/v1/auth/login", json={"username": user.username, "password": "correct-horse-battery"}
    ).get_json()["csrf_token"]
    response = client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": other_token})
    assert response.status_code == 403


def test_safe_request_needs_no_token(client, make_user, login) -> None:
    login(make_user())
    assert client.get("/api/v1/auth/me").status_code == 200


def test_login_itself_is_exempt(client, make_user) -> None:
    user = make_user()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": "correct-horse-battery"}
    )
    assert response.status_code == 200
