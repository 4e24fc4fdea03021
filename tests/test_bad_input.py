"""Hostile input is a 400/413/422 in the JSON error shape, never a server error: numbers past
what a column holds, money past any budget, JSON nested thousands deep or too large, NUL and
lone surrogates in text and path ids, periods from year 1."""

from __future__ import annotations

import io
from typing import Any

import pytest
from flask.testing import FlaskClient

from server.db import db
from server.projects.models import ProgressReport
from tests.bulletins.conftest import client_for, townships  # noqa: F401  (fixture)

HUGE = 2**63  # one past the largest signed 64-bit integer


@pytest.fixture
def office(app, make_user, county) -> FlaskClient:  # type: ignore[no-untyped-def]
    return client_for(app, make_user("supervisor", region=county))


@pytest.fixture
def admin(app, make_user) -> FlaskClient:  # type: ignore[no-untyped-def]
    return client_for(app, make_user("admin"))


def _csrf(client: FlaskClient) -> dict[str, str]:
    return {"X-CSRF-Token": client.get("/api/v1/auth/me").get_json()["csrf_token"]}


def _refused(response: Any, *statuses: int) -> dict[str, Any]:
    """The JSON error body, after checking the status is one of ``statuses``."""
    assert response.status_code in statuses, (response.status_code, response.get_data()[:300])
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["code"] and body["message"]
    return body


def test_an_offset_past_64_bits_is_a_422_naming_it(office) -> None:
    body = _refused(office.get(f"/api/v1/issues?offset={HUGE}"), 422)
    assert "offset" in body["errors"]


def test_a_parent_id_past_64_bits_is_a_422_naming_it(office) -> None:
    body = _refused(office.get(f"/api/v1/regions?parent_id={HUGE}"), 422)
    assert "parent_id" in body["errors"]


def test_a_huge_county_in_a_bulletin_draft_is_a_422(office) -> None:
    draft = {"from": "2023-01-01", "to": "2023-06-30", "county": HUGE}
    body = _refused(office.post("/api/v1/bulletins", json=draft, headers=_csrf(office)), 422)
    assert "county" in body["errors"]


def test_huge_ids_in_a_new_user_are_a_422_in_chinese(admin) -> None:
    user = {"username": "newbie", "password": "abcdefgh12", "role": "deputy"}
    response = admin.post(
        "/api/v1/users",
        json={**user, "region_id": HUGE, "township_ids": [HUGE]},
        headers=_csrf(admin),
    )
    body = _refused(response, 422)
    assert body["errors"]["region_id"] == ["应在 1 到 2147483647 之间"]
    assert "township_ids" in body["errors"]


def test_money_past_any_budget_is_a_422_and_nothing_is_stored(office, make_project) -> None:
    project = make_project()
    report = {"report_date": "2023-08-31", "progress_pct": 50, "allocated_investment": 1e15}
    response = office.post(
        f"/api/v1/projects/{project.id}/progress-reports", json=report, headers=_csrf(office)
    )
    body = _refused(response, 422)
    assert "allocated_investment" in body["errors"]
    assert db.session.query(ProgressReport).count() == 0


def test_json_nested_5000_deep_is_a_400(office) -> None:
    deep = "[" * 5000 + "]" * 5000
    response = office.post(
        "/api/v1/sync/pull",
        data=f'{{"client_id": "x", "cookie": {deep}}}',
        content_type="application/json",
        headers=_csrf(office),
    )
    assert "层" in _refused(response, 400)["message"]


def test_json_nested_33_deep_is_a_400_and_32_is_read(office) -> None:
    def body(depth: int) -> str:  # the outer object is one level
        return '{"client_id": "x", "cookie": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"

    headers = {**_csrf(office), "Content-Type": "application/json"}
    _refused(office.post("/api/v1/sync/pull", data=body(33), headers=headers), 400)
    assert office.post("/api/v1/sync/pull", data=body(32), headers=headers).status_code == 422


def test_a_json_body_over_the_limit_is_a_413(app, office) -> None:
    app.config["MAX_JSON_BYTES"] = 1000
    response = office.post(
        "/api/v1/sync/pull", json={"client_id": "x" * 2000, "cookie": ""}, headers=_csrf(office)
    )
    _refused(response, 413)


def test_a_lone_surrogate_in_a_note_is_refused_not_a_server_error(office, make_project) -> None:
    project = make_project()
    response = office.post(
        f"/api/v1/projects/{project.id}/progress-reports",
        data='{"report_date": "2023-08-31", "progress_pct": 5, "note": "\\ud800"}',
        content_type="application/json",
        headers=_csrf(office),
    )
    _refused(response, 400, 422)
    assert db.session.query(ProgressReport).count() == 0


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/issues/a%00b",
        "/api/v1/reports/a%00b",
        "/api/v1/review/inspections/a%00b",
        "/api/v1/photos/a%00b/thumb",
        "/api/v1/issues/%ED%A0%80",  # the UTF-8 bytes of a lone surrogate
    ],
)
def test_a_nul_or_a_broken_character_in_a_path_id_is_not_found(office, path) -> None:
    _refused(office.get(path), 404)


def test_a_nul_in_the_search_is_refused_or_finds_nothing(office) -> None:
    response = office.get("/api/v1/projects?q=a%00b")
    assert response.status_code in (200, 400, 422), response.get_data()[:300]


def test_a_nul_in_the_login_username_is_refused_as_json(client) -> None:
    response = client.post("/api/v1/auth/login", json={"username": "ad\x00min", "password": "x"})
    _refused(response, 400, 401, 422)


def test_a_nul_in_a_progress_note_is_refused_and_nothing_is_stored(office, make_project) -> None:
    project = make_project()
    report = {"report_date": "2023-08-31", "progress_pct": 5, "note": "主体\x00完工"}
    response = office.post(
        f"/api/v1/projects/{project.id}/progress-reports", json=report, headers=_csrf(office)
    )
    _refused(response, 400, 422)
    assert db.session.query(ProgressReport).count() == 0


def test_a_huge_county_id_on_a_ledger_import_is_a_422_naming_it(office) -> None:
    response = office.post(
        "/api/v1/projects/import",
        data={"county_id": str(HUGE), "file": (io.BytesIO(b"PK"), "ledger.xlsx")},
        headers=_csrf(office),
    )
    assert "county_id" in _refused(response, 422)["errors"]
