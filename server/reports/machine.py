"""The deputy's report (代表反映) lifecycle: one table of moves for the office's API and the phone.

submitted (待受理) ─受理→ accepted ─答复→ replied ─满意/基本满意→ rated
    └─不予受理→ declined              │ ↺ 答复 again    └─ 不满意 → accepted (a new reply)

Pure like ``server.issues.machine``: it decides whether ``user`` may make a move on a report
and what the move needs; it reads and writes nothing. The commands in
``server.reports.lifecycle`` check every move here; refusals are ``sync.errors.Rejected`` with a
key of ``core.problems`` (the office's routes answer them as HTTP errors with the same code,
words and the catalogue's status).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from core.problems import Both
from server.auth.models import OFFICE_ROLES, User
from server.reports.models import DeputyReport
from sync.errors import Rejected, not_found

STATUS_LABELS = {
    "submitted": ("待受理", "Submitted"),
    "accepted": ("已受理", "Accepted"),
    "declined": ("不予受理", "Declined"),
    "replied": ("已答复", "Replied"),
    "rated": ("已评价", "Rated"),
}
REPORT_STATUSES = tuple(STATUS_LABELS)
RATING_LABELS = {
    "satisfied": ("满意", "Satisfied"),
    "basically_satisfied": ("基本满意", "Basically satisfied"),
    "dissatisfied": ("不满意", "Dissatisfied"),
}

DEPUTY = frozenset({"deputy"})
NEW = None  # the "status" of a report not yet filed (report.create)

# 不满意 reopens the linked problem when it is in this state (the problem's own Rule, closed →
# rectifying, in server/issues/machine.py); in any other state it is still in the office's
# hands and the dissatisfaction is recorded on it. The new deadline is REPORT_REOPEN_DAYS after
# the rating's day.
REOPENABLE_STATE = "closed"
DEFAULT_REOPEN_DAYS = 15


@dataclass(frozen=True)
class Move:
    """One action on a report: from which statuses, to which, by whom, needing what. The
    refusals are keys of ``core.problems`` (the code and words the user reads)."""

    sources: frozenset[str | None]
    to: str
    actors: frozenset[str]
    not_actor: str = "forbidden"  # another role tries it
    own_only: bool = False  # the deputy's own report only: anyone else's is not found
    # another status (report_status.* say which it is); None: a new report only (create)
    wrong_status: str | None = None
    needs_reason: str | None = None  # a reason, not blank, else this refusal
    needs_place: bool = False  # a project or the deputy's own region
    reopens: bool = False  # 不满意: a closed linked problem goes back to 整改中


RATABLE = frozenset({"replied", "rated"})  # a rated report may be rated again (and reopen)

MOVES: dict[str, Move] = {
    "create": Move(
        frozenset({NEW}), "submitted", DEPUTY, not_actor="forbidden.new_report", needs_place=True
    ),
    # 受理: a problem (发现) is made of the report, to be assigned like any other
    "accept": Move(
        frozenset({"submitted"}), "accepted", OFFICE_ROLES, wrong_status="report_status.accept"
    ),
    "decline": Move(
        frozenset({"submitted"}),
        "declined",
        OFFICE_ROLES,
        wrong_status="report_status.decline",
        needs_reason="reason_required",
    ),
    # once accepted (usually after the problem is closed), and again to correct a reply not yet
    # rated; a rated report is answered again only after a 不满意 (back to accepted)
    "reply": Move(
        frozenset({"accepted", "replied"}),
        "replied",
        OFFICE_ROLES,
        wrong_status="report_status.reply",
        needs_reason="reason_required",
    ),
    # 满意 / 基本满意 close the report; a declined one has no reply to rate
    "rate": Move(RATABLE, "rated", DEPUTY, own_only=True, wrong_status="not_replied"),
    # 不满意 waits for a new reply and reopens the linked problem
    "rate_dissatisfied": Move(
        RATABLE,
        "accepted",
        DEPUTY,
        own_only=True,
        wrong_status="not_replied",
        needs_reason="reason_required.rating",
        reopens=True,
    ),
}


def rating_action(rating: str) -> str:
    """The move a rating makes: 不满意 is its own (a reason, a reopened problem)."""
    return "rate_dissatisfied" if rating == "dissatisfied" else "rate"


def status_label(status: str) -> Both:
    """The status as a refusal names it: 已受理 / accepted."""
    zh, en = STATUS_LABELS.get(status, (status, status))
    return Both(zh, en.lower())


def check_move(report: DeputyReport | None, action: str, user: User) -> Move:
    """The move if ``user`` may make it on ``report`` (None: a new one), else Rejected: someone
    else's report is not found, another role is forbidden, another status is refused."""
    move = MOVES[action]
    if move.own_only and (report is None or report.deputy_id != user.id):
        raise not_found("report")
    if user.role not in move.actors:
        raise Rejected(move.not_actor)
    status = report.status if report is not None else NEW
    if status not in move.sources:
        raise Rejected(move.wrong_status or "conflict", current=status_label(status or ""))
    return move


def check_needs(move: Move, *, reason: str | None = None, has_place: bool = True) -> None:
    """What the move needs beyond who and when: a reason (not blank), a place."""
    if move.needs_reason is not None and not (reason and reason.strip()):
        raise Rejected(move.needs_reason)
    if move.needs_place and not has_place:
        raise Rejected("project_required.report")


def reopen_days(settings: Mapping[str, Any]) -> int:
    return int(settings.get("REPORT_REOPEN_DAYS", DEFAULT_REOPEN_DAYS))
