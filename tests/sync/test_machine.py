"""The problem state machine on its own: every allowed move, every refused one."""

from __future__ import annotations

from datetime import date

import pytest

from server.issues.machine import TRANSITIONS, allowed_targets, check_transition
from server.issues.models import ISSUE_STATES

ROLES = ("admin", "supervisor", "inspector", "unit", "deputy")
EVERYTHING = {
    "unit_id": 1,
    "deadline": date(2023, 9, 1),
    "reason": "原因",
    "photo_ids": ["p1"],
    "duplicate_of": "x",
}


@pytest.mark.parametrize(("move", "rule"), list(TRANSITIONS.items()), ids=lambda v: str(v))
def test_every_allowed_move_passes_for_its_roles(move, rule) -> None:
    for role in rule.actors:
        assert check_transition(*move, role, **EVERYTHING) is None


@pytest.mark.parametrize(("move", "rule"), list(TRANSITIONS.items()), ids=lambda v: str(v))
def test_every_allowed_move_is_refused_to_other_roles(move, rule) -> None:
    for role in set(ROLES) - rule.actors:
        assert check_transition(*move, role, **EVERYTHING).code == "forbidden"


def test_every_move_not_in_the_table_is_invalid() -> None:
    for current in ISSUE_STATES:
        for to in ISSUE_STATES:
            if (current, to) not in TRANSITIONS:
                refusal = check_transition(current, to, "admin", **EVERYTHING)
                assert refusal is not None and refusal.code == "invalid_transition"


def test_closed_is_final_for_the_office_units_and_inspectors() -> None:
    assert all(allowed_targets("closed", role) == [] for role in ROLES if role != "deputy")


def test_only_a_deputys_dissatisfaction_reopens_a_closed_problem() -> None:
    # reached through report.rate only (server/reports/lifecycle.py); the rating's comment is the reason
    assert allowed_targets("closed", "deputy") == ["rectifying"]
    assert check_transition("closed", "rectifying", "deputy").code == "reason_required"
    assert check_transition("closed", "rectifying", "deputy", reason="水还是不通") is None


def test_refusal_speaks_plain_chinese() -> None:
    assert (
        check_transition("closed", "assigned", "supervisor").message
        == "问题当前为「已销号」，不能改为「已交办」"
    )


@pytest.mark.parametrize(
    ("move", "role", "missing", "code"),
    [
        (("found", "assigned"), "supervisor", "deadline", "unit_and_deadline_required"),
        (("found", "rejected"), "supervisor", "reason", "reason_required"),
        (("assigned", "returned"), "unit", "reason", "reason_required"),
        (("rectifying", "rectified"), "unit", "photo_ids", "evidence_required"),
        (("rectified", "rectifying"), "inspector", "reason", "reason_required"),
        (("found", "duplicate"), "admin", "duplicate_of", "duplicate_of_required"),
        (("assigned", "assigned"), "supervisor", "unit_id", "unit_and_deadline_required"),
        (("assigned", "assigned"), "supervisor", "reason", "reason_required"),
        (("rectifying", "assigned"), "admin", "deadline", "unit_and_deadline_required"),
        (("rectifying", "assigned"), "admin", "reason", "reason_required"),
    ],
)
def test_what_a_move_needs(move, role, missing, code) -> None:
    args = {**EVERYTHING, missing: None}
    assert check_transition(*move, role, **args).code == code


def test_blank_reason_counts_as_missing() -> None:
    assert check_transition("found", "rejected", "admin", reason="   ").code == "reason_required"


def test_allowed_targets_for_the_unit_on_an_assigned_problem() -> None:
    assert allowed_targets("assigned", "unit") == ["rectifying", "returned"]


@pytest.mark.parametrize("held", ["assigned", "rectifying", "returned"])
def test_the_office_can_reassign_a_problem_a_unit_holds(held: str) -> None:
    assert "assigned" in allowed_targets(held, "supervisor")
    assert "assigned" not in allowed_targets(held, "unit")
