"""User administration: what the admin's forms and the CLI do."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, true

from server.audience import in_region, region_clause
from server.auth.models import User
from server.auth.roles import REGION_ROLES, check_role_fields
from server.auth.services import (
    create_user,
    end_all_sessions,
    one_time_password,
    reset_password,
    set_password,
)
from server.db import db
from server.errors import AppError
from server.regions.models import Region, Unit
from server.regions.services import unit_path
from sync.models import MutationRecord, SyncClient


def in_admin_area(acting: User) -> ColumnElement[bool]:
    """Accounts an administrator manages: with a region, those whose region, townships or
    unit's county lie in it (an account tied to nothing is the installation's admin's)."""
    if acting.region is None:
        return true()
    inside = region_clause(acting, Region.path)
    return or_(
        User.region.has(inside),
        User.townships.any(inside),
        User.unit.has(Unit.region.has(inside)),
    )


def list_users(acting: User) -> list[User]:
    query = select(User).where(in_admin_area(acting)).order_by(User.role, User.username)
    return list(db.session.scalars(query))


def get_user(user_id: int, acting: User | None = None) -> User:
    """An account by id; with ``acting``, only one in that administrator's area."""
    query = select(User).where(User.id == user_id)
    if acting is not None:
        query = query.where(in_admin_area(acting))
    user = db.session.scalar(query)
    if user is None:
        raise AppError("not_found")
    return user


def reset(user: User, acting: User) -> str:
    """A one-time password for the account (it must choose its own at next login)."""
    if user.id == acting.id:
        raise AppError("cannot_reset_self")
    return reset_password(user)


def devices(user: User) -> list[dict[str, Any]]:
    """The app installs that synced as the user, most recently seen first: when each last
    pushed and pulled, the last queued change the server applied, and how many it refused."""
    rejected = (
        select(func.count())
        .where(MutationRecord.client_id == SyncClient.id, MutationRecord.status == "rejected")
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(SyncClient, rejected).where(SyncClient.user_id == user.id)
    ).all()
    items = [
        {
            "id": client.id,
            "created_at": client.created_at,
            "last_push_at": client.last_push_at,
            "last_pull_at": client.last_pull_at,
            "last_seen_at": max(
                (at for at in (client.last_push_at, client.last_pull_at) if at), default=None
            ),
            "last_mutation_id": client.last_mutation_id,
            "rejected": count,
        }
        for client, count in rows
    ]
    return sorted(items, key=lambda d: d["last_seen_at"] or d["created_at"], reverse=True)


def _unit(unit_id: int | None) -> Unit | None:
    if unit_id is None:
        return None
    unit = db.session.get(Unit, unit_id)
    if unit is None:
        raise AppError("validation_error", errors={"unit_id": ["单位不存在"]})
    return unit


def _region(region_id: int | None) -> Region | None:
    if region_id is None:
        return None
    region = db.session.get(Region, region_id)
    if region is None:
        raise AppError("validation_error", errors={"region_id": ["地区不存在"]})
    return region


def _townships(ids: list[int]) -> list[Region]:
    found = list(db.session.scalars(select(Region).where(Region.id.in_(ids)))) if ids else []
    if len(found) != len(set(ids)):
        raise AppError("validation_error", errors={"township_ids": ["乡镇不存在"]})
    return found


def check_area(
    acting: User,
    role: str,
    unit: Unit | None,
    region: Region | None,
    townships: Sequence[Region],
    changed: Collection[str] | None = None,
) -> None:
    """An administrator with a region keeps accounts inside it: a region, townships and a unit
    in it, and never none where the role is scoped by one (that would be the whole
    installation). With ``changed``, only those fields are judged."""
    if acting.region is None:
        return
    outside = "不在您管理的地区内"
    errors: dict[str, list[str]] = {}
    if region is not None and not in_region(acting, region.path):
        errors["region_id"] = [outside]
    elif region is None and role in REGION_ROLES:
        errors["region_id"] = ["请选择所辖地区"]
    if any(not in_region(acting, township.path) for township in townships):
        errors["township_ids"] = [outside]
    elif not townships and role == "inspector":
        errors["township_ids"] = ["请选择负责的乡镇"]
    if unit is not None and not in_region(acting, unit_path(unit)):
        errors["unit_id"] = [outside]
    if changed is not None:
        errors = {field: messages for field, messages in errors.items() if field in changed}
    if errors:
        raise AppError("validation_error", status=422, errors=errors)


class NewAccount:
    """An account just created, and the one-time password to hand over when none was given
    (never stored in clear); reads as the account otherwise."""

    def __init__(self, user: User, one_time_password: str | None) -> None:
        self.user, self.one_time_password = user, one_time_password

    def __getattr__(self, name: str) -> Any:
        return getattr(self.user, name)


def create_from_form(args: dict[str, Any], acting: User) -> NewAccount:
    """Add the account the admin's form describes; without a password, a one-time one."""
    unit, region = _unit(args.get("unit_id")), _region(args.get("region_id"))
    townships = _townships(args.get("township_ids", []))
    check_area(acting, args["role"], unit, region, townships)
    one_time = one_time_password() if args.get("password") is None else None
    user = create_user(
        username=args["username"],
        password=args.get("password") or one_time or "",
        role=args["role"],
        display_name=args.get("display_name"),
        unit=unit,
        region=region,
        townships=townships,
        must_change_password=one_time is not None,
    )
    if "locale" in args:
        user.locale = args["locale"]
    return NewAccount(user, one_time)


def update_from_form(user: User, args: dict[str, Any], acting: User) -> User:
    """Apply the admin's changes, checked against the account's role as creating one is (a
    new role: every field against it)."""
    if args.get("active") is False and user.id == acting.id:
        raise AppError("cannot_disable_self")
    if args.get("role", user.role) != user.role and user.id == acting.id:
        raise AppError("cannot_change_own_role")
    unit = _unit(args["unit_id"]) if "unit_id" in args else user.unit
    region = _region(args["region_id"]) if "region_id" in args else user.region
    townships = _townships(args["township_ids"]) if "township_ids" in args else user.townships
    role = args.get("role", user.role)
    changed = None if role != user.role else args.keys()
    check_area(acting, role, unit, region, townships, changed=changed)
    check_role_fields(role, unit, region, townships, changed=changed)
    for key in ("display_name", "active", "locale", "role"):
        if key in args:
            setattr(user, key, args[key])
    if "password" in args:
        set_password(user, args["password"])
    user.unit, user.region, user.townships = unit, region, list(townships)
    if args.get("active") is False:
        end_all_sessions(user)
    return user
