"""Which projects a user may see and change."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from server.audience import in_region, region_clause
from server.auth.models import User
from server.projects.models import Project


def visible_projects(user: User) -> ColumnElement[bool]:
    """A WHERE clause limiting projects to the user's scope.

    Office users and deputies: their region (none = everything). Inspectors: the townships they
    cover. Units: the projects they are responsible for.
    """
    if user.is_office or user.role == "deputy":
        return region_clause(user, Project.region_path)
    if user.role == "inspector":
        ids = [t.id for t in user.townships]
        return Project.township_id.in_(ids) if ids else false()
    if user.role == "unit":
        return Project.unit_id == user.unit_id if user.unit_id else false()
    return false()


def can_report_progress(user: User, project: Project) -> bool:
    """Office users for their area; a unit for its own projects."""
    if user.is_office:
        return in_region(user, project.region_path)
    return user.role == "unit" and user.unit_id is not None and project.unit_id == user.unit_id


def sees_contacts(user: User) -> bool:
    """Deputies see public project facts only (no phone numbers)."""
    return user.role != "deputy"
