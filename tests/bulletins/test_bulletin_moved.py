"""The figures moved from /api/v1/reports/bulletin to /api/v1/bulletins/figures (issue 15): the
new path answers as the old did; the old one is a 308 there, the query kept, until next release."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from tests.bulletins.conftest import client_for

NEW, OLD = "/api/v1/bulletins/figures", "/api/v1/reports/bulletin"
QUERY = "from=2023-07-01&to=2023-07-31"


def cells(xlsx: bytes) -> list[list[tuple]]:  # type: ignore[type-arg]
    return [list(sheet.values) for sheet in load_workbook(BytesIO(xlsx))]


def test_the_old_path_redirects_with_the_query_and_says_it_is_deprecated(office, county) -> None:  # type: ignore[no-untyped-def]
    query = f"{QUERY}&county={county.id}&format=pdf"
    response = office.get(f"{OLD}?{query}")
    assert response.status_code == 308
    assert response.headers["Location"] == f"{NEW}?{query}"
    assert response.headers["Deprecation"] == "true"
    assert response.headers["Link"] == f'<{NEW}>; rel="successor-version"'
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("", NEW),
        ("to=2023-07-31&to=2023-08-31", f"{NEW}?to=2023-07-31&to=2023-08-31"),  # repeats kept
        ("to=%E4%B8%83%E6%9C%88&a=%ff", f"{NEW}?to=%E4%B8%83%E6%9C%88&a=%ff"),  # not decoded
        ('to=a b&c=\u4e03"<>', f"{NEW}?to=a%20b&c=%E4%B8%83%22%3C%3E"),  # not for a URL
        ("format=docx", f"{NEW}?format=docx"),  # checked there, not here
    ],
)
def test_the_query_goes_along_as_sent(office, query: str, location: str) -> None:  # type: ignore[no-untyped-def]
    response = office.get(f"{OLD}?{query}" if query else OLD)
    assert (response.status_code, response.headers["Location"]) == (308, location)


def test_following_the_redirect_gives_the_same_figures(office, bulletin) -> None:  # type: ignore[no-untyped-def]
    followed = office.get(f"{OLD}?{QUERY}", follow_redirects=True)
    assert followed.status_code == 200
    assert followed.request.path == NEW
    assert followed.get_json() == bulletin() == office.get(f"{NEW}?{QUERY}").get_json()
    assert followed.get_json()["title"] == "关于测试县2023年7月民生实事项目推进情况的督查通报"


@pytest.mark.parametrize(
    ("format", "mimetype"),
    [
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("pdf", "application/pdf"),
    ],
)
def test_the_files_are_the_same_on_both_paths(office, format: str, mimetype: str) -> None:  # type: ignore[no-untyped-def]
    new = office.get(f"{NEW}?{QUERY}&format={format}")
    old = office.get(f"{OLD}?{QUERY}&format={format}", follow_redirects=True)
    for response in (new, old):
        assert (response.status_code, response.mimetype) == (200, mimetype)
        assert "2023-07-31" in response.headers["Content-Disposition"]
    assert new.headers["Content-Disposition"] == old.headers["Content-Disposition"]
    if format == "pdf":
        assert new.data.startswith(b"%PDF") and old.data.startswith(b"%PDF")
    else:
        assert cells(new.data) == cells(old.data)


@pytest.mark.parametrize("path", [NEW, OLD])
def test_without_login_both_paths_are_a_401_and_no_redirect(client, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{path}?{QUERY}")
    assert response.status_code == 401
    assert response.get_json()["code"] == "login_required"
    assert response.get_json()["message"] == "请先登录"
    assert "Location" not in response.headers


@pytest.mark.parametrize("path", [NEW, OLD])
@pytest.mark.parametrize("role", ["inspector", "deputy"])
def test_other_roles_are_refused_on_both_paths(app, cast, path: str, role: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for(app, cast[role]).get(f"{path}?{QUERY}")
    assert (response.status_code, response.get_json()["code"]) == (403, "forbidden")
    assert "Location" not in response.headers


def test_the_document_has_the_new_path_and_marks_the_old_deprecated(client) -> None:  # type: ignore[no-untyped-def]
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "deprecated" not in paths[NEW]["get"]
    assert set(paths[NEW]["get"]["responses"]) >= {"200", "400"}
    assert paths[OLD]["get"]["deprecated"] is True
    assert set(paths[OLD]["get"]["responses"]["308"]["headers"]) == {
        "Location",
        "Deprecation",
        "Link",
    }
