"""Extensions (延期): a unit asks for a later deadline; the office approves or refuses.

Each step is an IssueEvent (extension_requested / extension_approved / extension_refused) with
the deadlines in its data; only an approval moves the problem's deadline. The state stays.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.orm import Session

from server.auth.models import User
from server.issues.events import EXTENSION_APPROVED, EXTENSION_REFUSED, EXTENSION_REQUESTED
from server.issues.machine import check_extension_decision, check_extension_request
from server.issues.models import Issue
from server.issues.recording import record_event
from server.issues.transitions import may_act_on, visible_issue
from sync.changes import log_change
from sync.errors import Rejected, forbidden


def _record(
    session: Session,
    issue: Issue,
    kind: str,
    user: User,
    now: datetime,
    reason: str | None,
    data: dict[str, str | None],
    client_id: str | None = None,
    mutation_id: int | None = None,
    at: tuple[datetime, bool] | None = None,
) -> None:
    """The step, received ``now``, done ``at`` (the phone's time, server/clock.py) if given."""
    done, skewed = at or (now, False)
    record_event(
        session,
        issue,
        kind,
        user.id,
        done,
        received_at=now,
        clock_skew=skewed,
        reason=reason,
        data=data,
        client_id=client_id,
        mutation_id=mutation_id,
    )
    issue.version += 1
    log_change(session, "issue", issue)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def request_extension(
    session: Session,
    user: User,
    issue_id: str,
    deadline: date,
    reason: str,
    now: datetime,
    client_id: str | None = None,
    mutation_id: int | None = None,
    at: tuple[datetime, bool] | None = None,
) -> Issue:
    """A unit asks to move its problem's deadline to ``deadline`` (from the phone: ``at`` is its
    action time, server/clock.py)."""
    issue = visible_issue(session, user, issue_id, lock=True)
    if user.role == "unit" and not may_act_on(user, issue):
        raise forbidden()
    refusal = check_extension_request(
        issue.state,
        user.role,
        pending=issue.pending_extension_until is not None,
        reason=reason,
        proposed=deadline,
        current_deadline=issue.deadline,
    )
    if refusal is not None:
        raise Rejected(refusal.key, **refusal.params)
    issue.pending_extension_until = deadline
    data = {"proposed_deadline": _iso(deadline), "previous_deadline": _iso(issue.deadline)}
    _record(
        session, issue, EXTENSION_REQUESTED, user, now, reason, data, client_id, mutation_id, at
    )
    return issue


def decide_extension(
    session: Session,
    user: User,
    issue_id: str,
    approve: bool,
    now: datetime,
    deadline: date | None = None,
    reason: str | None = None,
) -> Issue:
    """The office approves (the deadline becomes ``deadline``, by default the one asked for)
    or refuses (with ``reason``) the waiting request."""
    issue = visible_issue(session, user, issue_id, lock=True)
    if not may_act_on(user, issue):
        raise forbidden()
    proposed = issue.pending_extension_until
    if approve and deadline is None:
        deadline = proposed
    refusal = check_extension_decision(
        issue.state,
        user.role,
        pending=proposed is not None,
        approve=approve,
        deadline=deadline,
        reason=reason,
    )
    if refusal is not None:
        raise Rejected(refusal.key, **refusal.params)
    data = {"proposed_deadline": _iso(proposed), "previous_deadline": _iso(issue.deadline)}
    if approve:
        issue.deadline = deadline
        data["deadline"] = _iso(deadline)
    issue.pending_extension_until = None
    kind = EXTENSION_APPROVED if approve else EXTENSION_REFUSED
    _record(session, issue, kind, user, now, reason, data)
    return issue
