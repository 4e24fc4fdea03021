"""Accounts from a workbook (批量导入): one row per account, a one-time password for each (answered
once, to print), all or nothing: any row's error creates no account."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from core.problems import ACCOUNT_ROWS, Both, listed, say
from server.auth.models import ROLES, User
from server.auth.roles import check_role_fields
from server.auth.services import create_user, one_time_password
from server.auth.users import check_area
from server.db import db
from server.errors import AppError
from server.i18n import ROLE_LABELS, pick
from server.regions.models import Region, Unit
from server.regions.services import find_region
from server.spreadsheets import UnreadableWorkbook, new_workbook, read_sheets, to_bytes, write_cell
from server.text import text_problem

MAX_ROWS = 2000
NAME_LIMIT = 100  # users.display_name
USERNAME = re.compile(r"^[A-Za-z0-9_.-]{2,64}$")
# column → the header names it answers to (the first is the template's)
COLUMNS: dict[str, tuple[str, ...]] = {
    "username": ("用户名", "账号", "登录名"),
    "display_name": ("姓名", "名称", "显示名"),
    "role": ("角色",),
    "region": ("所辖地区", "地区"),
    "townships": ("负责乡镇", "乡镇", "乡镇(街道)"),
    "unit": ("单位编码", "单位"),
}
REQUIRED = ("username", "role")
ROLE_WORDS = {
    **{code: code for code in ROLES},
    **{label: code for labels in ROLE_LABELS.values() for code, label in labels.items()},
    "管理员": "admin",
    "督查室人员": "supervisor",
    "单位": "unit",
    "代表": "deputy",
}
LIST_SEPARATORS = re.compile(r"[,，、;；\s]+")


@dataclass
class Outcome:
    """What an import made (or would make) and what stopped it."""

    created: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    cells: dict[str, str]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def refuse(self, column: str, text: Both) -> None:
        self.errors.append(
            {"row": self.number, "column": COLUMNS[column][0], "message": pick(text.zh, text.en)}
        )


def _file_error(key: str, **params: Any) -> dict[str, Any]:
    text = say(ACCOUNT_ROWS, key, **params)
    return {"row": 0, "column": None, "message": pick(text.zh, text.en)}


def _rows(grid: list[tuple[int, list[str]]], outcome: Outcome) -> Iterator[_Row]:
    if not grid:
        outcome.errors.append(_file_error("empty_file"))
        return
    names = [re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")") for name in grid[0][1]]
    where = {
        column: next((i for i, name in enumerate(names) if name in aliases), None)
        for column, aliases in COLUMNS.items()
    }
    for column in REQUIRED:
        if where[column] is None:
            outcome.errors.append(_file_error("missing_column", column=COLUMNS[column][0]))
    if outcome.errors:
        return
    for number, row in grid[1:]:
        cells = {
            column: row[i] if i is not None and i < len(row) else "" for column, i in where.items()
        }
        yield _Row(number, cells)


def _check(row: _Row, acting: User, seen: dict[str, int]) -> dict[str, Any] | None:
    """The account a row asks for, or None (its errors recorded on the row)."""
    cells = row.cells
    for column in ("username", "display_name"):
        problem = text_problem(cells[column])
        if problem is not None:
            row.refuse(column, problem)
    if len(cells["display_name"]) > NAME_LIMIT:
        row.refuse("display_name", say(ACCOUNT_ROWS, "too_long", limit=NAME_LIMIT))
    username = cells["username"]
    if not username:
        row.refuse("username", say(ACCOUNT_ROWS, "required"))
    elif not USERNAME.match(username):
        row.refuse("username", say(ACCOUNT_ROWS, "bad_username"))
    elif username in seen:
        row.refuse("username", say(ACCOUNT_ROWS, "username_repeated", first_row=seen[username]))
    elif db.session.scalar(select(User.id).where(User.username == username)) is not None:
        row.refuse("username", say(ACCOUNT_ROWS, "username_taken", username=username))
    seen.setdefault(username, row.number)
    role = ROLE_WORDS.get(cells["role"])
    if role is None:
        zh, en = listed(ROLE_LABELS["zh-CN"].values()), listed(ROLE_LABELS["en"].values())
        roles = Both(zh.zh, en.en)
        row.refuse("role", say(ACCOUNT_ROWS, "unknown_role", text=cells["role"], roles=roles))
    region = _region(row, "region", cells["region"], None)
    townships = [
        _region(row, "townships", name, "township")
        for name in LIST_SEPARATORS.split(cells["townships"])
        if name
    ]
    unit = None
    if cells["unit"]:
        unit = db.session.scalar(select(Unit).where(Unit.code == cells["unit"]))
        if unit is None:
            row.refuse("unit", say(ACCOUNT_ROWS, "unknown_unit", code=cells["unit"]))
    if row.errors or role is None:
        return None
    found = [t for t in townships if t is not None]
    for check in (
        lambda: check_role_fields(role, unit, region, found),
        lambda: check_area(acting, role, unit, region, found),
    ):
        try:
            check()
        except AppError as error:
            _field_errors(row, error.errors or {})
    if row.errors:
        return None
    return {
        "row": row.number,
        "username": username,
        "display_name": cells["display_name"] or username,
        "role": role,
        "unit": unit,
        "region": region,
        "townships": found,
    }


_FIELD_COLUMNS = {"unit_id": "unit", "region_id": "region", "township_ids": "townships"}


def _field_errors(row: _Row, errors: dict[str, list[str]]) -> None:
    for name, messages in errors.items():
        for message in messages:
            row.refuse(_FIELD_COLUMNS.get(name, "role"), Both(message, message))


def _region(row: _Row, column: str, name: str, level: str | None) -> Region | None:
    if not name:
        return None
    try:
        return find_region(name, level=level)
    except AppError as error:
        row.refuse(column, Both(error.message_zh, error.message_en))
        return None


def import_accounts(data: bytes, acting: User, dry_run: bool = False) -> Outcome:
    """Check every row, then (unless ``dry_run`` or a row is wrong) create every account with
    a one-time password its user must change; the passwords are in the outcome only."""
    outcome = Outcome()
    try:
        grid = read_sheets(data)[0][1]
    except UnreadableWorkbook:
        outcome.errors.append(_file_error("unreadable"))
        return outcome
    rows = list(_rows(grid, outcome))
    if not outcome.errors and not rows:
        outcome.errors.append(_file_error("empty_file"))
    if len(rows) > MAX_ROWS:
        outcome.errors.append(_file_error("too_many_rows", limit=MAX_ROWS))
    if outcome.errors:
        return outcome
    seen: dict[str, int] = {}
    accounts = [_check(row, acting, seen) for row in rows]
    outcome.errors = [error for row in rows for error in row.errors]
    if outcome.errors:
        return outcome
    for account in accounts:
        assert account is not None
        password = None if dry_run else one_time_password()
        if password is not None:
            create_user(
                account["username"],
                password,
                account["role"],
                account["display_name"],
                account["unit"],
                account["region"],
                account["townships"],
                must_change_password=True,
            )
        outcome.created.append(
            {
                "row": account["row"],
                "username": account["username"],
                "display_name": account["display_name"],
                "role": account["role"],
                "password": password,
            }
        )
    return outcome


def template() -> bytes:
    """The workbook to fill in: the header, and a sheet that says what each column takes."""
    book, sheet = new_workbook()
    sheet.title = "账号"
    for column, aliases in enumerate(COLUMNS.values(), start=1):
        write_cell(sheet, 1, column, aliases[0])
        sheet.column_dimensions[sheet.cell(1, column).column_letter].width = 18
    notes = book.create_sheet("说明")
    lines = [
        ("用户名", "必填；字母、数字和 _ . -，2–64 位；登录时使用"),
        ("姓名", "选填；不填则与用户名相同"),
        ("角色", "必填：" + "、".join(ROLE_LABELS["zh-CN"].values())),
        ("所辖地区", "督查室、人大代表、系统管理员填写（如 青田县，重名时写 丽水市/青田县）"),
        ("负责乡镇", "督查员填写，多个用顿号或逗号分开（如 温溪镇、鹤城街道）"),
        ("单位编码", "责任单位账号填写单位编码"),
    ]
    for number, (name, text) in enumerate(lines, start=1):
        write_cell(notes, number, 1, name)
        write_cell(notes, number, 2, text)
    notes.column_dimensions["B"].width = 70
    return to_bytes(book)
