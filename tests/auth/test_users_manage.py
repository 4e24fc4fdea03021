"""The administrator's account page: role changes, last login, devices, and an administrator
with a region managing only the accounts of its area."""

from __future__ import annotations

import uuid

import pytest

from server.auth.models import User
from server.db import db
from server.regions.services import children
from sync.models import MutationRecord, SyncClient
from tests.auth.test_proxy import through_nginx
from tests.conftest import PASSWORD


@pytest.fixture
def as_admin(app, make_user):  # type: ignore[no-untyped-def]
    """Requests as an administrator (``region`` ties it to one): as_admin(method, url, json)."""

    def make(region=None):  # type: ignore[no-untyped-def]
        admin = make_user("admin", region=region)
        client = app.test_client()
        login = client.post(
            "/api/v1/auth/login", json={"username": admin.username, "password": PASSWORD}
        )
        headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}
        return lambda method, url, json=None: client.open(
            url, method=method, json=json, headers=headers
        )

    return make


def test_a_role_change_is_checked_against_the_new_role(as_admin, make_user) -> None:
    call = as_admin()
    inspector = make_user("inspector")
    response = call("PATCH", f"/api/v1/users/{inspector.id}", {"role": "unit"})
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"unit_id": ["责任单位账号必须选择单位"]}


def test_a_role_change_with_what_the_role_needs(as_admin, make_user, county) -> None:
    call = as_admin()
    inspector = make_user("inspector", townships=children(county.id, "township"))
    response = call(
        "PATCH",
        f"/api/v1/users/{inspector.id}",
        {"role": "supervisor", "township_ids": [], "region_id": county.id},
    )
    body = response.get_json()
    assert (body["role"], body["region"]["name"], body["townships"]) == (
        "supervisor",
        "测试县",
        [],
    )


def test_an_administrator_keeps_their_own_role(app, make_user) -> None:
    admin = make_user("admin")
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login", json={"username": admin.username, "password": PASSWORD}
    )
    response = client.patch(
        f"/api/v1/users/{admin.id}",
        json={"role": "supervisor"},
        headers={"X-CSRF-Token": login.get_json()["csrf_token"]},
    )
    assert response.get_json()["code"] == "cannot_change_own_role"


def test_the_last_login_time_and_address(app, as_admin, make_user) -> None:
    call = as_admin()
    deputy = make_user("deputy")
    app.test_client().post(
        "/api/v1/auth/login",
        json={"username": deputy.username, "password": PASSWORD},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    body = call("GET", f"/api/v1/users/{deputy.id}").get_json()
    assert body["last_login_ip"] == "203.0.113.9"
    assert body["last_login_at"] is not None


def test_no_login_yet_is_none(as_admin, make_user) -> None:
    body = as_admin()("GET", f"/api/v1/users/{make_user('deputy').id}").get_json()
    assert (body["last_login_at"], body["last_login_ip"]) == (None, None)


def test_devices_list_what_each_install_synced(as_admin, make_user) -> None:
    inspector = make_user("inspector")
    phone = SyncClient(id=str(uuid.uuid4()), user_id=inspector.id, last_mutation_id=41)
    db.session.add(phone)
    db.session.flush()
    db.session.add(
        MutationRecord(
            client_id=phone.id,
            mutation_id=7,
            name="answer.set",
            status="rejected",
            code="invalid_args",
            message="数据格式不正确",
            message_en="Invalid arguments",
            args={},
        )
    )
    db.session.commit()
    items = as_admin()("GET", f"/api/v1/users/{inspector.id}/devices").get_json()["items"]
    assert [(d["id"], d["last_mutation_id"], d["rejected"]) for d in items] == [(phone.id, 41, 1)]


# --- an administrator tied to a county ---


@pytest.fixture
def two_counties(make_region, county, make_user):  # type: ignore[no-untyped-def]
    """The test county's and a neighbour's office users."""
    neighbour = make_region("邻县", "county")
    return make_user("supervisor", region=county), make_user("supervisor", region=neighbour)


def test_a_county_administrator_lists_its_county_s_accounts(as_admin, county, two_counties):
    own, neighbour = two_counties
    names = {u["username"] for u in as_admin(county)("GET", "/api/v1/users").get_json()["items"]}
    assert own.username in names and neighbour.username not in names


def test_a_county_administrator_cannot_open_another_county_s_account(
    as_admin, county, two_counties
) -> None:
    _, neighbour = two_counties
    assert as_admin(county)("GET", f"/api/v1/users/{neighbour.id}").status_code == 404


def test_a_county_administrator_cannot_give_a_region_outside(
    as_admin, county, two_counties
) -> None:
    own, neighbour = two_counties
    response = as_admin(county)(
        "PATCH", f"/api/v1/users/{own.id}", {"region_id": neighbour.region_id}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"region_id": ["不在您管理的地区内"]}


def test_a_county_administrator_cannot_make_an_office_of_everywhere(as_admin, county) -> None:
    response = as_admin(county)(
        "POST",
        "/api/v1/users",
        {"username": "office.x", "password": "s3cret-pass", "role": "supervisor"},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"region_id": ["请选择所辖地区"]}


def test_a_county_administrator_creates_an_office_of_its_county(as_admin, county) -> None:
    response = as_admin(county)(
        "POST",
        "/api/v1/users",
        {
            "username": "office.x",
            "password": "s3cret-pass",
            "role": "supervisor",
            "region_id": county.id,
        },
    )
    assert response.status_code == 201, response.get_json()


def test_an_account_created_without_a_password_gets_a_one_time_one(app, as_admin) -> None:
    response = as_admin()("POST", "/api/v1/users", {"username": "qt.rd", "role": "deputy"})
    body = response.get_json()
    assert response.status_code == 201
    assert body["must_change_password"] is True
    login = app.test_client().post(
        "/api/v1/auth/login", json={"username": "qt.rd", "password": body["one_time_password"]}
    )
    assert login.status_code == 200


def test_an_account_created_with_a_password_has_no_one_time_one(as_admin) -> None:
    body = as_admin()(
        "POST", "/api/v1/users", {"username": "qt.rd", "role": "deputy", "password": "s3cret-pass"}
    ).get_json()
    assert (body["must_change_password"], body["one_time_password"]) == (False, None)


def test_the_last_login_address_behind_the_proxy(make_user, proxied) -> None:
    deputy = make_user("deputy")
    through_nginx(proxied.test_client(), deputy.username, PASSWORD, "198.51.100.7")
    db.session.rollback()  # the proxied app wrote through its own session: read afresh
    assert db.session.get(User, deputy.id).last_login_ip == "198.51.100.7"
