"""Who may see which plans, and who may be given which task."""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from server.audience import in_region, region_clause
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
    return region_clause(user, InspectionPlan.region_path) if user.is_office else false()


def covers_region(user: User, region: Region | None) -> bool:
    """An office user may plan over a region inside their own (the whole area needs no region)."""
    return in_region(user, region.path if region is not None else None)


def covers_project(assignee: User, project: Project) -> bool:
    """An inspector covers the projects of their townships; a deputy those of their region."""
    if assignee.role == "inspector":
        return project.township_id in {t.id for t in assignee.townships}
    if assignee.role == "deputy":
        return in_region(assignee, project.region_path)
    return False
