"""Who sees which synced record: one rule, on a record's scope (Python) and on the change log
(SQL). Plugged into the sync engine as its audience (``sync.registry.set_audience``)."""

from __future__ import annotations

import hashlib

from sqlalchemy import ColumnElement, false, or_, true

from server.auth.models import User
from sync.models import ChangeLog
from sync.scope import Scope

OFFICE_ROLES = ("admin", "supervisor")


def in_region(user: User, path: str | None) -> bool:
    """The user's region holds ``path`` (a user with no region holds every path)."""
    return user.region is None or (path is not None and path.startswith(user.region.path))


def can_see(user: User, scope: Scope) -> bool:
    """The rule in Python (for a record at hand)."""
    if scope.everyone or (scope.owner_id is not None and scope.owner_id == user.id):
        return True
    if user.role in OFFICE_ROLES:
        return in_region(user, scope.region_path)
    if user.role == "inspector":
        return scope.township_id is not None and scope.township_id in {t.id for t in user.townships}
    if user.role == "unit":
        return user.unit_id is not None and scope.unit_id == user.unit_id
    if user.role == "deputy":
        return scope.public and in_region(user, scope.region_path)
    return False


def visible_changes(user: User) -> ColumnElement[bool]:
    """The same rule as SQL over ``change_log``."""
    mine = ChangeLog.everyone.is_(True) | (ChangeLog.owner_id == user.id)
    region = true() if user.region is None else ChangeLog.region_path.startswith(user.region.path)
    if user.role in OFFICE_ROLES:
        rule: ColumnElement[bool] = region
    elif user.role == "inspector":
        ids = [t.id for t in user.townships]
        rule = ChangeLog.township_id.in_(ids) if ids else false()
    elif user.role == "unit":
        rule = ChangeLog.unit_id == user.unit_id if user.unit_id else false()
    elif user.role == "deputy":
        rule = ChangeLog.public.is_(True) & region
    else:
        rule = false()
    return or_(mine, rule)


def fingerprint(user: User) -> str:
    """Changes whenever what the user may see changes; a client then gets a full copy again."""
    parts = [
        user.role,
        str(user.region.path if user.region else ""),
        str(user.unit_id or ""),
        ",".join(str(t.id) for t in sorted(user.townships, key=lambda t: t.id)),
        "1" if user.active else "0",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
