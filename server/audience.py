"""Who sees what, in one place: the region rule (a region holds the records whose path starts
with its own), in Python and as SQL, and the sync audience built on it (which synced record a
user sees, on a record's scope and on the change log; plugged into the sync engine by
``sync.registry.set_audience``).

A path lists the region ids from the root, each followed by a slash (``/1/7/42/``;
``server.regions.services.create_region``), so ``/1/2/`` holds ``/1/2/5/`` but not ``/1/22/``.
Office roles (``OFFICE_ROLES``, ``User.is_office``) see their region; a user or unit with no
region holds every path.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import ColumnElement, false, literal, or_, true
from sqlalchemy.orm import QueryableAttribute

from server.auth.models import OFFICE_ROLES, User
from server.regions.models import Unit
from sync.models import ChangeLog
from sync.scope import Scope

__all__ = [
    "OFFICE_ROLES",
    "can_see",
    "fingerprint",
    "holds",
    "holds_clause",
    "in_region",
    "region_clause",
    "visible_changes",
]

PathColumn = QueryableAttribute[Any] | ColumnElement[Any]  # a region_path or Region.path


def holds(region_path: str | None, path: str | None) -> bool:
    """The region at ``region_path`` (``None``: everywhere) holds ``path``."""
    return region_path is None or (path is not None and path.startswith(region_path))


def holds_clause(region_path: str | None, column: PathColumn) -> ColumnElement[bool]:
    """``holds`` as SQL over a path ``column`` (a NULL path is held by ``None`` only)."""
    return true() if region_path is None else column.startswith(region_path)


def _path(who: User | Unit) -> str | None:
    return who.region.path if who.region is not None else None


def in_region(who: User | Unit, path: str | None) -> bool:
    """The user's (or unit's) region holds ``path``; one with no region holds every path."""
    return holds(_path(who), path)


def region_clause(who: User | Unit, column: PathColumn) -> ColumnElement[bool]:
    """``in_region`` as SQL over a path ``column``."""
    return holds_clause(_path(who), column)


def _areas(user: User) -> list[str | None]:
    """Where the user works: its townships (an inspector), else its region or unit's region
    (None: everywhere)."""
    if user.role == "inspector":
        return [t.path for t in user.townships]
    if user.role == "unit" and user.unit is not None:
        return [_path(user.unit)]
    return [_path(user)]


def _meets(user: User, region_path: str | None) -> bool:
    """A record for everyone of a region (a county's checklist, ``Scope(everyone=True,
    region_path=…)``) reaches the users working in it or above it (None: everyone)."""
    return region_path is None or any(
        area is None or holds(region_path, area) or holds(area, region_path)
        for area in _areas(user)
    )


def _meets_clause(user: User) -> ColumnElement[bool]:
    """``_meets`` as SQL over ``change_log``."""
    areas = _areas(user)
    if None in areas:
        return true()
    column = ChangeLog.region_path
    return or_(
        column.is_(None),
        *(column.startswith(area) | literal(area).startswith(column) for area in areas),
    )


def can_see(user: User, scope: Scope) -> bool:
    """The sync rule in Python (for a record at hand)."""
    if scope.everyone:
        return _meets(user, scope.region_path)
    if scope.owner_id is not None and scope.owner_id == user.id:
        return True
    if user.is_office:
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
    mine = (ChangeLog.everyone.is_(True) & _meets_clause(user)) | (ChangeLog.owner_id == user.id)
    region = region_clause(user, ChangeLog.region_path)
    if user.is_office:
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
        _path(user) or "",
        str(user.unit_id or ""),
        ",".join(str(t.id) for t in sorted(user.townships, key=lambda t: t.id)),
        "1" if user.active else "0",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
