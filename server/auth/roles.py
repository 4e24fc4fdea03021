"""What each role's account carries: a unit, townships, a region. Creating and changing an
account check the same rules."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from server.errors import AppError
from server.regions.models import Region, Unit

# roles scoped by a region (none = the whole installation)
REGION_ROLES = frozenset({"admin", "supervisor", "deputy"})


def check_role_fields(
    role: str,
    unit: Unit | None,
    region: Region | None,
    townships: Sequence[Region],
    changed: Collection[str] | None = None,
) -> None:
    """Refuse (422, per field) a unit, region or townships the role does not take, a unit
    account without its unit, and townships that are not townships. With ``changed``, only
    those fields are judged (an old account's other fields do not block, say, disabling it)."""
    errors: dict[str, list[str]] = {}
    if role == "unit" and unit is None:
        errors["unit_id"] = ["责任单位账号必须选择单位"]
    elif role != "unit" and unit is not None:
        errors["unit_id"] = ["只有责任单位账号属于单位"]
    if region is not None and role not in REGION_ROLES:
        errors["region_id"] = ["督查员和责任单位账号不按地区划分，请勿选择地区"]
    if townships and role != "inspector":
        errors["township_ids"] = ["只有督查员账号负责乡镇"]
    elif any(township.level != "township" for township in townships):
        errors["township_ids"] = ["只能选择乡镇（街道）"]
    if changed is not None:
        errors = {field: messages for field, messages in errors.items() if field in changed}
    if errors:
        raise AppError("validation_error", status=422, errors=errors)
