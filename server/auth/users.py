"""User administration: what the admin's forms and the CLI do."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from server.auth.models import User
from server.auth.roles import check_role_fields
from server.auth.services import create_user, end_all_sessions, set_password
from server.db import db
from server.errors import AppError
from server.regions.models import Region, Unit


def list_users() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.role, User.username)))


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise AppError("not_found")
    return user


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


def create_from_form(args: dict[str, Any]) -> User:
    user = create_user(
        username=args["username"],
        password=args["password"],
        role=args["role"],
        display_name=args.get("display_name"),
        unit=_unit(args.get("unit_id")),
        region=_region(args.get("region_id")),
        townships=_townships(args.get("township_ids", [])),
    )
    if "locale" in args:
        user.locale = args["locale"]
    return user


def update_from_form(user: User, args: dict[str, Any], acting: User) -> User:
    """Apply the admin's changes, checked against the account's role as creating one is."""
    if args.get("active") is False and user.id == acting.id:
        raise AppError("cannot_disable_self")
    unit = _unit(args["unit_id"]) if "unit_id" in args else user.unit
    region = _region(args["region_id"]) if "region_id" in args else user.region
    townships = _townships(args["township_ids"]) if "township_ids" in args else user.townships
    check_role_fields(user.role, unit, region, townships, changed=args.keys())
    for key in ("display_name", "active", "locale"):
        if key in args:
            setattr(user, key, args[key])
    if "password" in args:
        set_password(user, args["password"])
    user.unit, user.region, user.townships = unit, region, list(townships)
    if args.get("active") is False:
        end_all_sessions(user)
    return user
