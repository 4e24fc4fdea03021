"""Text a person types is refused when it holds a control character, a NUL or a lone
surrogate: a 422 naming the field in Chinese, never a 500 (NUL breaks PostgreSQL, a lone
surrogate breaks every encoder), and nothing is written."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from server.text import text_problem
from tests.conftest import PASSWORD

SOME_ID = str(uuid.uuid4())

# (url, body with {} where the text goes, field)
PERSON_TYPED = {
    "bulletin paragraph": ("/api/v1/bulletins", {"from": "2023-07-01", "to": "2023-07-31", "situation": "{}"}, "situation"),
    "plan name": ("/api/v1/plans", {"name": "{}", "kind": "focused"}, "name"),
    "progress note": ("/api/v1/projects/{project}/progress-reports", {"report_date": "2023-07-31", "progress_pct": 50, "note": "{}"}, "note"),
    "transition reason": (f"/api/v1/issues/{SOME_ID}/transitions", {"to": "assigned", "expected_from": "found", "reason": "{}"}, "reason"),
    "extension decision": (f"/api/v1/issues/{SOME_ID}/extensions/decision", {"approve": False, "reason": "{}"}, "reason"),
    "report reply": (f"/api/v1/reports/{SOME_ID}/reply", {"text": "{}"}, "text"),
    "accepted report title": (f"/api/v1/reports/{SOME_ID}/accept", {"title": "{}"}, "title"),
    "decline reason": (f"/api/v1/reports/{SOME_ID}/decline", {"reason": "{}"}, "reason"),
    "review note": (f"/api/v1/review/inspections/{SOME_ID}/return", {"review_note": "{}"}, "review_note"),
}  # fmt: skip
BAD = {"control": "合\x01格", "nul": "合\x00格"}
SURROGATE = "合\ud800格"  # what JSON's "\ud800" escape decodes to; no encoder takes it


class Desk:
    """A logged-in client posting raw JSON (``json.dumps`` escapes what werkzeug cannot encode)."""

    def __init__(self, app, user) -> None:  # type: ignore[no-untyped-def]
        self.client = app.test_client()
        self.token = self.send(
            "/api/v1/auth/login", {"username": user.username, "password": PASSWORD}
        )
        self.token = self.token.get_json()["csrf_token"]

    def send(self, url: str, body: dict[str, Any], method: str = "POST"):  # type: ignore[no-untyped-def]
        headers = {"X-CSRF-Token": self.token} if hasattr(self, "token") else {}
        return self.client.open(
            url,
            method=method,
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )


@pytest.fixture
def office(app, make_user, county) -> Desk:  # type: ignore[no-untyped-def]
    return Desk(app, make_user("supervisor", region=county))


def filled(body: dict[str, Any], text: str) -> dict[str, Any]:
    return {key: text if value == "{}" else value for key, value in body.items()}


def refused(response, field: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    body = response.get_json()
    assert body["code"] == "validation_error"
    return body["errors"][field][0]


@pytest.mark.parametrize("what", sorted(PERSON_TYPED))
@pytest.mark.parametrize("bad", sorted(BAD))
def test_person_typed_text_refuses(office, make_project, what: str, bad: str) -> None:  # type: ignore[no-untyped-def]
    url, body, field = PERSON_TYPED[what]
    url = url.replace("{project}", str(make_project().id))
    message = refused(office.send(url, filled(body, BAD[bad])), field)
    assert "请删除后重试" in message


@pytest.mark.parametrize("what", sorted(PERSON_TYPED))
def test_a_lone_surrogate_is_refused_before_any_field(office, make_project, what: str) -> None:  # type: ignore[no-untyped-def]
    url, body, _ = PERSON_TYPED[what]
    url = url.replace("{project}", str(make_project().id))
    response = office.send(url, filled(body, SURROGATE))
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    assert response.get_json()["code"] == "invalid_text"
    assert "无法识别的字符" in response.get_json()["message"]


def test_a_lone_surrogate_in_an_unknown_key_is_refused(office) -> None:  # type: ignore[no-untyped-def]
    response = office.send(
        "/api/v1/plans", {"name": "七月重点督查", "kind": "focused", SURROGATE: 1}
    )
    assert (response.status_code, response.get_json()["code"]) == (400, "invalid_text")


def test_the_refusal_speaks_english_when_asked(office) -> None:  # type: ignore[no-untyped-def]
    url, body, field = PERSON_TYPED["plan name"]
    office.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    message = refused(office.send(url, filled(body, "a\x01b")), field)
    assert message == "Contains invisible control characters; delete them and try again"


def test_a_multi_line_paragraph_keeps_its_line_breaks(office) -> None:  # type: ignore[no-untyped-def]
    url, body, _ = PERSON_TYPED["bulletin paragraph"]
    response = office.send(url, filled(body, "一、总体情况\n\t二、存在问题\r\n"))
    assert response.status_code == 201, response.get_json()


def test_a_one_line_name_refuses_a_line_break(office) -> None:  # type: ignore[no-untyped-def]
    url, body, field = PERSON_TYPED["plan name"]
    assert "一行" in refused(office.send(url, filled(body, "七月\n重点督查")), field)


def test_a_plan_name_refused_leaves_no_plan(office) -> None:  # type: ignore[no-untyped-def]
    url, body, _ = PERSON_TYPED["plan name"]
    office.send(url, filled(body, "七月\x00重点督查"))
    assert office.client.get("/api/v1/plans").get_json()["items"] == []


def login(app, username: str, password: str = "x"):  # type: ignore[no-untyped-def]
    body = json.dumps({"username": username, "password": password})
    return app.test_client().post("/api/v1/auth/login", data=body, content_type="application/json")


@pytest.mark.parametrize("bad", sorted(BAD))
def test_login_refuses_a_username_it_could_not_look_up(app, bad: str) -> None:  # type: ignore[no-untyped-def]
    assert refused(login(app, f"office{BAD[bad]}"), "username")


def test_login_refuses_a_password_that_cannot_be_encoded(app, make_user) -> None:  # type: ignore[no-untyped-def]
    response = login(app, make_user("supervisor").username, "pass\ud800word")
    assert (response.status_code, response.get_json()["code"]) == (400, "invalid_text")


def test_an_admin_cannot_name_a_user_with_a_control_character(app, make_user) -> None:  # type: ignore[no-untyped-def]
    admin = Desk(app, make_user("admin"))
    body = {
        "username": "wang",
        "display_name": "王\x07科长",
        "password": "long-enough-1",
        "role": "inspector",
    }
    assert refused(admin.send("/api/v1/users", body), "display_name")


@pytest.mark.parametrize(
    ("text", "multiline", "wanted"),
    [
        ("长者食堂", False, None),
        ("长者\x7f食堂", False, "控制字符"),
        ("长者\n食堂", False, "一行"),
        ("长者\r食堂", False, "一行"),
        ("长者\t食堂", False, None),
        ("长者\t食堂\n", True, None),
        ("长者\x0c食堂", True, "控制字符"),
        ("长者\udc00食堂", True, "无法识别"),
    ],
)
def test_text_problem(text: str, multiline: bool, wanted: str | None) -> None:
    problem = text_problem(text, multiline)
    assert (problem is None) if wanted is None else (problem is not None and wanted in problem[0])
