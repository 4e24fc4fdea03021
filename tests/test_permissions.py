"""The permission matrix: every API route × every role, allowed or refused.

A new route must be added here, or ``test_every_api_route_is_in_the_matrix`` fails.
"""

from __future__ import annotations

import pytest

from server.regions.services import children

ROLES = ("anonymous", "admin", "supervisor", "inspector", "unit", "deputy")
OK = "ok"  # anything but 401/403/404 (a 422 for an empty form still means the door was open)

# (method, rule) → role → expected status or OK
MATRIX: dict[tuple[str, str], dict[str, int | str]] = {
    ("POST", "/api/v1/auth/login"): dict.fromkeys(ROLES, OK),
    ("POST", "/api/v1/auth/logout"): {"anonymous": 401, **dict.fromkeys(ROLES[1:], OK)},
    ("GET", "/api/v1/auth/me"): {"anonymous": 401, **dict.fromkeys(ROLES[1:], OK)},
    ("GET", "/api/v1/users"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": 403,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("POST", "/api/v1/users"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": 403,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/users/<int:user_id>"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": 403,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("PATCH", "/api/v1/users/<int:user_id>"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": 403,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/regions"): {"anonymous": 401, **dict.fromkeys(ROLES[1:], OK)},
    ("GET", "/api/v1/units"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/projects"): {"anonymous": 401, **dict.fromkeys(ROLES[1:], OK)},
    ("GET", "/api/v1/projects/facets"): {"anonymous": 401, **dict.fromkeys(ROLES[1:], OK)},
    ("GET", "/api/v1/projects/<int:project_id>"): {
        "anonymous": 401,
        **dict.fromkeys(ROLES[1:], OK),
    },
    ("GET", "/api/v1/projects/<int:project_id>?other"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 404,
        "unit": 404,
        "deputy": OK,
    },
    ("POST", "/api/v1/projects/<int:project_id>/progress-reports"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 403,
        "unit": OK,
        "deputy": 403,
    },
    ("POST", "/api/v1/projects/import"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/projects/import-template"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/projects/export"): {
        "anonymous": 401,
        "admin": OK,
        "supervisor": OK,
        "inspector": 403,
        "unit": 403,
        "deputy": 403,
    },
    ("GET", "/api/v1/openapi.json"): dict.fromkeys(ROLES, OK),
}

BODIES = {
    "/api/v1/auth/login": {"username": "deputy-user", "password": "correct-horse-battery"},
    "/api/v1/projects/<int:project_id>/progress-reports": {
        "report_date": "2023-08-01",
        "progress_pct": 50,
    },
}


@pytest.fixture
def world(make_user, make_unit, make_project, county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    unit = make_unit("水利局")
    own = make_project(code="OWN", township=east, region_path=east.path, unit=unit)
    other = make_project(code="OTHER", township=west, region_path=west.path)
    users = {
        "admin": make_user("admin"),
        "supervisor": make_user("supervisor"),
        "inspector": make_user("inspector", townships=[east]),
        "unit": make_user("unit", unit=unit),
        "deputy": make_user("deputy", username="deputy-user"),
    }
    return {"users": users, "own": own, "other": other}


def _url(rule: str, world: dict) -> str:  # type: ignore[type-arg]
    if rule.endswith("?other"):
        rule, project = rule.removesuffix("?other"), world["other"]
    else:
        project = world["own"]
    return rule.replace("<int:project_id>", str(project.id)).replace(
        "<int:user_id>", str(world["users"]["deputy"].id)
    )


def test_every_api_route_is_in_the_matrix(app) -> None:
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes <= {key for key in MATRIX}
    assert routes >= {(m, r) for m, r in MATRIX if "?" not in r}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", list(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_permission(app, world, role: str, route: tuple[str, str]) -> None:
    method, rule = route
    client = app.test_client()
    headers = {}
    if role != "anonymous":
        login = client.post(
            "/api/v1/auth/login",
            json={"username": world["users"][role].username, "password": "correct-horse-battery"},
        )
        headers["X-CSRF-Token"] = login.get_json()["csrf_token"]
    body = BODIES.get(rule.removesuffix("?other"), {})
    response = client.open(
        _url(rule, world), method=method, json=body if method != "GET" else None, headers=headers
    )
    expected = MATRIX[route][role]
    if expected == OK:
        assert response.status_code not in (401, 403, 404), response.get_json()
    else:
        assert response.status_code == expected, response.get_json()
