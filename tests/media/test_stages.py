"""The stage rule by itself (server/media/stages.py): every owner, side and problem state."""

from __future__ import annotations

import pytest

from server.issues.models import ISSUE_STATES
from server.media.stages import PHOTO_STAGES, allowed_stages, cited_stage, derived_stage

OFFICE_SIDE = ("inspector", "supervisor", "admin")
CHECKED = {"rectified", "verified", "closed"}


@pytest.mark.parametrize("state", ISSUE_STATES)
@pytest.mark.parametrize("role", OFFICE_SIDE)
def test_the_offices_problem_photo_is_a_check_only_after_the_fix(role: str, state: str) -> None:
    expected = "verify" if state in CHECKED else "found"
    assert derived_stage("issue", role, state) == expected
    assert derived_stage("event", role, state) == expected


@pytest.mark.parametrize("state", ISSUE_STATES)
def test_the_units_problem_photo_is_always_its_fix(state: str) -> None:
    assert derived_stage("issue", "unit", state) == "rectify"


@pytest.mark.parametrize("owner_type", ["inspection", "report"])
@pytest.mark.parametrize("role", [*OFFICE_SIDE, "unit", "deputy"])
def test_an_inspections_or_reports_photo_is_named_by_its_owner(owner_type: str, role: str) -> None:
    assert derived_stage(owner_type, role) == owner_type
    assert allowed_stages(owner_type, role) == {owner_type}


@pytest.mark.parametrize(
    ("role", "allowed"),
    [("unit", {"rectify"}), ("deputy", {"report"})]
    + [(role, {"found", "verify"}) for role in OFFICE_SIDE],
)
def test_each_side_may_ask_only_for_its_own_stages(role: str, allowed: set[str]) -> None:
    assert allowed_stages("issue", role) == allowed
    assert allowed <= set(PHOTO_STAGES)


@pytest.mark.parametrize(
    ("frm", "to", "stage"),
    [
        ("rectifying", "rectified", "rectify"),
        ("rectified", "verified", "verify"),
        ("rectified", "rectifying", "verify"),
        ("found", "assigned", None),
        ("verified", "closed", None),
        ("closed", "rectifying", None),
    ],
)
def test_a_move_stages_the_photos_it_cites(frm: str, to: str, stage: str | None) -> None:
    assert cited_stage(frm, to) == stage
