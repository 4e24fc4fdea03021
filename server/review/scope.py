"""Which inspections an office user may review: those of projects in their region."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from server.auth.models import User
from server.projects.models import Project


def reviewable(user: User) -> ColumnElement[bool]:
    """A WHERE clause over ``Project`` (joined to the inspection): admins and supervisors see
    their region (none = everything); nobody else reviews."""
    if not user.is_office:
        return false()
    if user.region is None:
        return true()
    return Project.region_path.startswith(user.region.path)
