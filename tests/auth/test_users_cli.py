"""``flask --app server users create``: a region named by path, and a one-time password."""

from __future__ import annotations

import re

from server.auth.models import User
from server.db import db


def _user(username: str) -> User:
    return db.session.query(User).filter_by(username=username).one()


def test_without_a_password_prints_a_one_time_one(runner, client, county) -> None:
    result = runner.invoke(
        args=["users", "create", "qt.office", "--role", "supervisor", "--region", "测试县"]
    )
    assert result.exit_code == 0, result.output
    password = re.search(r"一次性密码（首次登录须修改）：(\S+)", result.output).group(1)
    assert _user("qt.office").must_change_password is True
    login = client.post("/api/v1/auth/login", json={"username": "qt.office", "password": password})
    assert login.get_json()["user"]["must_change_password"] is True


def test_with_a_password_nothing_must_change(runner, county) -> None:
    result = runner.invoke(
        args=["users", "create", "qt.admin", "--role", "admin", "--password", "s3cret-pass"]
    )
    assert result.exit_code == 0, result.output
    assert "一次性密码" not in result.output
    assert _user("qt.admin").must_change_password is False


def test_the_region_may_be_a_path(runner, make_region) -> None:
    for name in ("甲市", "乙市"):
        make_region("城区", "county", make_region(name, "city"))
    result = runner.invoke(
        args=["users", "create", "office", "--role", "supervisor", "--region", "乙市/城区"]
    )
    assert result.exit_code == 0, result.output
    assert _user("office").region.parent.name == "乙市"


def test_an_ambiguous_region_is_refused(runner, make_region) -> None:
    for name in ("甲市", "乙市"):
        make_region("城区", "county", make_region(name, "city"))
    result = runner.invoke(
        args=["users", "create", "office", "--role", "supervisor", "--region", "城区"]
    )
    assert result.exit_code == 1
    assert "有多个地区名为「城区」" in result.output


def test_townships_by_name(runner, county) -> None:
    townships = ["--township", "东镇", "--township", "测试县/西乡"]
    result = runner.invoke(args=["users", "create", "insp", "--role", "inspector", *townships])
    assert result.exit_code == 0, result.output
    assert [t.name for t in _user("insp").townships] == ["东镇", "西乡"]


def test_a_village_is_not_a_township(runner, county) -> None:
    result = runner.invoke(
        args=["users", "create", "insp", "--role", "inspector", "--township", "东村"]
    )
    assert result.exit_code == 1
    assert "地区「东村」不存在" in result.output


def test_reset_password_prints_a_one_time_password(runner, client, make_user) -> None:
    admin = make_user("admin", username="qt.admin")
    result = runner.invoke(args=["users", "reset-password", "qt.admin"])
    assert result.exit_code == 0, result.output
    password = re.search(r"一次性密码（首次登录须修改）：(\S+)", result.output).group(1)
    login = client.post("/api/v1/auth/login", json={"username": "qt.admin", "password": password})
    assert login.get_json()["user"]["must_change_password"] is True
    assert _user(admin.username).must_change_password is True


def test_reset_password_of_no_such_user(runner) -> None:
    result = runner.invoke(args=["users", "reset-password", "nobody"])
    assert result.exit_code == 1
    assert "用户不存在：nobody" in result.output


def test_list_shows_each_account_s_scope_and_state(runner, county, make_user) -> None:
    from server.regions.services import children

    make_user("supervisor", username="qt.office", region=county)
    make_user("inspector", username="qt.insp", townships=children(county.id, "township"))
    runner.invoke(args=["users", "reset-password", "qt.insp"])
    lines = runner.invoke(args=["users", "list"]).output.splitlines()
    assert lines == [
        "qt.insp\tinspector\t东镇、西乡\t待改密码",
        "qt.office\tsupervisor\t测试县",
    ]
