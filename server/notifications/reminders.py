"""Reminders for open assigned problems: due within 3 days, and overdue.

One reminder per problem, deadline and person (the ``key``), however often this runs: by cron
(``flask --app server notifications remind``, on every host: core.joblock lets one at a time run)
and lazily when someone lists their notifications. Rows go in with INSERT … ON CONFLICT (key)
DO NOTHING, so cron and a request (or two hosts' cron) racing each other still write each
reminder once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, selectinload

from core.orm import utcnow
from server.audience import region_clause
from server.auth.models import User
from server.issues.models import Issue
from server.notifications import texts
from server.notifications.models import Notification
from server.notifications.recipients import office_users, unit_users

OPEN_STATES = ("assigned", "rectifying")
DUE_SOON_DAYS = 3


@dataclass(frozen=True)
class Reminder:
    kind: str  # due_soon | overdue
    issue: Issue
    user_id: int
    title: str

    @property
    def key(self) -> str:
        deadline = self.issue.deadline.isoformat() if self.issue.deadline else "-"
        return f"{self.kind}:{self.issue.id}:{deadline}:{self.user_id}"


def reminder_kind(deadline: date, today: date) -> str | None:
    """``overdue`` after the deadline day, ``due_soon`` from 3 days before it to the day itself."""
    if deadline < today:
        return "overdue"
    if deadline <= today + timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return None


def _open_issues(session: Session, today: date, where: ColumnElement[bool]) -> list[Issue]:
    query = (
        select(Issue)
        .options(selectinload(Issue.unit))
        .where(
            Issue.state.in_(OPEN_STATES),
            Issue.deadline.is_not(None),
            Issue.unit_id.is_not(None),
            Issue.deadline <= today + timedelta(days=DUE_SOON_DAYS),
            where,
        )
        .order_by(Issue.deadline, Issue.id)
    )
    return list(session.scalars(query))


def reminders(
    session: Session, today: date, where: ColumnElement[bool] | None = None
) -> list[Reminder]:
    """Every reminder due today: due soon → the unit; overdue → the unit and its office."""
    found: list[Reminder] = []
    units: dict[int, list[int]] = {}
    offices: dict[str, list[int]] = {}
    for issue in _open_issues(session, today, true() if where is None else where):
        assert issue.deadline is not None and issue.unit_id is not None
        kind = reminder_kind(issue.deadline, today)
        if kind is None:
            continue
        if issue.unit_id not in units:
            units[issue.unit_id] = unit_users(session, issue.unit_id)
        for user_id in units[issue.unit_id]:
            title = (
                texts.due_soon(issue.title, issue.deadline, today)
                if kind == "due_soon"
                else texts.overdue(issue.title, issue.deadline, today)
            )
            found.append(Reminder(kind, issue, user_id, title))
        if kind == "overdue":
            if issue.region_path not in offices:
                offices[issue.region_path] = office_users(session, issue.region_path)
            unit = issue.unit.name if issue.unit else None
            title = texts.overdue(issue.title, issue.deadline, today, unit)
            found += [Reminder(kind, issue, u, title) for u in offices[issue.region_path]]
    return found


def missing(session: Session, found: list[Reminder]) -> list[Reminder]:
    """The reminders not written yet."""
    keys = [r.key for r in found]
    written: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        written |= set(session.scalars(select(Notification.key).where(Notification.key.in_(chunk))))
    return [r for r in found if r.key not in written]


def write(session: Session, pending: list[Reminder]) -> int:
    """Insert ``pending``, skipping any a concurrent run wrote first; returns how many.

    In key order: writers that overlap (cron on two hosts, cron and a request) then take the
    unique index's entries in one order, so the later one waits for the earlier and skips its
    rows instead of deadlocking with it."""
    if not pending:
        return 0
    pending = sorted(pending, key=lambda r: r.key)
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "user_id": r.user_id,
            "kind": r.kind,
            "title": r.title,
            "issue_id": r.issue.id,
            "key": r.key,
            "created_at": now,
        }
        for r in pending
    ]
    table = Notification.__table__
    dialect = session.get_bind().dialect.name
    make = {"postgresql": pg_insert, "sqlite": sqlite_insert}.get(dialect)
    if make is None:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"reminders need ON CONFLICT DO NOTHING; {dialect} is not supported")
    written = 0
    for start in range(0, len(rows), 500):
        statement = (
            make(table)
            .values(rows[start : start + 500])
            .on_conflict_do_nothing(index_elements=["key"])
            .returning(table.c.id)
        )
        written += len(session.execute(statement).all())
    return written


def remind_all(session: Session, today: date) -> int:
    """Cron: write every reminder due today; the caller commits."""
    return write(session, missing(session, reminders(session, today)))


def pending_for(session: Session, user: User, today: date) -> list[Reminder]:
    """The reminders one user is owed and has not got yet (lazy path, a read only)."""
    if user.role == "unit":
        if user.unit_id is None:
            return []
        where: ColumnElement[bool] = Issue.unit_id == user.unit_id
    elif user.is_office:
        where = (Issue.deadline < today) & region_clause(user, Issue.region_path)
    else:
        return []
    own = [r for r in reminders(session, today, where) if r.user_id == user.id]
    return missing(session, own)
