"""Which problems a user may see in the office's API, and which units may take a problem."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from server.audience import in_region, region_clause
from server.auth.models import User
from server.issues.models import AssignmentSlip, Issue
from server.regions.models import Unit


def visible_issues(user: User) -> ColumnElement[bool]:
    """Office users: the problems of their region (none = all). Units: those assigned to them."""
    if user.is_office:
        return region_clause(user, Issue.region_path)
    if user.role == "unit":
        return Issue.unit_id == user.unit_id if user.unit_id else false()
    return false()


def visible_slips(user: User) -> ColumnElement[bool]:
    """Office users: slips of their region's problems. Units: the slips addressed to them and
    still in force (a slip voided by 改派 is no longer theirs to read)."""
    if user.role == "unit":
        if not user.unit_id:
            return false()
        return (AssignmentSlip.unit_id == user.unit_id) & AssignmentSlip.voided_at.is_(None)
    return AssignmentSlip.issue.has(visible_issues(user))


def unit_serves(unit: Unit, region_path: str) -> bool:
    """A unit takes problems of its own county (its region and below) only; a unit that belongs
    to no county takes any."""
    return in_region(unit, region_path)
