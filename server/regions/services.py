"""Creating and finding regions, units and series."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import selectinload

from core.problems import REGION_LEVELS as LEVEL_WORDS
from core.problems import listed
from server.audience import holds_clause, region_clause
from server.auth.models import User, user_townships
from server.db import db
from server.errors import AppError
from server.regions.models import REGION_LEVELS, Region, Series, Unit

# levels that only exist inside a county
NEEDS_PARENT = frozenset({"township", "village"})
PATH_SEPARATOR = re.compile(r"\s*[/／]\s*")


def create_region(
    name: str, level: str, parent: Region | None = None, code: str | None = None
) -> Region:
    """Add a region under ``parent`` and give it its materialised path."""
    region = Region(name=name, level=level, parent=parent, code=code)
    db.session.add(region)
    db.session.flush()
    region.path = f"{parent.path if parent else '/'}{region.id}/"
    return region


def ancestors(region: Region) -> list[Region]:
    """The region's ancestors from the root, without the region itself."""
    ids = [int(step) for step in region.path.strip("/").split("/") if step][:-1]
    by_id = {r.id: r for r in db.session.scalars(select(Region).where(Region.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def full_name(region: Region) -> str:
    """The region's names from the root: ``浙江省/丽水市/青田县``."""
    return "/".join([*(r.name for r in ancestors(region)), region.name])


def find_region(name_or_path: str, level: str | None = None) -> Region:
    """A region by its name, or by a path of names ending with it (``丽水市/青田县``), when
    one region alone answers; else ``region_not_found`` or ``region_ambiguous``."""
    names = [part for part in PATH_SEPARATOR.split(name_or_path.strip()) if part]
    if not names:
        raise AppError("region_not_found", name=name_or_path)
    query = select(Region).where(Region.name == names[-1]).order_by(Region.path)
    if level is not None:
        query = query.where(Region.level == level)
    parents = names[:-1]
    found = [
        region
        for region in db.session.scalars(query)
        if not parents or [r.name for r in ancestors(region)][-len(parents) :] == parents
    ]
    if not found:
        raise AppError("region_not_found", name=name_or_path)
    if len(found) > 1:
        paths = [full_name(region) for region in found]
        raise AppError("region_ambiguous", name=name_or_path, paths=listed(paths), example=paths[0])
    return found[0]


def add_region(
    name: str, level: str, parent: Region | None = None, code: str | None = None
) -> Region:
    """Create a region as an administrator asks: the level below its parent's, a name new under
    that parent, a code of its own (each refusal says which)."""
    name, code = name.strip(), (code or "").strip() or None
    if parent is None and level in NEEDS_PARENT:
        raise AppError("region_parent_required", level=LEVEL_WORDS[level])
    if parent is not None and REGION_LEVELS.index(parent.level) >= REGION_LEVELS.index(level):
        raise AppError(
            "region_level_order",
            level=LEVEL_WORDS[level],
            parent_level=LEVEL_WORDS[parent.level],
            parent=parent.name,
        )
    _check_name_and_code(name, code, parent)
    return create_region(name, level, parent, code)


def rename_region(region: Region, changes: dict[str, Any]) -> Region:
    """Change a region's name or code (its place in the tree stays), checked as a new one is."""
    name = changes["name"].strip() if "name" in changes else region.name
    code = (changes.get("code") or "").strip() or None if "code" in changes else region.code
    _check_name_and_code(name, code, region.parent, region.id)
    region.name, region.code = name, code
    return region


def _check_name_and_code(
    name: str, code: str | None, parent: Region | None, region_id: int | None = None
) -> None:
    """A name new under the parent and a code no other region has."""
    if not name:
        raise AppError("validation_error", errors={"name": ["此项必填"]})
    too_long = {
        field: [f"最多 {limit} 个字"]
        for field, value, limit in (("name", name, 100), ("code", code or "", 12))
        if len(value) > limit
    }
    if too_long:
        raise AppError("validation_error", errors=too_long)
    others = Region.id != region_id if region_id is not None else Region.id.is_not(None)
    same_parent = Region.parent_id.is_(None) if parent is None else Region.parent_id == parent.id
    taken = select(Region.id).where(same_parent, Region.name == name, others)
    if db.session.scalar(taken) is not None:
        where = full_name(parent) if parent is not None else "/"
        raise AppError("region_taken", parent=where, name=name)
    if code is not None:
        other = db.session.scalar(select(Region).where(Region.code == code, others))
        if other is not None:
            raise AppError("region_code_taken", code=code, other=full_name(other))


def region_tree(root: Region | None = None) -> list[dict[str, Any]]:
    """Regions as nested dicts (``children``), from ``root`` (None: every root region); each
    township lists the active inspectors who cover it."""
    query = select(Region).order_by(Region.code.is_(None), Region.code, Region.id)
    if root is not None:
        query = query.where(holds_clause(root.path, Region.path))
    regions = list(db.session.scalars(query))
    nodes = {
        r.id: {"id": r.id, "name": r.name, "level": r.level, "code": r.code, "children": []}
        for r in regions
    }
    for region in regions:
        if region.level == "township":
            nodes[region.id]["inspectors"] = []
    covering = (
        select(user_townships.c.region_id, User.id, User.display_name)
        .join(User, User.id == user_townships.c.user_id)
        .where(User.role == "inspector", User.active.is_(True))
        .order_by(User.id)
    )
    for township_id, user_id, name in db.session.execute(covering):
        if "inspectors" in nodes.get(township_id, {}):
            nodes[township_id]["inspectors"].append({"id": user_id, "display_name": name})
    top: list[dict[str, Any]] = []
    for region in regions:
        parent = nodes.get(region.parent_id) if region.parent_id is not None else None
        if parent is None:
            top.append(nodes[region.id])
        else:
            parent["children"].append(nodes[region.id])
    return top


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


def unit_path(unit: Unit) -> str | None:
    """The path of the unit's county (None: a unit of no county)."""
    return unit.region.path if unit.region else None


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
