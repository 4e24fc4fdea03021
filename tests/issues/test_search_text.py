"""Problem search (q): % and _ are plain characters, case is ignored on every database."""

from __future__ import annotations

import pytest


@pytest.fixture
def office(cast, as_user):  # type: ignore[no-untyped-def]
    return as_user(cast["office"])


def titles(office, q: str) -> list[str]:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/issues", query_string={"q": q})
    assert response.status_code == 200, response.get_json()
    return sorted(item["title"] for item in response.get_json()["items"])


def test_percent_matches_only_a_percent_sign(office, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue(title="进度仅完成30%")
    make_issue(title="管网无水")
    assert titles(office, "%") == ["进度仅完成30%"]


def test_underscore_matches_only_an_underscore(office, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue(title="编号A_1缺失")
    make_issue(title="管网无水")
    assert titles(office, "_") == ["编号A_1缺失"]


def test_search_ignores_case(office, make_issue) -> None:  # type: ignore[no-untyped-def]
    make_issue(title="PE管破损")
    assert titles(office, "pe管") == ["PE管破损"]


def test_a_nul_in_q_is_refused(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/issues", query_string={"q": "管\x00网"})
    assert response.status_code == 422
    assert response.get_json()["code"] == "validation_error"
    assert "控制字符" in response.get_json()["errors"]["q"][0]
