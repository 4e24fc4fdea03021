"""Project search (q): % and _ are plain characters; a NUL is refused, not a server error."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(client, make_user, login, county):  # type: ignore[no-untyped-def]
    login(make_user("supervisor", region=county))
    return client


def codes(client, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/projects", query_string={"q": q})
    assert response.status_code == 200, response.get_json()
    return sorted(item["code"] for item in response.get_json()["items"])


def test_percent_matches_only_a_percent_sign(office, make_project) -> None:  # type: ignore[no-untyped-def]
    make_project(code="A1", name="完成率100%的公厕")
    make_project(code="A2", name="长者食堂")
    assert codes(office, "%") == ["A1"]


def test_underscore_matches_only_an_underscore(office, make_project) -> None:  # type: ignore[no-untyped-def]
    make_project(code="XC_01", name="公厕")
    make_project(code="XC-02", name="长者食堂")
    assert codes(office, "_") == ["XC_01"]


def test_a_nul_in_q_is_refused(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/projects", query_string={"q": "食\x00堂"})
    assert response.status_code == 422
    assert "控制字符" in response.get_json()["errors"]["q"][0]
