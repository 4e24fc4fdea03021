"""Accounts from a workbook: a one-time password each, answered once; any row's error creates
no account, and says which row and column."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from server.auth.models import User
from server.db import db
from tests.conftest import PASSWORD
from tests.projects.ledger.factories import xlsx_bytes

HEADER = ["用户名", "姓名", "角色", "所辖地区", "负责乡镇", "单位编码"]


@pytest.fixture
def upload(app, make_user):  # type: ignore[no-untyped-def]
    """POST rows (under HEADER unless ``header`` is given) as an administrator."""
    admin = make_user("admin")
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login", json={"username": admin.username, "password": PASSWORD}
    )
    headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}

    def post(*rows, header=HEADER, query="", data=None, language="zh-CN"):  # type: ignore[no-untyped-def]
        body = data if data is not None else xlsx_bytes([header, *rows])
        return client.post(
            f"/api/v1/users/import{query}",
            data={"file": (io.BytesIO(body), "账号.xlsx")},
            headers={**headers, "Accept-Language": language},
            content_type="multipart/form-data",
        )

    return post


def _usernames() -> set[str]:
    return set(db.session.scalars(select(User.username).where(User.role != "admin")))


def test_every_role_from_one_sheet(upload, county, make_unit) -> None:
    make_unit("县水利局", code="QT-SL")
    response = upload(
        ["qt.office", "督查室甲", "督查室", "测试县", None, None],
        ["qt.insp", "张三", "督查员", None, "东镇、西乡", None],
        ["qt.sl", "水利局", "责任单位", None, None, "QT-SL"],
        ["qt.rd", "李代表", "人大代表", "测试县", None, None],
    )
    assert response.status_code == 200, response.get_json()
    created = response.get_json()["created"]
    assert [(a["row"], a["username"], a["role"]) for a in created] == [
        (2, "qt.office", "supervisor"),
        (3, "qt.insp", "inspector"),
        (4, "qt.sl", "unit"),
        (5, "qt.rd", "deputy"),
    ]
    insp = db.session.scalar(select(User).where(User.username == "qt.insp"))
    assert [t.name for t in insp.townships] == ["东镇", "西乡"]


def test_each_account_gets_a_one_time_password_it_must_change(app, upload, county) -> None:
    account = upload(["qt.rd", "李代表", "人大代表", "测试县", None, None]).get_json()["created"][0]
    login = app.test_client().post(
        "/api/v1/auth/login", json={"username": "qt.rd", "password": account["password"]}
    )
    assert login.get_json()["user"]["must_change_password"] is True


def test_one_bad_row_creates_none(upload, county) -> None:
    response = upload(
        ["qt.rd", "李代表", "人大代表", "测试县", None, None],
        ["qt.insp", "张三", "督查员", None, "北镇", None],
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == [
        {"row": 3, "column": "负责乡镇", "message": "地区「北镇」不存在"}
    ]
    assert _usernames() == set()


def test_rows_are_numbered_as_in_excel_past_a_blank_row(upload, county) -> None:
    errors = upload(
        ["qt.rd", None, "人大代表", "测试县", None, None],
        [None] * 6,
        ["qt.x", None, "局长", None, None, None],
    ).get_json()["errors"]
    assert [error["row"] for error in errors] == [4]


def test_a_role_it_does_not_know_lists_the_roles(upload) -> None:
    errors = upload(["x.1", None, "局长", None, None, None]).get_json()["errors"]
    assert errors[0]["column"] == "角色"
    assert errors[0]["message"].startswith("无法识别的角色「局长」（可填：系统管理员、督查室")


def test_a_username_twice_in_the_file(upload, county) -> None:
    errors = upload(
        ["qt.rd", None, "人大代表", "测试县", None, None],
        ["qt.rd", None, "人大代表", "测试县", None, None],
    ).get_json()["errors"]
    assert errors == [{"row": 3, "column": "用户名", "message": "与第 2 行的用户名重复"}]


def test_a_username_already_taken(upload, make_user) -> None:
    make_user("deputy", username="qt.rd")
    errors = upload(["qt.rd", None, "人大代表", None, None, None]).get_json()["errors"]
    assert errors == [{"row": 2, "column": "用户名", "message": "用户名「qt.rd」已存在"}]


def test_the_role_s_rules_per_row(upload, county) -> None:
    errors = upload(["qt.sl", None, "责任单位", None, None, None]).get_json()["errors"]
    assert errors == [{"row": 2, "column": "单位编码", "message": "责任单位账号必须选择单位"}]


def test_a_missing_column_is_named(upload) -> None:
    response = upload(["qt.rd", "李代表"], header=["用户名", "姓名"])
    assert response.get_json()["errors"] == [
        {"row": 0, "column": None, "message": "表头缺少必需的列『角色』"}
    ]


def test_a_file_that_is_not_a_workbook(upload) -> None:
    errors = upload(data=b"not a workbook").get_json()["errors"]
    assert errors[0]["message"] == "无法读取文件，请上传 Excel（.xlsx）文件"


def test_a_dry_run_creates_nothing_and_shows_no_password(upload, county) -> None:
    response = upload(["qt.rd", None, "人大代表", "测试县", None, None], query="?dry_run=1")
    assert response.get_json()["created"][0]["password"] is None
    assert _usernames() == set()


def test_english_messages_for_an_english_reader(upload) -> None:
    errors = upload(["x.1", None, "局长", None, None, None], language="en").get_json()["errors"]
    assert errors[0]["message"] == (
        "局长 is not a role (accepted: Administrator, Supervision office, Inspector, "
        "Responsible unit, People's Congress deputy)"
    )


def test_english_role_names_are_understood(upload, county) -> None:
    response = upload(["qt.rd", None, "People's Congress deputy", "测试县", None, None])
    assert response.get_json()["created"][0]["role"] == "deputy"


def test_the_template_has_the_columns_and_a_sheet_of_notes(app, make_user, login, client):
    login(make_user("admin"))
    response = client.get("/api/v1/users/import-template")
    book = load_workbook(io.BytesIO(response.get_data()))
    assert [c.value for c in book["账号"][1]] == HEADER
    assert book["说明"]["A3"].value == "角色"


def test_a_name_too_long(upload) -> None:
    errors = upload(["x.1", "名" * 101, "督查员", None, None, None]).get_json()["errors"]
    assert {"row": 2, "column": "姓名", "message": "最多 100 个字"} in errors
