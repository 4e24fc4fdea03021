"""The inspection's statuses, moves and edits (server/inspections/lifecycle.py), as a table; the
photo mutation asks it whether a photo may be added."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import CheckConstraint

from core.problems import PROBLEMS
from server.inspections.lifecycle import CORRECTABLE, EDITABLE, EDITS, MOVES, STATUSES, refusal
from server.inspections.models import Inspection
from server.regions.services import children
from tests.sync.conftest import NOW, Phone, new_id


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
        ("draft", "approve", "not_submitted", "该检查尚未提交，不能审核"),
        ("draft", "return", "not_submitted", "该检查尚未提交，不能审核"),
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


@pytest.mark.parametrize("status", STATUSES)
def test_only_a_draft_takes_edits_and_photos(status: str) -> None:
    assert set(EDITS.values()) <= set(PROBLEMS)
    for edit in EDITS:
        refused = refusal(status, edit)
        assert (refused is None) == (status == EDITABLE)
    refused = refusal(status, "attach_photo")
    if refused is not None:
        assert (refused.code, refused.message, refused.message_en) == (
            "inspection_submitted",
            "该检查已提交，不能再添加照片",
            "The inspection is submitted",
        )


def test_the_photo_mutation_asks_the_lifecycle(app, make_user, make_project, county) -> None:  # type: ignore[no-untyped-def]
    """photo.attach to the inspector's draft is applied; once it is submitted, refused."""
    east = children(county.id, "township")[0]
    project = make_project(township=east, region_path=east.path)
    phone = Phone(app, make_user("inspector", townships=[east]))
    inspection_id = new_id()
    created = phone.do(
        "inspection.create", id=inspection_id, project_id=project.id, kind="random", started_at=NOW
    )
    assert created["status"] == "applied"

    def attach() -> dict[str, Any]:
        return phone.do(
            "photo.attach",
            id=new_id(),
            sha256="ab" * 32,
            size=1000,
            content_type="image/jpeg",
            owner_type="inspection",
            owner_id=inspection_id,
        )

    assert attach()["status"] == "applied"
    assert phone.do("inspection.submit", inspection_id=inspection_id)["status"] == "applied"
    refused = attach()
    assert (refused["status"], refused["code"], refused["message"]) == (
        "rejected",
        "inspection_submitted",
        "该检查已提交，不能再添加照片",
    )
