"""The ledger: listing with filters and status, one project, progress reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import selectinload

from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.i18n import LEVEL_LABELS, current_locale
from server.money import wan_to_yuan
from server.projects.models import ProgressReport, Project
from server.projects.schedule import (  # noqa: F401  (re-exported: other domains import these from here)
    AHEAD,
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    POSTPONED,
    STATUS_CODES,
    STATUS_LABELS_EN,
    STATUS_LABELS_ZH,
    ScheduleResult,
)
from server.projects.schemas import status_label
from server.projects.scope import can_report_progress, sees_contacts, visible_projects
from server.projects.status import ProgressAsOf, statuses, today
from server.regions.models import Region, Series, Unit
from server.search import contains_text
from sync.changes import log_change


@dataclass(frozen=True)
class ProjectView:
    """A project with its status and progress as of one day."""

    project: Project
    schedule: ScheduleResult
    progress: ProgressAsOf
    show_contacts: bool = True

    @property
    def progress_pct(self) -> Decimal | None:
        return self.progress.progress_pct

    def __getattr__(self, name: str) -> Any:
        """The project's own columns read through (its schemas share the record's fields)."""
        if name == "project":  # not set yet (copying, unpickling)
            raise AttributeError(name)
        return getattr(self.project, name)


@dataclass
class ProjectFilters:
    as_of: date | None = None
    status: str | None = None
    township: int | None = None
    unit: int | None = None
    level: str | None = None
    series: int | None = None
    county: int | None = None
    batch_year: int | None = None
    q: str | None = None
    page: int = 1
    per_page: int = 50


@dataclass
class ProjectPage:
    items: list[ProjectView]
    total: int
    page: int
    per_page: int
    as_of: date
    counts: dict[str, int] = field(default_factory=dict)
    batch_year: int | None = None


def _filtered_query(user: User, filters: ProjectFilters) -> Select[tuple[Project]]:
    query = select(Project).where(visible_projects(user))
    if filters.township is not None:
        query = query.where(Project.township_id == filters.township)
    if filters.unit is not None:
        query = query.where(Project.unit_id == filters.unit)
    if filters.level is not None:
        query = query.where(Project.level == filters.level)
    if filters.series is not None:
        query = query.where(Project.series_id == filters.series)
    if filters.county is not None:
        query = query.where(Project.county_id == filters.county)
    if filters.batch_year is not None:
        query = query.where(Project.batch_year == filters.batch_year)
    if filters.q:
        query = query.where(contains_text(filters.q.strip(), Project.name, Project.code))
    return query


def list_projects(user: User, filters: ProjectFilters) -> ProjectPage:
    """Projects the user may see, filtered, with statuses as of ``filters.as_of`` (default today).

    The status is computed, so the status filter and the counts are applied after the query;
    the counts respect every filter but the status one.
    """
    as_of = filters.as_of or today()
    projects = list(
        db.session.scalars(
            _filtered_query(user, filters)
            .options(
                selectinload(Project.series),
                selectinload(Project.county),
                selectinload(Project.township),
                selectinload(Project.village),
                selectinload(Project.unit),
            )
            .order_by(Project.county_id, Project.code)
        )
    )
    computed = statuses(projects, as_of)
    views = [ProjectView(p, *computed[p.id]) for p in projects]
    counts = dict.fromkeys(STATUS_CODES, 0)
    for view in views:
        counts[view.schedule.status] += 1
    if filters.status:
        views = [v for v in views if v.schedule.status == filters.status]
    start = (filters.page - 1) * filters.per_page
    return ProjectPage(
        items=views[start : start + filters.per_page],
        total=len(views),
        page=filters.page,
        per_page=filters.per_page,
        as_of=as_of,
        counts=counts,
        batch_year=filters.batch_year,
    )


def get_visible_project(user: User, project_id: int) -> Project:
    """A project the user may see; 404 otherwise (not 403: do not reveal that it exists)."""
    project = db.session.scalar(
        select(Project).where(Project.id == project_id, visible_projects(user))
    )
    if project is None:
        raise AppError("not_found")
    return project


def project_view(user: User, project: Project, as_of: date | None = None) -> ProjectView:
    computed = statuses([project], as_of or today())
    return ProjectView(project, *computed[project.id], show_contacts=sees_contacts(user))


def add_progress_report(user: User, project: Project, args: dict[str, Any]) -> ProgressReport:
    """Record a monthly progress report; the newest report sets the project's current figures."""
    if not can_report_progress(user, project):
        raise AppError("forbidden")
    if args["report_date"] > today():
        raise AppError("validation_error", errors={"report_date": ["填报日期不能晚于今天"]})
    report = ProgressReport(
        project=project,
        report_date=args["report_date"],
        progress_pct=args["progress_pct"],
        allocated_investment_yuan=wan_to_yuan(args.get("allocated_investment")),
        spent_investment_yuan=wan_to_yuan(args.get("spent_investment")),
        note=args.get("note"),
        source="manual",
        author=user,
    )
    db.session.add(report)
    db.session.flush()
    apply_latest_report(project)
    log_change(db.session, "project", project)
    return report


def apply_latest_report(project: Project) -> None:
    """Copy the newest report's figures onto the project (its current state)."""
    latest = db.session.scalars(
        select(ProgressReport)
        .where(ProgressReport.project_id == project.id)
        .order_by(ProgressReport.report_date.desc(), ProgressReport.id.desc())
        .limit(1)
    ).first()
    if latest is None:
        return
    project.progress_pct = latest.progress_pct
    if latest.allocated_investment_yuan is not None:
        project.allocated_investment_yuan = latest.allocated_investment_yuan
    if latest.spent_investment_yuan is not None:
        project.spent_investment_yuan = latest.spent_investment_yuan


def batch_years(where: ColumnElement[bool]) -> list[int]:
    """The batch years (年度) of the projects ``where`` picks, newest first."""
    return list(
        db.session.scalars(
            select(Project.batch_year).where(where).distinct().order_by(Project.batch_year.desc())
        )
    )


def default_batch_year(years: Sequence[int], this_year: int) -> int:
    """The batch to show first: this year's when it has projects, else the latest with
    projects (``years`` newest first), else this year's."""
    return this_year if this_year in years or not years else years[0]


def facets(user: User) -> dict[str, Any]:
    """The values the list's filters offer, limited to what the user can see."""
    visible = select(Project).where(visible_projects(user)).subquery()
    years = batch_years(visible_projects(user))

    def used(model: type, column: Any, *order: Any) -> list[Any]:
        return list(
            db.session.scalars(select(model).where(model.id.in_(select(column))).order_by(*order))
        )

    return {
        "counties": used(Region, visible.c.county_id, Region.id),
        "townships": used(Region, visible.c.township_id, Region.parent_id, Region.code, Region.id),
        "units": used(Unit, visible.c.unit_id, Unit.name),
        "series": used(Series, visible.c.series_id, Series.region_id, Series.id),
        "levels": [
            {"code": code, "label": label} for code, label in LEVEL_LABELS[current_locale()].items()
        ],
        "statuses": [{"code": code, "label": status_label(code)} for code in STATUS_CODES],
        "batch_years": years,
        "batch_year": default_batch_year(years, today().year),
    }
