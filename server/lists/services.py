"""What the 责任清单 and 整改清单 list: the problems assigned to units, within the user's scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.issues.models import Issue, IssueEvent
from server.issues.services import STATE_LABELS, event_contract, rectified_late, visible_issues
from server.regions.models import Unit

# not the unit's to fix: merged into another problem, or not to be handled
NOT_LISTED = ("duplicate", "rejected")
FIXED = ("rectified", "verified", "closed")
_UNIT_CONTACT_FIELDS = ("contact_person", "contact_phone")  # the unit's own (migration 0016)


def state_label(state: str) -> str:
    return STATE_LABELS.get(state, (state, state))[0]


def slip_of(issue: Any) -> tuple[str | None, str | None]:
    """The latest assignment slip's number (交办单号) and requirements (整改要求), if any.

    Slips are issued when a problem is assigned (server/issues); a problem without one — or an
    installation whose problems carry none — lists no number and no requirement: a blank 整改要求
    stays blank, it is not made up from the problem's description.
    """
    slips = getattr(issue, "slips", None) or []
    if not slips:
        return None, None
    latest = slips[-1]
    return getattr(latest, "code", None), getattr(latest, "requirements", None)


def days_left(issue: Issue, today: date) -> int | None:
    """Days until the deadline (negative: overdue) while the unit still has to fix it."""
    if issue.deadline is None or issue.state in FIXED:
        return None
    return (issue.deadline - today).days


def rectification_report(issue: Issue) -> IssueEvent | None:
    """The unit's latest 已整改 (the rectification it reported), for a problem it fixed."""
    if issue.state not in FIXED:
        return None
    reports = [
        e for e in issue.events if e.kind == event_contract.TRANSITION and e.to_state == "rectified"
    ]
    return max(reports, key=lambda e: (e.at, e.id)) if reports else None


def reported_late(issue: Issue) -> bool:
    """Whether the unit's rectification reached the server after the deadline: late by the
    rule of server/issues/deadlines.py, whatever the phone's clock said."""
    report = rectification_report(issue)
    if report is None:
        return False
    zone = current_app.config["TIMEZONE"]
    return rectified_late(issue.deadline, report.at, report.received_at, zone)


@dataclass
class UnitDuty:
    """One unit's lines of the 责任清单."""

    unit: Unit
    contact: str
    issues: list[Issue]


def assigned_issues(user: User, unit_id: int | None = None) -> list[Issue]:
    """Problems with a responsible unit, by unit, then deadline, then when found."""
    if user.role == "unit":
        unit_id = user.unit_id
    elif unit_id is not None and db.session.get(Unit, unit_id) is None:
        raise AppError("not_found")
    query = (
        select(Issue)
        .where(visible_issues(user), Issue.unit_id.is_not(None), Issue.state.not_in(NOT_LISTED))
        .options(selectinload(Issue.unit), selectinload(Issue.project), selectinload(Issue.events))
        .order_by(Issue.unit_id, Issue.deadline, Issue.created_at, Issue.id)
    )
    if unit_id is not None:
        query = query.where(Issue.unit_id == unit_id)
    if hasattr(Issue, "slips"):
        query = query.options(selectinload(Issue.slips))
    return list(db.session.scalars(query))


def to_rectify(user: User, unit_id: int | None = None) -> list[Issue]:
    """The 整改清单: what units must still fix or have fixed and await closing; a closed (销号)
    problem is done and leaves it, as the 销号 dialog says (the 责任清单 keeps it)."""
    return [i for i in assigned_issues(user, unit_id) if i.state != "closed"]


def unit_contact(unit: Unit) -> str:
    """The unit's own contact when the Unit record has one, else its users' names."""
    own = [str(getattr(unit, name)) for name in _UNIT_CONTACT_FIELDS if getattr(unit, name, None)]
    if own:
        return " ".join(own)
    names = db.session.scalars(
        select(User.display_name)
        .where(User.unit_id == unit.id, User.role == "unit", User.active.is_(True))
        .order_by(User.id)
    )
    return "、".join(names)


def duties(user: User) -> list[UnitDuty]:
    """The 责任清单: each unit with the problems it answers for."""
    by_unit: dict[int, list[Issue]] = defaultdict(list)
    for issue in assigned_issues(user):
        by_unit[issue.unit_id].append(issue)  # type: ignore[index]
    units = [issues[0].unit for issues in by_unit.values()]
    return [
        UnitDuty(unit, unit_contact(unit), by_unit[unit.id])
        for unit in sorted(units, key=lambda u: (u.name, u.id))  # type: ignore[union-attr]
    ]
