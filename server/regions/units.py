"""The administrator's units: a county's responsible units with code, name and contact."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from core.problems import REGION_LEVELS as LEVEL_WORDS
from server.db import db
from server.errors import AppError
from server.regions.models import Region, Unit
from server.regions.services import full_name

EDITABLE = ("code", "name", "contact_person", "contact_phone")


def county_units(county: Region) -> list[Unit]:
    """The county's units by code."""
    return list(
        db.session.scalars(select(Unit).where(Unit.region_id == county.id).order_by(Unit.code))
    )


def check_county(region: Region) -> Region:
    """Units belong to a county: refuse any other level."""
    if region.level != "county":
        raise AppError("not_a_county", name=full_name(region), level=LEVEL_WORDS[region.level])
    return region


def _check_free(code: str, name: str, county: Region | None, unit_id: int | None = None) -> None:
    """Refuse a code another unit has, or a name another unit of the county has."""
    others = Unit.id != unit_id if unit_id is not None else Unit.id.is_not(None)
    other = db.session.scalar(select(Unit).where(Unit.code == code, others))
    if other is not None:
        raise AppError("unit_code_taken", code=code, other=other.name)
    if county is None:
        return
    same_name = select(Unit.id).where(Unit.region_id == county.id, Unit.name == name, others)
    if db.session.scalar(same_name) is not None:
        raise AppError("unit_name_taken", county=county.name, name=name)


def _clean(value: Any) -> Any:
    return (value.strip() or None) if isinstance(value, str) else value


LIMITS = {"code": 32, "name": 100, "contact_person": 50, "contact_phone": 32}


def _check_lengths(values: dict[str, Any]) -> None:
    too_long = {
        field: [f"最多 {LIMITS[field]} 个字"]
        for field, value in values.items()
        if isinstance(value, str) and len(value) > LIMITS[field]
    }
    if too_long:
        raise AppError("validation_error", errors=too_long)


def create_unit(
    code: str,
    name: str,
    county: Region,
    contact_person: str | None = None,
    contact_phone: str | None = None,
) -> Unit:
    """Add a responsible unit to a county; its code is unique, its name within the county."""
    check_county(county)
    code, name = code.strip(), name.strip()
    blank = [field for field, value in (("code", code), ("name", name)) if not value]
    if blank:
        raise AppError("validation_error", errors={field: ["此项必填"] for field in blank})
    contact_person, contact_phone = _clean(contact_person), _clean(contact_phone)
    _check_lengths(
        {
            "code": code,
            "name": name,
            "contact_person": contact_person,
            "contact_phone": contact_phone,
        }
    )
    _check_free(code, name, county)
    unit = Unit(
        code=code,
        name=name,
        region_id=county.id,
        contact_person=contact_person,
        contact_phone=contact_phone,
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def update_unit(unit: Unit, changes: dict[str, Any]) -> Unit:
    """Change a unit's code, name or contact, with the checks creating one makes."""
    values = {key: _clean(changes[key]) for key in EDITABLE if key in changes}
    _check_lengths(values)
    code, name = values.get("code", unit.code), values.get("name", unit.name)
    _check_free(code, name, unit.region, unit.id)
    for key, value in values.items():
        setattr(unit, key, value)
    return unit
