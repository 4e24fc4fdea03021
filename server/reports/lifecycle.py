"""The commands of a deputy's report: file, 受理, 不予受理, 答复, rate (不满意 reopens the problem).

One function per move, each checked through the table in ``server.reports.machine``; the
office's routes (server/reports/routes.py) and the phone's mutations (server/reports/mutations.py)
call these and hold no rule themselves. Framework-free: refusals are ``sync.errors.Rejected``
(a mutation's result as is; an HTTP error with the same code and words on the office's side,
``server.reports.services.refusals_as_http``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.clock import action_time
from server.issues.models import Issue
from server.issues.services import check_transition, record_event
from server.issues.services import event_contract as contract
from server.mutations import check_new_id, location_columns, visible_project
from server.reports.machine import (
    REOPENABLE_STATE,
    check_move,
    check_needs,
    rating_action,
    reopen_days,
)
from server.reports.models import DeputyReport
from sync.changes import log_change
from sync.context import MutationContext
from sync.errors import Rejected

DEFAULT_TIMEZONE = "Asia/Shanghai"


def linked_issue(session: Session, report_id: str) -> Issue | None:
    """The problem the office made of the report when it accepted it (受理)."""
    return session.scalars(
        select(Issue).where(Issue.report_id == report_id).order_by(Issue.created_at, Issue.id)
    ).first()


def reopen_deadline(now: datetime, timezone: str, days: int) -> date:
    """``days`` after the rating's day in the office's time zone (not UTC's day)."""
    return now.astimezone(ZoneInfo(timezone)).date() + timedelta(days=days)


def _changed(session: Session, report: DeputyReport) -> None:
    report.version += 1
    log_change(session, "report", report)


def create(ctx: MutationContext, args: dict[str, Any]) -> DeputyReport | None:
    """A deputy files a report of a project (or of their own region). None when this deputy
    already filed it (a replay from another install)."""
    move = check_move(None, "create", ctx.user)
    if check_new_id(ctx, DeputyReport, args["id"], "report") is not None:
        return None
    project_id = args.get("project_id")
    project = visible_project(ctx, project_id) if project_id is not None else None
    region = ctx.user.region
    region_path = project.region_path if project else region.path if region else None
    check_needs(move, has_place=region_path is not None)
    filed_at, skewed = action_time(ctx)  # the report is the deputy's when the phone says
    report = DeputyReport(
        id=args["id"],
        deputy_id=ctx.user.id,
        project_id=project.id if project else None,
        title=args["title"],
        description=args["description"],
        status=move.to,
        region_path=region_path,
        created_at=filed_at,
        received_at=ctx.now,
        clock_skew=skewed,
        **location_columns(args.get("location")),
    )
    ctx.session.add(report)
    log_change(ctx.session, "report", report, new=True)
    return report


def accept(
    session: Session, user: User, report: DeputyReport, args: Mapping[str, Any], now: datetime
) -> Issue:
    """受理: the report becomes a problem (state 发现) the office then assigns like any other."""
    move = check_move(report, "accept", user)
    issue = Issue(
        id=str(uuid.uuid4()),
        project_id=report.project_id,
        report_id=report.id,
        title=args.get("title") or report.title,
        description=report.description,
        severity=args.get("severity") or "medium",
        state="found",
        lat=report.lat,
        lon=report.lon,
        accuracy_m=report.accuracy_m,
        created_by=user,
        region_path=report.region_path,
    )
    session.add(issue)
    record_event(
        session,
        issue,
        contract.CREATED,
        user.id,
        now,
        to_state="found",
        reason=args.get("note"),
        data={"via": "report", "report_id": report.id},
    )
    log_change(session, "issue", issue, new=True)
    report.status = move.to
    _changed(session, report)
    return issue


def decline(session: Session, user: User, report: DeputyReport, reason: str) -> DeputyReport:
    """不予受理, with the reason the deputy reads as the office's answer."""
    move = check_move(report, "decline", user)
    check_needs(move, reason=reason)
    report.status, report.reply = move.to, reason
    _changed(session, report)
    return report


def reply(session: Session, user: User, report: DeputyReport, text: str) -> DeputyReport:
    """答复: the office tells the deputy what was done; the deputy then rates it (or corrects a
    reply not yet rated)."""
    move = check_move(report, "reply", user)
    check_needs(move, reason=text)
    report.status, report.reply = move.to, text
    _changed(session, report)
    return report


def _record_dissatisfaction(
    session: Session,
    user: User,
    issue: Issue,
    report: DeputyReport,
    comment: str,
    now: datetime,
    settings: Mapping[str, Any],
    origin: tuple[str | None, int | None],
    at: tuple[datetime, bool],
) -> None:
    """A closed problem goes back to 整改中 with a new deadline; an open one keeps its state
    and the office reads the deputy's reason on it (a comment event)."""
    client_id, mutation_id = origin
    done, skewed = at
    data: dict[str, Any] = {"via": "rating", "rating": "dissatisfied", "report_id": report.id}
    if issue.state == REOPENABLE_STATE:
        refusal = check_transition(issue.state, "rectifying", user.role, reason=comment)
        if refusal is not None:
            raise Rejected(refusal.key, **refusal.params)
        timezone = settings.get("TIMEZONE", DEFAULT_TIMEZONE)
        deadline = reopen_deadline(now, timezone, reopen_days(settings))
        data.update(reopened=True, deadline=deadline.isoformat())
        record_event(
            session,
            issue,
            contract.TRANSITION,
            user.id,
            done,
            received_at=now,
            clock_skew=skewed,
            from_state=issue.state,
            to_state="rectifying",
            reason=comment,
            data=data,
            client_id=client_id,
            mutation_id=mutation_id,
        )
        issue.state, issue.deadline = "rectifying", deadline
    else:
        record_event(
            session,
            issue,
            contract.COMMENT,
            user.id,
            done,
            received_at=now,
            clock_skew=skewed,
            reason=comment,
            data=data,
            client_id=client_id,
            mutation_id=mutation_id,
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
    at: tuple[datetime, bool] | None = None,
) -> DeputyReport:
    """The deputy rates the office's reply: 满意 / 基本满意 close the report (``rated``);
    不满意 needs a reason, reopens the linked problem and waits for a new reply (``accepted``).
    Received ``now``, rated ``at`` (the phone's time and whether it was not trusted: server.clock)."""
    done, skewed = at or (now, False)
    move = check_move(report, rating_action(rating), user)
    comment = (comment or "").strip() or None
    check_needs(move, reason=comment)
    if move.reopens:
        issue = linked_issue(session, report.id)
        if issue is not None:
            assert comment is not None  # check_needs: the reopening's reason
            _record_dissatisfaction(
                session, user, issue, report, comment, now, settings or {}, origin, (done, skewed)
            )
    report.rating, report.rating_comment, report.rated_at = rating, comment, done
    report.rated_received_at, report.clock_skew = now, report.clock_skew or skewed
    report.status = move.to
    _changed(session, report)
    return report
