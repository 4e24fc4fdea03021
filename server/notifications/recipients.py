"""Who is told: the users of a unit, the office of a region, one person; and today's date."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.orm import utcnow
from server.audience import in_region
from server.auth.models import OFFICE_ROLES, User

DEFAULT_TIMEZONE = "Asia/Shanghai"


def local_today(now: datetime | None = None) -> date:
    """Today where the office is (config ``TIMEZONE``, Asia/Shanghai by default)."""
    zone = ZoneInfo(
        (current_app.config.get("TIMEZONE") if has_app_context() else None) or DEFAULT_TIMEZONE
    )
    return (now or utcnow()).astimezone(zone).date()


def unit_users(session: Session, unit_id: int | None) -> list[int]:
    """Every active user of the unit."""
    if unit_id is None:
        return []
    query = select(User.id).where(
        User.role == "unit", User.unit_id == unit_id, User.active.is_(True)
    )
    return list(session.scalars(query.order_by(User.id)))


def covers(user: User, region_path: str | None) -> bool:
    """An office user's region is a prefix of the record's (no region: the whole installation)."""
    return in_region(user, region_path)


def office_users(session: Session, region_path: str | None) -> list[int]:
    """The office of a region: supervisors and admins whose region covers ``region_path``."""
    query = (
        select(User)
        .options(selectinload(User.region))
        .where(User.role.in_(sorted(OFFICE_ROLES)), User.active.is_(True))
        .order_by(User.id)
    )
    return [user.id for user in session.scalars(query) if covers(user, region_path)]


def active_user(session: Session, user_id: int | None) -> list[int]:
    """The one person, if their account is active."""
    if user_id is None:
        return []
    user = session.get(User, user_id)
    return [user.id] if user is not None and user.active else []
