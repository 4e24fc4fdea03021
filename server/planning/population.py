"""The projects a plan may draw from: the user's area, filtered by schedule status as of a day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server.audience import holds_clause
from server.auth.models import User
from server.db import db
from server.projects.models import Project
from server.projects.services import (
    AHEAD,
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    statuses,
    visible_projects,
)
from server.regions.models import Region

# 回头看: completed; 随机查: going normally (按序时 / 超序时); 重点督: lagging (滞后).
# 联合督导 has no default: the office chooses statuses or projects.
DEFAULT_STATUSES: dict[str, tuple[str, ...]] = {
    "revisit": (COMPLETED_EARLY, COMPLETED),
    "random": (ON_SCHEDULE, AHEAD),
    "focused": (BEHIND,),
}


@dataclass(frozen=True)
class Eligible:
    project: Project
    status: str


def eligible_projects(
    user: User, region: Region | None, wanted: Sequence[str], as_of: date
) -> list[Eligible]:
    """Projects the user sees in ``region`` whose status as of ``as_of`` is wanted, by id."""
    query = select(Project).where(visible_projects(user)).order_by(Project.id)
    if region is not None:
        query = query.where(holds_clause(region.path, Project.region_path))
    projects = list(db.session.scalars(query.options(selectinload(Project.township))))
    computed = statuses(projects, as_of)
    return [
        Eligible(p, computed[p.id][0].status)
        for p in projects
        if computed[p.id][0].status in wanted
    ]
