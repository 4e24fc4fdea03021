"""The administrator's 地区与单位 API: the region tree, new regions, a county's units."""

from __future__ import annotations

import pytest

from server.regions.services import children
from tests.conftest import PASSWORD


@pytest.fixture
def call(app, make_user):  # type: ignore[no-untyped-def]
    """Requests as a user of ``role`` (an administrator by default) tied to ``region``."""

    def make(role: str = "admin", region=None):  # type: ignore[no-untyped-def]
        user = make_user(role, region=region)
        client = app.test_client()
        login = client.post(
            "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
        )
        headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}
        return lambda method, url, json=None: client.open(
            url, method=method, json=json, headers=headers
        )

    return make


def _names(nodes: list[dict]) -> list:  # type: ignore[type-arg]
    return [(node["name"], _names(node["children"])) for node in nodes]


def test_the_tree_nests_townships_and_villages(call, county) -> None:
    items = call()("GET", "/api/v1/regions/tree").get_json()["items"]
    assert _names(items) == [("测试县", [("东镇", [("东村", [])]), ("西乡", [("西村", [])])])]


def test_a_township_lists_its_inspectors(call, county, make_user) -> None:
    east, west = children(county.id, "township")
    make_user("inspector", display_name="张三", townships=[east])
    make_user("inspector", display_name="李四", townships=[east, west])
    items = call()("GET", "/api/v1/regions/tree").get_json()["items"]
    townships = {node["name"]: node["inspectors"] for node in items[0]["children"]}
    assert {name: [i["display_name"] for i in people] for name, people in townships.items()} == {
        "东镇": ["张三", "李四"],
        "西乡": ["李四"],
    }


def test_a_county_administrator_s_tree_starts_at_its_county(call, make_region, county) -> None:
    make_region("邻县", "county")
    items = call(region=county)("GET", "/api/v1/regions/tree").get_json()["items"]
    assert [node["name"] for node in items] == ["测试县"]


def test_a_new_township(call, county) -> None:
    response = call()(
        "POST",
        "/api/v1/regions",
        {"name": "南镇", "level": "township", "parent_id": county.id, "code": "331121103"},
    )
    assert response.status_code == 201
    assert (response.get_json()["parent_id"], response.get_json()["level"]) == (
        county.id,
        "township",
    )


def test_a_new_region_s_level_is_checked(call, county) -> None:
    response = call()(
        "POST", "/api/v1/regions", {"name": "丽水市", "level": "city", "parent_id": county.id}
    )
    assert response.status_code == 422
    assert response.get_json()["code"] == "region_level_order"


def test_a_township_is_renamed_and_coded(call, county) -> None:
    east = children(county.id, "township")[0]
    response = call()("PATCH", f"/api/v1/regions/{east.id}", {"name": "东城街道", "code": "331"})
    body = response.get_json()
    assert (body["name"], body["code"], body["parent_id"]) == ("东城街道", "331", county.id)


def test_a_rename_to_a_sibling_s_name_is_refused(call, county) -> None:
    east = children(county.id, "township")[0]
    response = call()("PATCH", f"/api/v1/regions/{east.id}", {"name": "西乡"})
    assert response.get_json()["code"] == "region_taken"


def test_keeping_one_s_own_name_is_no_conflict(call, county) -> None:
    east = children(county.id, "township")[0]
    response = call()("PATCH", f"/api/v1/regions/{east.id}", {"name": "东镇", "code": None})
    assert response.status_code == 200, response.get_json()


def test_a_county_administrator_adds_no_top_region(call, county) -> None:
    response = call(region=county)("POST", "/api/v1/regions", {"name": "乙县", "level": "county"})
    assert response.status_code == 403


def test_a_county_administrator_adds_nothing_to_another_county(call, make_region, county) -> None:
    neighbour = make_region("邻县", "county")
    response = call(region=county)(
        "POST", "/api/v1/regions", {"name": "北镇", "level": "township", "parent_id": neighbour.id}
    )
    assert response.status_code == 404


def test_a_county_s_units_with_their_contacts(call, county) -> None:
    admin = call()
    created = admin(
        "POST",
        f"/api/v1/regions/{county.id}/units",
        {"code": "QT-SL", "name": "县水利局", "contact_person": "王工", "contact_phone": "6812345"},
    )
    assert created.status_code == 201
    items = admin("GET", f"/api/v1/regions/{county.id}/units").get_json()["items"]
    assert [(u["code"], u["name"], u["contact_person"], u["contact_phone"]) for u in items] == [
        ("QT-SL", "县水利局", "王工", "6812345")
    ]


def test_units_belong_to_a_county_not_a_township(call, county) -> None:
    east = children(county.id, "township")[0]
    response = call()("POST", f"/api/v1/regions/{east.id}/units", {"code": "E1", "name": "镇办"})
    assert response.status_code == 422
    assert response.get_json()["code"] == "not_a_county"


def test_a_unit_s_contact_is_edited(call, make_unit) -> None:
    unit = make_unit("县水利局")
    response = call()("PATCH", f"/api/v1/units/{unit.id}", {"contact_phone": "13800000000"})
    assert (response.get_json()["name"], response.get_json()["contact_phone"]) == (
        "县水利局",
        "13800000000",
    )


def test_a_unit_cannot_take_another_unit_s_code(call, make_unit) -> None:
    make_unit("县水利局", code="QT-SL")
    other = make_unit("县交通局", code="QT-JT")
    response = call()("PATCH", f"/api/v1/units/{other.id}", {"code": "QT-SL"})
    assert response.status_code == 409
    assert response.get_json()["code"] == "unit_code_taken"


def test_another_county_s_unit_is_not_found(call, make_region, county) -> None:
    neighbour = make_region("邻县", "county")
    admin = call()
    unit = admin("POST", f"/api/v1/regions/{neighbour.id}/units", {"code": "LX", "name": "邻县局"})
    response = call(region=county)(
        "PATCH", f"/api/v1/units/{unit.get_json()['id']}", {"name": "改名"}
    )
    assert response.status_code == 404


def test_a_supervisor_lists_only_its_county_s_regions(call, make_region, county) -> None:
    make_region("邻县", "county")
    items = call("supervisor", county)("GET", "/api/v1/regions").get_json()["items"]
    assert {r["name"] for r in items} == {"测试县", "东镇", "西乡", "东村", "西村"}
