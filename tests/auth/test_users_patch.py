"""PATCH /users/<id> checks an account's unit, region and townships against its role, as
creating one does."""

import pytest

from server.auth.models import User
from server.db import db
from server.regions.services import children


@pytest.fixture
def admin_patch(client, make_user, login):  # type: ignore[no-untyped-def]
    """PATCH an account as the admin; returns the response."""
    token = login(make_user("admin"))

    def patch(user, headers=None, **body):  # type: ignore[no-untyped-def]
        return client.patch(
            f"/api/v1/users/{user.id}",
            json=body,
            headers={"X-CSRF-Token": token, **(headers or {})},
        )

    return patch


def _village(county):  # type: ignore[no-untyped-def]
    return children(children(county.id, "township")[0].id, "village")[0]


def test_a_county_is_refused_as_an_inspectors_township(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector")
    response = admin_patch(inspector, township_ids=[county.id])
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"township_ids": ["只能选择乡镇（街道）"]}


def test_a_village_is_refused_as_an_inspectors_township(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector")
    response = admin_patch(inspector, township_ids=[_village(county).id])
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"township_ids": ["只能选择乡镇（街道）"]}


def test_a_unit_is_refused_on_a_supervisor(admin_patch, make_user, make_unit) -> None:
    supervisor = make_user("supervisor")
    response = admin_patch(supervisor, unit_id=make_unit().id)
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"unit_id": ["只有责任单位账号属于单位"]}


def test_a_region_is_refused_on_an_inspector(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector")
    response = admin_patch(inspector, region_id=county.id)
    assert response.status_code == 422
    assert list(response.get_json()["errors"]) == ["region_id"]


def test_townships_are_refused_on_a_deputy(admin_patch, make_user, county) -> None:
    deputy = make_user("deputy")
    township = children(county.id, "township")[0]
    response = admin_patch(deputy, township_ids=[township.id])
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"township_ids": ["只有督查员账号负责乡镇"]}


def test_a_unit_account_keeps_a_unit(admin_patch, make_user, make_unit) -> None:
    unit_user = make_user("unit", unit=make_unit())
    response = admin_patch(unit_user, unit_id=None)
    assert response.get_json()["errors"] == {"unit_id": ["责任单位账号必须选择单位"]}


def test_a_refused_patch_changes_nothing(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector", display_name="原名")
    admin_patch(inspector, display_name="新名", township_ids=[county.id])
    db.session.expire_all()
    stored = db.session.get(User, inspector.id)
    assert (stored.display_name, stored.townships) == ("原名", [])


def test_the_refusal_reads_in_english_on_request(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector")
    response = admin_patch(inspector, headers={"Accept-Language": "en"}, region_id=county.id)
    assert response.get_json()["message"] == "Some fields are invalid"


def test_an_inspectors_townships_change(admin_patch, make_user, county) -> None:
    inspector = make_user("inspector")
    west = children(county.id, "township")[1]
    response = admin_patch(inspector, township_ids=[west.id])
    assert response.status_code == 200
    assert [t["name"] for t in response.get_json()["townships"]] == ["西乡"]


def test_a_unit_account_moves_to_another_unit(admin_patch, make_user, make_unit) -> None:
    unit_user = make_user("unit", unit=make_unit())
    other = make_unit("县交通局")
    response = admin_patch(unit_user, unit_id=other.id)
    assert response.get_json()["unit"]["name"] == "县交通局"


def test_a_supervisors_region_changes(admin_patch, make_user, county) -> None:
    supervisor = make_user("supervisor")
    east = children(county.id, "township")[0]
    response = admin_patch(supervisor, region_id=east.id)
    assert response.get_json()["region"]["name"] == "东镇"


def test_creating_a_supervisor_with_a_unit_is_refused(client, make_user, login, make_unit) -> None:
    token = login(make_user("admin"))
    response = client.post(
        "/api/v1/users",
        json={
            "username": "office2",
            "password": "s3cret-pass",
            "role": "supervisor",
            "unit_id": make_unit().id,
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"unit_id": ["只有责任单位账号属于单位"]}


def test_an_old_accounts_stray_region_does_not_block_disabling_it(
    admin_patch, make_user, county
) -> None:
    inspector = make_user("inspector")
    inspector.region = county  # as the CLI's --region once allowed for any role
    db.session.commit()
    assert admin_patch(inspector, active=False).status_code == 200
