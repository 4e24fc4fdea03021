"""Which problems a user may see in the office's API."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from server.auth.models import User
from server.issues.models import AssignmentSlip, Issue


def visible_issues(user: User) -> ColumnElement[bool]:
    """Office users: the problems of their region (none = all). Units: those assigned to them."""
    if user.role in ("admin", "supervisor"):
        if user.region is None:
            return true()
        return Issue.region_path.startswith(user.region.path)
    if user.role == "unit":
        return Issue.unit_id == user.unit_id if user.unit_id else false()
    return false()


def visible_slips(user: User) -> ColumnElement[bool]:
    """Office users: slips of their region's problems. Units: the slips addressed to them."""
    if user.role == "unit":
        return AssignmentSlip.unit_id == user.unit_id if user.unit_id else false()
    return AssignmentSlip.issue.has(visible_issues(user))
