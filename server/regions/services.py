"""Creating and finding regions, units and series."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import selectinload

from server.audience import region_clause
from server.auth.models import User
from server.db import db
from server.regions.models import Region, Series, Unit


def create_region(
    name: str, level: str, parent: Region | None = None, code: str | None = None
) -> Region:
    """Add a region under ``parent`` and give it its materialised path."""
    region = Region(name=name, level=level, parent=parent, code=code)
    db.session.add(region)
    db.session.flush()
    region.path = f"{parent.path if parent else '/'}{region.id}/"
    return region


def get_or_create_region(
    name: str, level: str, parent: Region | None, code: str | None = None
) -> tuple[Region, bool]:
    """The child of ``parent`` with this name, created when missing."""
    same_parent = Region.parent_id.is_(None) if parent is None else Region.parent_id == parent.id
    region = db.session.scalar(select(Region).where(same_parent, Region.name == name))
    if region is not None:
        return region, False
    return create_region(name, level, parent, code), True


def children(region_id: int, level: str | None = None) -> list[Region]:
    query = select(Region).where(Region.parent_id == region_id).order_by(Region.code, Region.id)
    if level:
        query = query.where(Region.level == level)
    return list(db.session.scalars(query))


def find_unit(name_or_code: str, county: Region | None) -> Unit | None:
    """A unit by code, or by name within the county (or global units)."""
    unit = db.session.scalar(select(Unit).where(Unit.code == name_or_code))
    if unit is not None:
        return unit
    query = select(Unit).where(Unit.name == name_or_code)
    if county is not None:
        query = query.where((Unit.region_id == county.id) | Unit.region_id.is_(None))
    return db.session.scalars(query.order_by(Unit.id)).first()


def new_unit_code(name: str, county: Region | None) -> str:
    """A unique code for a unit created from an imported ledger."""
    base = f"U{county.id if county else 0}-"
    slug = re.sub(r"\W", "", name)[:8] or "unit"
    candidate = f"{base}{slug}"
    suffix = 1
    while db.session.scalar(select(Unit.id).where(Unit.code == candidate)) is not None:
        suffix += 1
        candidate = f"{base}{slug}{suffix}"
    return candidate


def get_or_create_unit(name: str, county: Region | None) -> tuple[Unit, bool]:
    unit = find_unit(name, county)
    if unit is not None:
        return unit, False
    unit = Unit(
        name=name, code=new_unit_code(name, county), region_id=county.id if county else None
    )
    db.session.add(unit)
    db.session.flush()
    return unit, True


def get_or_create_series(name: str, county: Region | None) -> tuple[Series, bool]:
    region_id = county.id if county else None
    series = db.session.scalar(
        select(Series).where(Series.name == name, Series.region_id == region_id)
    )
    if series is not None:
        return series, False
    series = Series(name=name, region_id=region_id)
    db.session.add(series)
    db.session.flush()
    return series, True


def units_in_area(user: User) -> ColumnElement[bool]:
    """Units an office user may pick: those of no county, and those whose county lies in the
    user's area or holds it (a township office assigns to its county's units)."""
    if user.region is None:
        return true()
    above = [int(step) for step in user.region.path.strip("/").split("/") if step]
    return (
        Unit.region_id.is_(None)
        | Unit.region_id.in_(above)
        | Unit.region.has(region_clause(user, Region.path))
    )


def units_for(user: User, issue_id: str | None = None) -> list[Any]:
    """The units of the user's area by code; for a problem (the 交办 picker): those of its
    county first, then those of no county, then the rest, each marked ``assignable``."""
    from server.issues.services import get_issue, unit_serves

    query = select(Unit).where(units_in_area(user)).options(selectinload(Unit.region))
    units = list(db.session.scalars(query.order_by(Unit.code)))
    if issue_id is None:
        return units
    path = get_issue(user, issue_id).region_path
    picked = [
        {
            "id": unit.id,
            "code": unit.code,
            "name": unit.name,
            "region_id": unit.region_id,
            "assignable": unit_serves(unit, path),
        }
        for unit in units
    ]
    return sorted(picked, key=lambda u: (not u["assignable"], u["region_id"] is None))
