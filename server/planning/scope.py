"""Who may see which plans, and who may be given which task."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false, true

from server.auth.models import User
from server.planning.models import InspectionPlan
from server.projects.models import Project
from server.regions.models import Region

ASSIGNEE_ROLES = {
    "revisit": ("inspector",),
    "random": ("inspector",),
    "focused": ("inspector",),
    "joint": ("inspector", "deputy"),
}


def visible_plans(user: User) -> ColumnElement[bool]:
    """Office users see the plans of their region (none = every plan)."""
    if not user.is_office:
        return false()
    if user.region is None:
        return true()
    return InspectionPlan.region_path.startswith(user.region.path)


def covers_region(user: User, region: Region | None) -> bool:
    """An office user may plan over a region inside their own (the whole area needs no region)."""
    if user.region is None:
        return True
    return region is not None and region.path.startswith(user.region.path)


def covers_project(assignee: User, project: Project) -> bool:
    """An inspector covers the projects of their townships; a deputy those of their region."""
    if assignee.role == "inspector":
        return project.township_id in {t.id for t in assignee.townships}
    if assignee.role == "deputy":
        return assignee.region is None or project.region_path.startswith(assignee.region.path)
    return False
