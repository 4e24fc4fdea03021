"""The permission matrix: every API route × every role, allowed or refused.

A new route must be added here, or ``test_every_api_route_is_in_the_matrix`` fails.
"""

from __future__ import annotations

import pytest

from server.regions.services import children
from tests import permission_world as built

ROLES = ("anonymous", "admin", "supervisor", "inspector", "unit", "deputy")
OK = "ok"  # anything but 401/403/404 (a 422 for an empty form still means the door was open)


def open_to(*roles: str, **others: int | str) -> dict[str, int | str]:
    """A row: anonymous 401, ``roles`` allowed, ``others`` as given, everyone else 403."""
    row: dict[str, int | str] = {"anonymous": 401, **dict.fromkeys(ROLES[1:], 403)}
    return {**row, **dict.fromkeys(roles, OK), **others}


# (method, rule) → role → expected status or OK
MATRIX: dict[tuple[str, str], dict[str, int | str]] = {
    ("POST", "/api/v1/auth/login"): dict.fromkeys(ROLES, OK),
    ("POST", "/api/v1/auth/logout"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/auth/me"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/users"): open_to("admin"),
    ("POST", "/api/v1/users"): open_to("admin"),
    ("GET", "/api/v1/users/<int:user_id>"): open_to("admin"),
    ("PATCH", "/api/v1/users/<int:user_id>"): open_to("admin"),
    ("POST", "/api/v1/auth/password"): open_to(*ROLES[1:]),
    ("POST", "/api/v1/users/<int:user_id>/password-reset"): open_to("admin"),
    ("GET", "/api/v1/users/<int:user_id>/devices"): open_to("admin"),
    ("POST", "/api/v1/users/import"): open_to("admin"),
    ("GET", "/api/v1/users/import-template"): open_to("admin"),
    ("GET", "/api/v1/regions"): open_to(*ROLES[1:]),
    ("POST", "/api/v1/regions"): open_to("admin"),
    ("GET", "/api/v1/regions/tree"): open_to("admin"),
    ("PATCH", "/api/v1/regions/<int:region_id>"): open_to("admin"),
    ("GET", "/api/v1/regions/<int:region_id>/units"): open_to("admin"),
    ("POST", "/api/v1/regions/<int:region_id>/units"): open_to("admin"),
    ("PATCH", "/api/v1/units/<int:unit_id>"): open_to("admin"),
    ("POST", "/api/v1/regions/<int:region_id>/import"): open_to("admin"),
    ("GET", "/api/v1/regions/import-template"): open_to("admin"),
    # the office's units: its area's only (AREA below); ?picker = the 交办 picker of a problem
    ("GET", "/api/v1/units"): open_to("admin", "supervisor"),
    ("GET", "/api/v1/units?picker"): open_to("admin", "supervisor"),
    ("GET", "/api/v1/projects"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/projects/facets"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/projects/<int:project_id>"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/projects/<int:project_id>?other"): open_to(
        "admin", "supervisor", "deputy", inspector=404, unit=404
    ),
    ("POST", "/api/v1/projects/<int:project_id>/progress-reports"): open_to(
        "admin", "supervisor", "unit"
    ),
    ("POST", "/api/v1/projects/import"): open_to("admin", "supervisor"),
    ("GET", "/api/v1/projects/import-template"): open_to("admin", "supervisor"),
    ("GET", "/api/v1/projects/export"): open_to("admin", "supervisor"),
    # planning: the office plans and assigns; inspectors and deputies read their own tasks
    **{
        (method, rule): open_to("admin", "supervisor")
        for method, rule in (
            ("GET", "/api/v1/plans"),
            ("POST", "/api/v1/plans"),
            ("POST", "/api/v1/plans/preview"),
            ("GET", "/api/v1/plans/<int:plan_id>"),
            ("GET", "/api/v1/plans/<int:plan_id>/redraw"),
            ("POST", "/api/v1/plans/<int:plan_id>/assignments"),
            ("GET", "/api/v1/plans/<int:plan_id>/candidates"),
        )
    },
    # review: the office's queue of submitted inspections, approve / return (region-scoped)
    **{
        (method, rule): open_to("admin", "supervisor")
        for method, rule in (
            ("GET", "/api/v1/review/inspections"),
            ("GET", "/api/v1/review/inspections/<inspection_id>"),
            ("POST", "/api/v1/review/inspections/<inspection_id>/approve"),
            ("POST", "/api/v1/review/inspections/<inspection_id>/return"),
        )
    },
    # deputies' reports (代表反映): the office of the report's region handles them
    **{
        (method, rule): open_to("admin", "supervisor")
        for method, rule in (
            ("GET", "/api/v1/reports"),
            ("GET", "/api/v1/bulletins/figures"),  # 督查通报 (tests/bulletins/)
            ("GET", "/api/v1/reports/bulletin"),  # its old path: a 308 there until next release
            ("GET", "/api/v1/bulletins"),  # published bulletins, the office's region's
            ("POST", "/api/v1/bulletins"),
            ("GET", "/api/v1/bulletins/<int:bulletin_id>"),
            ("PUT", "/api/v1/bulletins/<int:bulletin_id>"),
            ("POST", "/api/v1/bulletins/<int:bulletin_id>/publish"),
            ("GET", "/api/v1/reports/<report_id>"),
            ("POST", "/api/v1/reports/<report_id>/accept"),
            ("POST", "/api/v1/reports/<report_id>/decline"),
            ("POST", "/api/v1/reports/<report_id>/reply"),
            ("GET", "/api/v1/lists/responsibility"),
            ("GET", "/api/v1/projects/<int:project_id>/log"),
        )
    },
    # 整改清单: the office's, and a unit's own
    ("GET", "/api/v1/lists/rectification"): open_to("admin", "supervisor", "unit"),
    # the office's dashboard and map (tests/dashboard/)
    **{
        ("GET", rule): open_to("admin", "supervisor")
        for rule in ("/api/v1/dashboard", "/api/v1/map/projects")
    },
    ("GET", "/api/v1/tasks/mine"): open_to("inspector", "deputy"),
    # notifications: everyone logged in, each their own (tests/notifications/test_api.py)
    ("GET", "/api/v1/notifications"): open_to(*ROLES[1:]),
    ("POST", "/api/v1/notifications/read"): open_to(*ROLES[1:]),
    ("GET", "/api/v1/openapi.json"): dict.fromkeys(ROLES, OK),
    ("POST", "/api/v1/sync/push"): open_to(*ROLES[1:]),
    ("POST", "/api/v1/sync/pull"): open_to(*ROLES[1:]),
    # photos: anyone logged in uploads (tus); an upload is its creator's alone (404 for others)
    ("OPTIONS", "/api/v1/uploads/"): open_to(*ROLES[1:]),
    ("POST", "/api/v1/uploads/"): open_to(*ROLES[1:]),
    **{
        (method, "/api/v1/uploads/<upload_id>"): open_to(
            "inspector", admin=404, supervisor=404, unit=404, deputy=404
        )
        for method in ("HEAD", "PATCH", "DELETE")
    },
    # whether the server has bytes is told only to who sent them (404 for anyone else)
    ("HEAD", "/api/v1/blobs/<sha256>"): open_to(
        "inspector", admin=404, supervisor=404, unit=404, deputy=404
    ),
    # the photo is the inspector's (server.media.access.can_view_photo)
    ("GET", "/api/v1/photos/<photo_id>/<variant>"): open_to(
        "admin", "supervisor", "inspector", unit=404, deputy=404
    ),
    # checklists the office designs; inspectors read them (tests/inspections/test_template_api.py)
    **{
        ("GET", rule): open_to("admin", "supervisor", "inspector")
        for rule in (
            "/api/v1/templates",
            "/api/v1/templates/<template_id>",
            "/api/v1/templates/<template_id>/xlsform",
        )
    },
    **{
        ("POST", rule): open_to("admin", "supervisor")
        for rule in (
            "/api/v1/templates",
            "/api/v1/templates/<template_id>/versions",
            "/api/v1/templates/<template_id>/retire",
            "/api/v1/templates/import-xlsform",
        )
    },
}

# the problem ledger: the office of the area; a unit its own problems and slips (404 others)
MATRIX.update(
    {
        **{
            (method, rule): open_to("admin", "supervisor", unit=unit)
            | ({"admin": 422, "supervisor": 422} if rule.endswith("?other_county") else {})
            for method, rule, unit in (
                ("GET", "/api/v1/issues", 403),
                ("GET", "/api/v1/issues/<issue_id>", OK),
                ("GET", "/api/v1/issues/<issue_id>?other", 404),
                ("GET", "/api/v1/issues/<issue_id>/events", OK),
                ("GET", "/api/v1/issues/<issue_id>/events?other", 404),
                ("POST", "/api/v1/issues/<issue_id>/transitions", OK),
                ("POST", "/api/v1/issues/<issue_id>/transitions?other", 404),
                # 改派 to the next county's unit: refused to the office too (422, AREA below)
                ("POST", "/api/v1/issues/<issue_id>/transitions?other_county", 403),
                ("POST", "/api/v1/issues/<issue_id>/extensions/decision", 403),
                ("GET", "/api/v1/slips/<int:slip_id>", OK),
                ("GET", "/api/v1/slips/<int:slip_id>?other", 404),
            )
        },
        ("GET", "/api/v1/issues/mine"): open_to("unit"),
        **{
            ("POST", rule): open_to(unit=unit)
            for rule, unit in (
                ("/api/v1/issues/<issue_id>/extensions", OK),
                ("/api/v1/issues/<issue_id>/extensions?other", 404),
            )
        },
    }
)

BODIES = {
    "/api/v1/auth/login": {"username": "deputy-user", "password": "correct-horse-battery"},
    "/api/v1/projects/<int:project_id>/progress-reports": {
        "report_date": "2023-08-01",
        "progress_pct": 50,
    },
    "/api/v1/plans/<int:plan_id>/assignments": {"task_ids": [], "assignee_id": 1},
    "/api/v1/reports/<report_id>/decline": {"reason": "不属于民生实事"},
    "/api/v1/reports/<report_id>/reply": {"text": "已通水"},
    "/api/v1/notifications/read": {"all": True},
    "/api/v1/review/inspections/<inspection_id>/return": {"review_note": "请补拍"},
    # well-formed, so a refusal of the problem itself (404) shows; the move lost a race (409)
    "/api/v1/issues/<issue_id>/transitions": {"to": "verified", "expected_from": "found"},
    "/api/v1/issues/<issue_id>/extensions": {"deadline": "2023-10-01", "reason": "雨季施工"},
    "/api/v1/issues/<issue_id>/extensions/decision": {"approve": True},
    "/api/v1/templates": lambda world: {
        "name": "安全检查",
        "county_id": world["own"].county_id,
        "items": [{"kind": "text", "label": "其他情况"}],
    },
    "/api/v1/templates/<template_id>/versions": {
        "name": "安全检查",
        "items": [{"kind": "text", "label": "其他情况"}],
    },
    "/api/v1/issues/<issue_id>/transitions?other_county": lambda world: {
        "to": "assigned",
        "expected_from": "assigned",
        "unit_id": world["neighbour_unit"].id,
        "deadline": "2023-10-01",
        "reason": "改派",
    },
}


@pytest.fixture
def world(app, make_user, make_unit, make_project, make_region, county):  # type: ignore[no-untyped-def]
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
    return {
        "users": users,
        "own": own,
        "other": other,
        "plan": built.plan(users["supervisor"], own),
        "report": built.report(users["deputy"], own),
        "bulletin": built.bulletin(users["supervisor"], county),
        **built.media(app, users["inspector"], own),
        **built.issues(users["supervisor"], own, other, unit, make_unit("交通局")),
        **built.neighbour(make_region),
        "template": built.template(users["supervisor"], county),
    }


def _url(rule: str, world: dict) -> str:  # type: ignore[type-arg]
    rule, _, variant = rule.partition("?")
    other = variant == "other"
    project = world["other" if other else "own"]
    query = f"?issue_id={world['issue'].id}" if variant == "picker" else ""
    issue, slip = (
        world["other_issue" if other else "issue"],
        world["other_slip" if other else "slip"],
    )
    return (
        rule.replace("<int:project_id>", str(project.id))
        .replace("<int:user_id>", str(world["users"]["deputy"].id))
        .replace("<int:region_id>", str(project.county_id))
        .replace("<int:unit_id>", str(world["own"].unit_id))
        .replace("<int:plan_id>", str(world["plan"].id))
        .replace("<upload_id>", world["upload"].id)
        .replace("<sha256>", world["blob"].sha256)
        .replace("<photo_id>", world["photo"].id)
        .replace("<report_id>", world["report"].id)
        .replace("<inspection_id>", world["photo"].owner_id)
        .replace("<variant>", "thumb")
        .replace("<issue_id>", issue.id)
        .replace("<int:slip_id>", str(slip.id))
        .replace("<int:bulletin_id>", str(world["bulletin"].id))
        .replace("<template_id>", world["template"].id)
    ) + query


def _methods(app, rule) -> set[str]:  # type: ignore[no-untyped-def]
    """The rule's methods, with HEAD and OPTIONS only when the view implements them itself."""
    view_class = getattr(app.view_functions[rule.endpoint], "view_class", None)
    return {
        method
        for method in rule.methods
        if method not in ("HEAD", "OPTIONS") or hasattr(view_class, method.lower())
    }


def test_every_api_route_is_in_the_matrix(app) -> None:
    routes = {
        (method, rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1")
        for method in _methods(app, rule)
    }
    assert routes <= {key for key in MATRIX}
    assert routes >= {(m, r) for m, r in MATRIX if "?" not in r}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", list(MATRIX), ids=lambda r: f"{r[0]} {r[1]}")
def test_permission(app, world, role: str, route: tuple[str, str]) -> None:
    method, rule = route
    client = app.test_client()
    headers = {"Tus-Resumable": "1.0.0"}  # the uploads' protocol version (ignored elsewhere)
    if role != "anonymous":
        login = client.post(
            "/api/v1/auth/login",
            json={"username": world["users"][role].username, "password": "correct-horse-battery"},
        )
        headers["X-CSRF-Token"] = login.get_json()["csrf_token"]
    body = BODIES.get(rule, BODIES.get(rule.partition("?")[0], {}))
    body = body(world) if callable(body) else body
    response = client.open(
        _url(rule, world), method=method, json=body if method != "GET" else None, headers=headers
    )
    expected = MATRIX[route][role]
    if expected == OK:
        assert response.status_code not in (401, 403, 404), response.get_json()
    else:
        assert response.status_code == expected, response.get_json()


# an office's area: the units it lists, and where it may assign a problem of its county
AREA = {
    # caller → (units listed, own county's unit, the next county's unit, a unit of no county)
    "county_office": ({"水利局", "交通局", "供电公司"}, 200, 422, 200),
    "neighbour_office": ({"邻县水利局", "供电公司"}, 404, 404, 404),
    "admin": ({"水利局", "交通局", "邻县水利局", "供电公司"}, 200, 422, 200),
}


@pytest.mark.parametrize("caller", list(AREA))
@pytest.mark.parametrize("target", ["listed", "own_unit", "neighbour_unit", "no_county"])
def test_units_and_assigning_stay_in_the_callers_area(
    app, world, make_user, caller: str, target: str
) -> None:
    from server.db import db
    from server.regions.models import Unit

    spare = Unit(name="供电公司", code="GD", region_id=None)
    db.session.add(spare)
    db.session.commit()
    county = world["own"].county
    users = {
        "county_office": make_user("supervisor", region=county),
        "neighbour_office": make_user("supervisor", region=world["neighbour"]),
        "admin": world["users"]["admin"],
    }
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login",
        json={"username": users[caller].username, "password": "correct-horse-battery"},
    )
    headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}
    listed, *moves = AREA[caller]
    if target == "listed":
        items = client.get("/api/v1/units", headers=headers).get_json()["items"]
        assert {unit["name"] for unit in items} == listed
        return
    unit = {"own_unit": world["issue"].unit, "neighbour_unit": world["neighbour_unit"]}.get(
        target, spare
    )
    body = {"to": "assigned", "expected_from": "assigned", "unit_id": unit.id, "reason": "改派"}
    response = client.post(
        f"/api/v1/issues/{world['issue'].id}/transitions",
        json={**body, "deadline": "2023-10-01"},
        headers=headers,
    )
    expected = moves[["own_unit", "neighbour_unit", "no_county"].index(target)]
    assert response.status_code == expected, response.get_json()
