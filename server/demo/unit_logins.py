"""A demo login for every responsible unit of the demo counties, so every 交办 reaches someone.

The county's ``users.json`` names a few unit accounts by person; every other unit gets one whose
username is its code in lower case with ``-`` as ``_`` (``TS-JW`` → ``ts_jw``,
``QT-T-ONAN`` → ``qt_t_onan``), named 「<unit>联络员」, with the same demo password.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from server.auth.models import User
from server.auth.services import create_user
from server.db import db
from server.regions.models import Unit


def unit_username(code: str) -> str:
    """The demo login of the unit with this code."""
    return code.lower().replace("-", "_")


def ensure_unit_logins(codes: Iterable[str], password: str) -> list[User]:
    """A login for each unit (by code) that has no account of role ``unit`` yet; the new ones."""
    created = []
    for code in codes:
        unit = db.session.scalar(select(Unit).where(Unit.code == code))
        if unit is None:
            continue
        has_login = db.session.scalar(
            select(User.id).where(User.role == "unit", User.unit_id == unit.id).limit(1)
        )
        taken = db.session.scalar(select(User.id).where(User.username == unit_username(code)))
        if has_login is not None or taken is not None:
            continue
        created.append(
            create_user(unit_username(code), password, "unit", f"{unit.name}联络员", unit, None, [])
        )
    return created
