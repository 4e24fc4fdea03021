"""The problem (Issue) state machine: one set of rules for sync mutations and the office's API.

Pure: it decides whether ``actor_role`` may move a problem from one state to another and what the
move needs; it reads and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.problems import Both, code_of, render

STATE_LABELS = {
    "found": ("发现", "Found"),
    "assigned": ("已交办", "Assigned"),
    "rectifying": ("整改中", "Rectifying"),
    "rectified": ("已整改（待复核）", "Rectified (to verify)"),
    "verified": ("已复核", "Verified"),
    "closed": ("已销号", "Closed"),
    "returned": ("已退回", "Returned"),
    "duplicate": ("重复", "Duplicate"),
    "rejected": ("不予处理", "Rejected"),
}

OFFICE = frozenset({"admin", "supervisor"})
UNIT = frozenset({"unit"})
VERIFIERS = frozenset({"admin", "supervisor", "inspector"})


@dataclass(frozen=True)
class Rule:
    actors: frozenset[str]
    needs_unit_and_deadline: bool = False
    needs_reason: bool = False
    needs_photos: bool = False
    needs_duplicate_of: bool = False
    # the refusal when ``needs_photos`` and none is cited (core.problems)
    photos_key: str = "evidence_required"


TRANSITIONS: dict[tuple[str, str], Rule] = {
    ("found", "assigned"): Rule(OFFICE, needs_unit_and_deadline=True),
    ("found", "duplicate"): Rule(OFFICE, needs_duplicate_of=True),
    ("found", "rejected"): Rule(OFFICE, needs_reason=True),
    ("assigned", "rectifying"): Rule(UNIT),
    ("assigned", "returned"): Rule(UNIT, needs_reason=True),
    ("returned", "assigned"): Rule(OFFICE, needs_unit_and_deadline=True),
    # 改派: the office gives a problem a unit is holding to another unit (a new slip voids the
    # old), so none is left with a unit that cannot or may not answer it; it says why
    ("assigned", "assigned"): Rule(OFFICE, needs_unit_and_deadline=True, needs_reason=True),
    ("rectifying", "assigned"): Rule(OFFICE, needs_unit_and_deadline=True, needs_reason=True),
    ("rectifying", "rectified"): Rule(UNIT, needs_photos=True),
    # 复核 needs a photo of the check by the verifier's side (server/issues/evidence.py)
    ("rectified", "verified"): Rule(
        VERIFIERS, needs_photos=True, photos_key="evidence_required.verify"
    ),
    ("rectified", "rectifying"): Rule(VERIFIERS, needs_reason=True),
    ("verified", "closed"): Rule(OFFICE),
    # 不满意: a deputy's rating (report.rate → server/reports/lifecycle.py) sends the closed problem made from
    # their report back to 整改中 with a new deadline; the rating's comment is the reason. Only
    # the rating reaches it: deputies never see problems, so issue.transition finds none.
    ("closed", "rectifying"): Rule(frozenset({"deputy"}), needs_reason=True),
}


@dataclass(frozen=True)
class Refusal:
    """Why a move is refused: a key of core.problems ("problems") and its params."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return code_of(self.key)

    @property
    def message(self) -> str:
        return render(self.key, self.params).zh

    @property
    def message_en(self) -> str:
        return render(self.key, self.params).en


def state_text(state: str) -> Both:
    """A state for a message: its label in Chinese, its code in English."""
    return Both(label(state), state)


def label(state: str) -> str:
    return STATE_LABELS.get(state, (state, state))[0]


def check_transition(
    current: str,
    to: str,
    actor_role: str,
    *,
    unit_id: int | None = None,
    deadline: object = None,
    reason: str | None = None,
    photo_ids: list[str] | None = None,
    duplicate_of: str | None = None,
) -> Refusal | None:
    """None when the move is allowed, else why not (in Chinese and English)."""
    rule = TRANSITIONS.get((current, to))
    if rule is None:
        return Refusal("invalid_transition", {"current": state_text(current), "to": state_text(to)})
    if actor_role not in rule.actors:
        return Refusal(
            "forbidden.transition", {"current": state_text(current), "to": state_text(to)}
        )
    if rule.needs_unit_and_deadline and (unit_id is None or deadline is None):
        return Refusal("unit_and_deadline_required")
    if rule.needs_reason and not (reason and reason.strip()):
        return Refusal("reason_required")
    if rule.needs_photos and not photo_ids:
        return Refusal(rule.photos_key)
    if rule.needs_duplicate_of and not duplicate_of:
        return Refusal("duplicate_of_required")
    return None


def allowed_targets(current: str, actor_role: str) -> list[str]:
    """The states ``actor_role`` may move a problem to from ``current`` (for the UI's buttons)."""
    return [
        to
        for (frm, to), rule in TRANSITIONS.items()
        if frm == current and actor_role in rule.actors
    ]


# --- extensions (延期): events on a problem a unit is working on; they move only its deadline ---

EXTENSION_STATES = frozenset({"assigned", "rectifying"})


def check_extension_request(
    state: str,
    actor_role: str,
    *,
    pending: bool,
    reason: str | None,
    proposed: object,
    current_deadline: object,
) -> Refusal | None:
    """None when a unit may ask for ``proposed`` as the new deadline, else why not."""
    if actor_role not in UNIT:
        return Refusal("forbidden.extension_request")
    if state not in EXTENSION_STATES:
        return Refusal("extension_not_open", {"state": state_text(state)})
    if pending:
        return Refusal("extension_pending")
    if not (reason and reason.strip()):
        return Refusal("reason_required.extension")
    if proposed is None:
        return Refusal("deadline_required")
    if current_deadline is not None and proposed <= current_deadline:  # type: ignore[operator]
        return Refusal("deadline_not_later")
    return None


def check_extension_decision(
    state: str,
    actor_role: str,
    *,
    pending: bool,
    approve: bool,
    deadline: object,
    reason: str | None,
) -> Refusal | None:
    """None when the office may approve (with a deadline) or refuse (with a reason), else why not."""
    if actor_role not in OFFICE:
        return Refusal("forbidden.extension_decision")
    if not pending or state not in EXTENSION_STATES:
        return Refusal("no_pending_extension")
    if approve and deadline is None:
        return Refusal("deadline_required.approval")
    if not approve and not (reason and reason.strip()):
        return Refusal("reason_required.refusal")
    return None
