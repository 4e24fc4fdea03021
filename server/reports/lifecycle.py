"""Deputies' reports and the problem each becomes: the rating, and 不满意 reopening the problem.

Framework-free like the rest of ``sync/``: the office's API (server/reports) and the
``report.rate`` mutation both come here, so one set of rules applies whichever way a change
arrives.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.issues.models import Issue, IssueEvent
from server.issues.services import check_transition
from server.reports.models import DeputyReport
from sync.changes import log_change
from sync.errors import Rejected

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_REOPEN_DAYS = 15
# a problem in this state is reopened by the deputy's 不满意 (the one Rule in server/issues/machine.py);
# in any other state it is still in the office's hands and the dissatisfaction is recorded on it
REOPENABLE_STATE = "closed"


def linked_issue(session: Session, report_id: str) -> Issue | None:
    """The problem the office made of the report when it accepted it (受理)."""
    return session.scalars(
        select(Issue).where(Issue.report_id == report_id).order_by(Issue.created_at, Issue.id)
    ).first()


def reopen_deadline(now: datetime, timezone: str, days: int) -> date:
    """``days`` after the rating's day in the office's time zone (not UTC's day)."""
    return now.astimezone(ZoneInfo(timezone)).date() + timedelta(days=days)


def _record_dissatisfaction(
    session: Session,
    user: User,
    issue: Issue,
    report: DeputyReport,
    comment: str,
    now: datetime,
    settings: Mapping[str, Any],
    origin: tuple[str | None, int | None],
) -> None:
    """A closed problem goes back to 整改中 with a new deadline; an open one keeps its state
    and the office reads the deputy's reason on it (a comment event)."""
    client_id, mutation_id = origin
    data: dict[str, Any] = {"via": "rating", "rating": "dissatisfied", "report_id": report.id}
    if issue.state == REOPENABLE_STATE:
        refusal = check_transition(issue.state, "rectifying", user.role, reason=comment)
        if refusal is not None:
            raise Rejected(refusal.code, refusal.message, refusal.message_en)
        deadline = reopen_deadline(
            now,
            settings.get("TIMEZONE", DEFAULT_TIMEZONE),
            int(settings.get("REPORT_REOPEN_DAYS", DEFAULT_REOPEN_DAYS)),
        )
        data.update(reopened=True, deadline=deadline.isoformat())
        session.add(
            IssueEvent(
                issue=issue,
                kind="transition",
                from_state=issue.state,
                to_state="rectifying",
                actor_id=user.id,
                at=now,
                reason=comment,
                data=data,
                client_id=client_id,
                mutation_id=mutation_id,
            )
        )
        issue.state, issue.deadline = "rectifying", deadline
    else:
        session.add(
            IssueEvent(
                issue=issue,
                kind="comment",
                actor_id=user.id,
                at=now,
                reason=comment,
                data=data,
                client_id=client_id,
                mutation_id=mutation_id,
            )
        )
    issue.version += 1
    log_change(session, "issue", issue)


def rate(
    session: Session,
    user: User,
    report: DeputyReport,
    rating: str,
    comment: str | None,
    now: datetime,
    settings: Mapping[str, Any] | None = None,
    origin: tuple[str | None, int | None] = (None, None),
) -> DeputyReport:
    """The deputy rates the office's reply: 满意 / 基本满意 close the report (``rated``);
    不满意 needs a reason, reopens the linked problem and waits for a new reply (``accepted``)."""
    if report.status not in ("replied", "rated"):
        raise Rejected(
            "not_replied", "督查室答复后才能评价", "You can rate once the office has replied"
        )
    comment = (comment or "").strip() or None
    if rating == "dissatisfied":
        if comment is None:
            raise Rejected(
                "reason_required",
                "选择不满意时请写明原因,督查室将据此重新交办",
                "Say why you are dissatisfied: the office reassigns the problem with it",
            )
        issue = linked_issue(session, report.id)
        if issue is not None:
            _record_dissatisfaction(
                session, user, issue, report, comment, now, settings or {}, origin
            )
    report.rating, report.rating_comment, report.rated_at = rating, comment, now
    report.status = "accepted" if rating == "dissatisfied" else "rated"
    report.version += 1
    log_change(session, "report", report)
    return report
