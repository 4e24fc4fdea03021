"""The inspection's statuses and moves (server/inspections/lifecycle.py), as a table."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import CheckConstraint

from server.inspections.lifecycle import CORRECTABLE, EDITABLE, MOVES, STATUSES, refusal
from server.inspections.models import Inspection


def test_the_table_names_the_statuses_the_database_allows() -> None:
    [check] = [
        c
        for c in Inspection.__table__.constraints
        if isinstance(c, CheckConstraint) and "status" in str(c.sqltext)
    ]
    assert set(re.findall(r"'(\w+)'", str(check.sqltext))) == set(STATUSES)
    assert {s for move in MOVES for s in (move[0], MOVES[move])} == set(STATUSES)
    assert EDITABLE in STATUSES and set(CORRECTABLE) <= set(STATUSES)


def test_draft_is_submitted_then_approved_or_returned_and_that_is_final() -> None:
    assert MOVES == {
        ("draft", "submit"): "submitted",
        ("submitted", "approve"): "approved",
        ("submitted", "return"): "returned",
    }
    for final in ("approved", "returned"):
        assert not [move for move in MOVES if move[0] == final]


@pytest.mark.parametrize(
    ("status", "move", "code", "message"),
    [
        ("submitted", "submit", "inspection_submitted", "该检查已提交"),
        ("returned", "submit", "inspection_submitted", "该检查已提交"),
        ("draft", "approve", "not_submitted", "该检查尚未提交,不能审核"),
        ("draft", "return", "not_submitted", "该检查尚未提交,不能审核"),
        ("approved", "approve", "already_reviewed", "该检查已审核通过"),
        ("approved", "return", "already_reviewed", "该检查已审核通过"),
        ("returned", "approve", "already_reviewed", "该检查已退回督查员"),
        ("returned", "return", "already_reviewed", "该检查已退回督查员"),
    ],
)
def test_a_move_the_table_does_not_list_is_refused(status, move, code, message) -> None:
    refused = refusal(status, move)
    assert refused is not None
    assert refused.code == code
    assert refused.message.startswith(message)


def test_the_listed_moves_are_made() -> None:
    assert all(refusal(status, move) is None for status, move in MOVES)
