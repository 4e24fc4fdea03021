"""One's own notifications: the list (unread first) and marking them read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update

from core.orm import utcnow
from server import sqlite
from server.auth.models import User
from server.db import db
from server.inspections.models import Inspection
from server.issues.models import Issue
from server.notifications import reminders
from server.notifications.models import Notification
from server.notifications.recipients import local_today
from server.reports.models import DeputyReport


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int
    unread: int
    page: int
    per_page: int


def catch_up_reminders(user: User) -> int:
    """Write the due-soon / overdue reminders this user is owed (so a demo without cron shows
    them). Reads first; only when something is missing does it take the write lock."""
    today = local_today()
    if not reminders.pending_for(db.session, user, today):
        return 0
    db.session.commit()  # end the read before writing (SQLite: BEGIN IMMEDIATE from here)
    sqlite.begin_immediately(True)
    try:
        written = reminders.write(db.session, reminders.pending_for(db.session, user, today))
        db.session.commit()
    finally:
        sqlite.begin_immediately(False)
    return written


def unread_count(user: User) -> int:
    query = select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(query) or 0


def list_notifications(user: User, page: int, per_page: int, unread_only: bool = False) -> Page:
    """The user's notifications, unread first, newest first; with the record's project."""
    catch_up_reminders(user)
    mine = Notification.user_id == user.id
    if unread_only:
        mine = mine & Notification.read_at.is_(None)
    project_id = func.coalesce(Issue.project_id, DeputyReport.project_id, Inspection.project_id)
    query = (
        select(Notification, project_id.label("project_id"))
        .outerjoin(Issue, Issue.id == Notification.issue_id)
        .outerjoin(DeputyReport, DeputyReport.id == Notification.report_id)
        .outerjoin(Inspection, Inspection.id == Notification.inspection_id)
        .where(mine)
        .order_by(
            Notification.read_at.is_not(None),
            Notification.created_at.desc(),
            Notification.id.desc(),
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    items = [{"notification": n, "project_id": pid} for n, pid in db.session.execute(query)]
    total = db.session.scalar(select(func.count(Notification.id)).where(mine)) or 0
    return Page(items, total, unread_count(user), page, per_page)


def mark_read(user: User, ids: list[int] | None, everything: bool) -> int:
    """Mark the user's own notifications read (others' ids are ignored); returns how many."""
    query = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if not everything:
        query = query.where(Notification.id.in_(ids or []))
    result = db.session.execute(
        query.values(read_at=utcnow()).execution_options(synchronize_session=False)
    )
    return max(result.rowcount or 0, 0)  # type: ignore[attr-defined]
