"""User administration by the admin, and the CLI."""

from server.auth.models import User
from server.db import db


def test_admin_creates_an_inspector_with_townships(client, make_user, login, county) -> None:
    from server.regions.services import children

    token = login(make_user("admin"))
    townships = children(county.id, "township")
    response = client.post(
        "/api/v1/users",
        json={
            "username": "zhang.san",
            "display_name": "张三",
            "password": "s3cret-pass",
            "role": "inspector",
            "township_ids": [t.id for t in townships],
        },
        headers={"X-CSRF-Token": token},
    )
    body = response.get_json()
    assert response.status_code == 201
    assert body["role_label"] == "督查员"
    assert [t["name"] for t in body["townships"]] == ["东镇", "西乡"]


def test_unit_user_needs_a_unit(client, make_user, login) -> None:
    token = login(make_user("admin"))
    response = client.post(
        "/api/v1/users",
        json={"username": "unit1", "password": "s3cret-pass", "role": "unit"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["unit_id"] == ["责任单位账号必须选择单位"]


def test_short_password_is_refused_with_field_error(client, make_user, login) -> None:
    token = login(make_user("admin"))
    response = client.post(
        "/api/v1/users",
        json={"username": "dep1", "password": "short", "role": "deputy"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["password"] == ["密码至少 8 位"]


def test_duplicate_username_is_a_conflict(client, make_user, login) -> None:
    token = login(make_user("admin"))
    existing = make_user("deputy")
    response = client.post(
        "/api/v1/users",
        json={"username": existing.username, "password": "s3cret-pass", "role": "deputy"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 409
    assert response.get_json()["code"] == "username_taken"


def test_missing_fields_get_chinese_messages(client, make_user, login) -> None:
    token = login(make_user("admin"))
    response = client.post("/api/v1/users", json={}, headers={"X-CSRF-Token": token})
    body = response.get_json()
    assert body["code"] == "validation_error"
    assert body["errors"]["username"] == ["此项必填"]


def test_deactivating_a_user_ends_their_sessions(app, client, make_user, login) -> None:
    token = login(make_user("admin"))
    victim = make_user("inspector")
    other = app.test_client()
    other.post(
        "/api/v1/auth/login",
        json={"username": victim.username, "password": "correct-horse-battery"},
    )
    response = client.patch(
        f"/api/v1/users/{victim.id}", json={"active": False}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 200
    assert other.get("/api/v1/auth/me").status_code == 401


def test_admin_cannot_disable_self(client, make_user, login) -> None:
    admin = make_user("admin")
    token = login(admin)
    response = client.patch(
        f"/api/v1/users/{admin.id}", json={"active": False}, headers={"X-CSRF-Token": token}
    )
    assert response.status_code == 409


def test_cli_creates_a_unit_user(runner, make_unit) -> None:
    unit = make_unit("县水利局", code="QT-SL")
    result = runner.invoke(
        args=[
            "users",
            "create",
            "shuili",
            "--role",
            "unit",
            "--password",
            "s3cret-pass",
            "--unit",
            "QT-SL",
        ]
    )
    assert result.exit_code == 0, result.output
    user = db.session.query(User).filter_by(username="shuili").one()
    assert user.unit_id == unit.id


def test_cli_refuses_unknown_unit_code(runner) -> None:
    result = runner.invoke(
        args=[
            "users",
            "create",
            "x1",
            "--role",
            "unit",
            "--password",
            "s3cret-pass",
            "--unit",
            "NOPE",
        ]
    )
    assert result.exit_code != 0
    assert "单位编码不存在" in result.output
