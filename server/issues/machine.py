"""The problem (Issue) state machine: one set of rules for sync mutations and the office's API.

Pure: it decides whether ``actor_role`` may move a problem from one state to another and what the
move needs; it reads and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

STATE_LABELS = {
    "found": ("发现", "Found"),
    "assigned": ("已交办", "Assigned"),
    "rectifying": ("整改中", "Rectifying"),
    "rectified": ("已整改(待复核)", "Rectified (to verify)"),
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
    ("rectified", "verified"): Rule(VERIFIERS),
    ("rectified", "rectifying"): Rule(VERIFIERS, needs_reason=True),
    ("verified", "closed"): Rule(OFFICE),
    # 不满意: a deputy's rating (report.rate → server/reports/lifecycle.py) sends the closed problem made from
    # their report back to 整改中 with a new deadline; the rating's comment is the reason. Only
    # the rating reaches it: deputies never see problems, so issue.transition finds none.
    ("closed", "rectifying"): Rule(frozenset({"deputy"}), needs_reason=True),
}


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str
    message_en: str


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
        return Refusal(
            "invalid_transition",
            f"问题当前为「{label(current)}」,不能改为「{label(to)}」",
            f"A problem in state {current} cannot move to {to}",
        )
    if actor_role not in rule.actors:
        return Refusal(
            "forbidden",
            f"您的角色不能把问题从「{label(current)}」改为「{label(to)}」",
            f"Your role cannot move a problem from {current} to {to}",
        )
    if rule.needs_unit_and_deadline and (unit_id is None or deadline is None):
        return Refusal(
            "unit_and_deadline_required",
            "交办需要选择责任单位并填写整改期限",
            "Assigning needs a unit and a deadline",
        )
    if rule.needs_reason and not (reason and reason.strip()):
        return Refusal("reason_required", "请填写原因", "A reason is required")
    if rule.needs_photos and not photo_ids:
        return Refusal(
            "evidence_required",
            "报告已整改需要附整改后的照片",
            "Reporting a fix needs photo evidence",
        )
    if rule.needs_duplicate_of and not duplicate_of:
        return Refusal(
            "duplicate_of_required", "请选择与之重复的问题", "Choose the problem it duplicates"
        )
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
        return Refusal(
            "forbidden", "只有责任单位可以申请延期", "Only the responsible unit asks for extensions"
        )
    if state not in EXTENSION_STATES:
        return Refusal(
            "extension_not_open",
            f"问题当前为「{label(state)}」,不能申请延期",
            f"A problem in state {state} cannot be extended",
        )
    if pending:
        return Refusal(
            "extension_pending",
            "已有一份延期申请等待督查室审批",
            "An extension request is already waiting for the office",
        )
    if not (reason and reason.strip()):
        return Refusal("reason_required", "请填写延期原因", "A reason is required")
    if proposed is None:
        return Refusal("deadline_required", "请填写申请延期到的日期", "Give the deadline asked for")
    if current_deadline is not None and proposed <= current_deadline:  # type: ignore[operator]
        return Refusal(
            "deadline_not_later",
            "申请的期限应晚于现在的整改期限",
            "The deadline asked for must be later than the current one",
        )
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
        return Refusal("forbidden", "只有督查室可以审批延期", "Only the office decides extensions")
    if not pending or state not in EXTENSION_STATES:
        return Refusal(
            "no_pending_extension",
            "该问题没有待审批的延期申请(可能已被处理)",
            "There is no extension request waiting (it may have been decided)",
        )
    if approve and deadline is None:
        return Refusal("deadline_required", "批准延期需要填写新的期限", "Give the new deadline")
    if not approve and not (reason and reason.strip()):
        return Refusal("reason_required", "请填写不同意延期的原因", "A reason is required")
    return None
