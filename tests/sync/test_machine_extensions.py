"""Extension (延期) rules of the state machine: every allowed and every refused case."""

from __future__ import annotations

from datetime import date

import pytest

from server.issues.machine import (
    EXTENSION_STATES,
    check_extension_decision,
    check_extension_request,
)
from server.issues.models import ISSUE_STATES

ROLES = ("admin", "supervisor", "inspector", "unit", "deputy")
NOW_DUE, LATER = date(2023, 9, 1), date(2023, 9, 15)


def ask(state="assigned", role="unit", **kw):  # type: ignore[no-untyped-def]
    args = {"pending": False, "reason": "雨季停工", "proposed": LATER, "current_deadline": NOW_DUE}
    return check_extension_request(state, role, **{**args, **kw})


def decide(state="rectifying", role="supervisor", **kw):  # type: ignore[no-untyped-def]
    args = {"pending": True, "approve": True, "deadline": LATER, "reason": None}
    return check_extension_decision(state, role, **{**args, **kw})


@pytest.mark.parametrize("state", sorted(EXTENSION_STATES))
def test_a_unit_may_ask_on_a_problem_it_works_on(state: str) -> None:
    assert ask(state) is None


@pytest.mark.parametrize("state", sorted(set(ISSUE_STATES) - EXTENSION_STATES))
def test_no_extension_in_other_states(state: str) -> None:
    assert ask(state).code == "extension_not_open"
    assert decide(state).code == "no_pending_extension"


@pytest.mark.parametrize("role", [r for r in ROLES if r != "unit"])
def test_only_a_unit_asks(role: str) -> None:
    assert ask(role=role).code == "forbidden"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"pending": True}, "extension_pending"),
        ({"reason": "  "}, "reason_required"),
        ({"reason": None}, "reason_required"),
        ({"proposed": None}, "deadline_required"),
        ({"proposed": NOW_DUE}, "deadline_not_later"),
        ({"proposed": date(2023, 8, 1)}, "deadline_not_later"),
    ],
)
def test_request_refusals(change: dict, code: str) -> None:  # type: ignore[type-arg]
    assert ask(**change).code == code


def test_a_request_without_a_current_deadline_needs_only_a_date() -> None:
    assert ask(current_deadline=None) is None


@pytest.mark.parametrize("role", ["admin", "supervisor"])
@pytest.mark.parametrize("state", sorted(EXTENSION_STATES))
def test_the_office_approves_or_refuses(role: str, state: str) -> None:
    assert decide(state, role) is None
    assert decide(state, role, approve=False, deadline=None, reason="理由不充分") is None


@pytest.mark.parametrize("role", ["inspector", "unit", "deputy"])
def test_only_the_office_decides(role: str) -> None:
    assert decide(role=role).code == "forbidden"


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"pending": False}, "no_pending_extension"),
        ({"deadline": None}, "deadline_required"),
        ({"approve": False, "reason": ""}, "reason_required"),
    ],
)
def test_decision_refusals(change: dict, code: str) -> None:  # type: ignore[type-arg]
    assert decide(**change).code == code


def test_refusals_speak_chinese() -> None:
    assert ask("closed").message == "问题当前为「已销号」，不能申请延期"
