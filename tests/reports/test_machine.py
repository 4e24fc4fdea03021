"""The report lifecycle's table, enforced: every (status, action, role) through the commands.

The expectations are read from ``server.reports.machine.MOVES``, and every attempt goes through
the command the office's routes and the phone's mutations call (``server.reports.lifecycle``),
so a row of the table that the commands do not enforce fails here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from core.orm import utcnow
from core.problems import code_of, render
from server.db import db
from server.reports import lifecycle
from server.reports.machine import MOVES, NEW, REPORT_STATUSES, STATUS_LABELS, Move
from server.reports.models import DeputyReport
from sync.context import MutationContext
from sync.errors import Rejected
from tests.sync.conftest import new_id

VERBS = {"accept": "受理", "decline": "不予受理", "reply": "答复"}
ROLES = ("admin", "supervisor", "deputy", "other_deputy", "inspector", "unit")
Command = Callable[[Any, DeputyReport], object]

# each move of the table, made the way its caller makes it (with what the move needs)
COMMANDS: dict[str, Command] = {
    "accept": lambda user, r: lifecycle.accept(db.session, user, r, {}, utcnow()),
    "decline": lambda user, r: lifecycle.decline(db.session, user, r, "不属于民生实事项目"),
    "reply": lambda user, r: lifecycle.reply(db.session, user, r, "已通水"),
    "rate": lambda user, r: lifecycle.rate(db.session, user, r, "satisfied", None, utcnow()),
    "rate_dissatisfied": lambda user, r: lifecycle.rate(
        db.session, user, r, "dissatisfied", "还有一户没有来水", utcnow()
    ),
}


@pytest.fixture
def actors(people, make_user, county):  # type: ignore[no-untyped-def]
    return {**people, "other_deputy": make_user("deputy", region=county)}


def _report(owner, status: str) -> DeputyReport:  # type: ignore[no-untyped-def]
    report = DeputyReport(
        id=new_id(),
        deputy_id=owner.id,
        title="自来水管网铺设后无法供水",
        description="下曾村三户至今没有来水",
        status=status,
        reply="已通水" if status in ("replied", "rated") else None,
        region_path=owner.region.path,
    )
    db.session.add(report)
    db.session.commit()
    return report


def _expected_refusal(move: Move, status: str | None, role: str) -> str | None:
    """The code the table says the attempt gets (None: it is allowed)."""
    if move.own_only and role != "deputy":  # the report is the deputy's
        return "not_found"
    if role.removeprefix("other_") not in move.actors:
        return "forbidden"
    if status not in move.sources:
        return code_of(move.wrong_status or "conflict")
    return None


def test_every_move_has_a_command() -> None:
    assert set(COMMANDS) | {"create"} == set(MOVES)


def test_the_table_is_the_documented_lifecycle() -> None:
    office, deputy = {"admin", "supervisor"}, {"deputy"}
    assert {a: (set(m.sources), m.to, set(m.actors)) for a, m in MOVES.items()} == {
        "create": ({NEW}, "submitted", deputy),
        "accept": ({"submitted"}, "accepted", office),
        "decline": ({"submitted"}, "declined", office),
        "reply": ({"accepted", "replied"}, "replied", office),
        "rate": ({"replied", "rated"}, "rated", deputy),
        "rate_dissatisfied": ({"replied", "rated"}, "accepted", deputy),
    }
    assert [a for a, m in MOVES.items() if m.own_only] == ["rate", "rate_dissatisfied"]
    assert [a for a, m in MOVES.items() if m.reopens] == ["rate_dissatisfied"]


@pytest.mark.parametrize("status", REPORT_STATUSES)
@pytest.mark.parametrize("action", sorted(COMMANDS))
def test_each_role_in_each_status(actors, action: str, status: str) -> None:  # type: ignore[no-untyped-def]
    move = MOVES[action]
    for role in ROLES:
        report = _report(actors["deputy"], status)
        version = report.version
        expected = _expected_refusal(move, status, role)
        if expected is None:
            COMMANDS[action](actors[role], report)
            db.session.commit()
            assert (report.status, report.version) == (move.to, version + 1), (role, action)
            continue
        with pytest.raises(Rejected) as refused:
            COMMANDS[action](actors[role], report)
        assert refused.value.code == expected, (role, action, status)
        db.session.rollback()
        db.session.expire_all()
        assert (report.status, report.version) == (status, version), (role, action)
        if expected == "report_status":  # the words the office reads (409 on its routes)
            zh = STATUS_LABELS[status][0]
            assert refused.value.message == f"该反映当前为「{zh}」，不能{VERBS[action]}"


@pytest.mark.parametrize("role", ROLES)
def test_who_files_a_report(actors, role: str) -> None:  # type: ignore[no-untyped-def]
    user = actors[role]
    ctx = MutationContext(db.session, user, "phone", 1, utcnow())
    args = {"id": new_id(), "title": "文化空间闲置", "description": "大门常年紧锁"}
    expected = _expected_refusal(MOVES["create"], NEW, role)
    if expected is None:
        report = lifecycle.create(ctx, args)
        assert report is not None and report.status == MOVES["create"].to
        assert report.region_path == user.region.path
    else:
        with pytest.raises(Rejected) as refused:
            lifecycle.create(ctx, args)
        assert refused.value.code == expected
        assert db.session.get(DeputyReport, args["id"]) is None


def test_a_report_needs_a_project_or_the_deputys_region(make_user) -> None:  # type: ignore[no-untyped-def]
    ctx = MutationContext(db.session, make_user("deputy"), "phone", 1, utcnow())
    with pytest.raises(Rejected) as refused:
        lifecycle.create(ctx, {"id": new_id(), "title": "t", "description": "d"})
    assert refused.value.code == "project_required"


@pytest.mark.parametrize("blank", [None, "", "   "])
@pytest.mark.parametrize(
    ("action", "status"),
    [("decline", "submitted"), ("reply", "accepted"), ("rate_dissatisfied", "replied")],
)
def test_moves_that_need_a_reason(actors, action: str, status: str, blank) -> None:  # type: ignore[no-untyped-def]
    move = MOVES[action]
    assert move.needs_reason is not None
    report = _report(actors["deputy"], status)
    user = actors["deputy" if "deputy" in move.actors else "supervisor"]
    commands = {
        "decline": lambda: lifecycle.decline(db.session, user, report, blank),
        "reply": lambda: lifecycle.reply(db.session, user, report, blank),
        "rate_dissatisfied": lambda: lifecycle.rate(
            db.session, user, report, "dissatisfied", blank, utcnow()
        ),
    }
    with pytest.raises(Rejected) as refused:
        commands[action]()
    assert refused.value.code == "reason_required"
    assert refused.value.message == render(move.needs_reason, {}).zh
    if action == "rate_dissatisfied":  # the deputy's words on the phone, as before
        assert refused.value.message == "选择不满意时请写明原因，督查室将据此重新交办"
    assert report.status == status
