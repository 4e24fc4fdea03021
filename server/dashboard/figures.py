"""Dashboard figures the bulletin lacks, each one SQL aggregate (GROUP BY) over the ledger.

Completion per series and per township read the ledger as of the period's last day
(``server.bulletins.asof.projects_as_of``); problems found and closed are counted per local
month of the office's time zone, bucketed by a CASE over the months' UTC edges so both
databases agree whatever the zone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Subquery, case, distinct, func, literal, select

from server.bulletins.services import DONE, OPEN_STATES, Period, Scope, rate
from server.db import db
from server.issues.models import Issue, IssueEvent
from server.issues.services import event_contract as contract
from server.projects.models import Project
from server.regions.models import Region, Series, Unit


@dataclass(frozen=True)
class Month:
    """One local calendar month (or the part of it inside the period), as UTC instants."""

    label: str  # "2023-07"
    start: datetime
    end: datetime


def months_of(period: Period, timezone: str) -> list[Month]:
    """The local months ``period`` touches, clipped to the period's edges."""
    zone = ZoneInfo(timezone)
    months: list[Month] = []
    year, month = period.first.year, period.first.month
    while (year, month) <= (period.last.year, period.last.month):
        following = (year + 1, 1) if month == 12 else (year, month + 1)
        start = datetime.combine(date(year, month, 1), time(0), zone)
        end = datetime.combine(date(*following, 1), time(0), zone)
        months.append(
            Month(f"{year:04d}-{month:02d}", max(start, period.start), min(end, period.end))
        )
        year, month = following
    return months


def _month_index(at: ColumnElement[datetime], months: Sequence[Month]) -> ColumnElement[int]:
    """Which of ``months`` the instant ``at`` falls in (only for instants inside the period)."""
    return case(*((at < month.end, literal(n)) for n, month in enumerate(months)), else_=None)


def _completion(rows: Sequence[Any]) -> list[dict[str, Any]]:
    return [
        {
            "id": row[0],
            "name": row[1],
            "total": row[2],
            "completed": int(row[3]),
            "rate": rate(int(row[3]), row[2]),
        }
        for row in sorted(rows, key=lambda row: (row[0] is None, row[0] or 0))
    ]


def completion_by_series(projects: Subquery) -> list[dict[str, Any]]:
    """Per series (系列; ``id`` None = none): total, completed and the completion rate, in the
    order the series were created (the order the county lists them)."""
    completed = func.sum(case((projects.c.status.in_(DONE), 1), else_=0))
    return _completion(
        db.session.execute(
            select(Series.id, Series.name, func.count(), completed)
            .select_from(projects)
            .join(Project, Project.id == projects.c.id)
            .outerjoin(Series, Series.id == Project.series_id)
            .group_by(Series.id, Series.name)
        ).all()
    )


def completion_by_township(projects: Subquery) -> list[dict[str, Any]]:
    """Per township (乡镇; ``id`` None = county-wide projects): total, completed, rate."""
    completed = func.sum(case((projects.c.status.in_(DONE), 1), else_=0))
    return _completion(
        db.session.execute(
            select(Region.id, Region.name, func.count(), completed)
            .select_from(projects)
            .outerjoin(Region, Region.id == projects.c.township_id)
            .group_by(Region.id, Region.name)
        ).all()
    )


def problems_per_month(scope: Scope, period: Period, timezone: str) -> list[dict[str, Any]]:
    """Per local month of the period: problems found (发现) and problems closed (销号; a
    problem closed, reopened and closed again in another month counts in both months)."""
    months = months_of(period, timezone)
    found_in = (
        select(_month_index(Issue.created_at, months).label("month"))
        .where(
            scope.covers(Issue.region_path),
            Issue.created_at >= period.start,
            Issue.created_at < period.end,
        )
        .subquery("found_in")
    )
    closed_in = (
        select(
            _month_index(IssueEvent.at, months).label("month"),
            IssueEvent.issue_id.label("issue_id"),
        )
        .join(Issue, Issue.id == IssueEvent.issue_id)
        .where(
            scope.covers(Issue.region_path),
            IssueEvent.kind == contract.TRANSITION,
            IssueEvent.to_state == "closed",
            IssueEvent.at >= period.start,
            IssueEvent.at < period.end,
        )
        .subquery("closed_in")
    )
    found = dict(
        db.session.execute(select(found_in.c.month, func.count()).group_by(found_in.c.month)).all()
    )
    closed = dict(
        db.session.execute(
            select(closed_in.c.month, func.count(distinct(closed_in.c.issue_id))).group_by(
                closed_in.c.month
            )
        ).all()
    )
    return [
        {"month": month.label, "found": int(found.get(n, 0)), "closed": int(closed.get(n, 0))}
        for n, month in enumerate(months)
    ]


def named_units(counts: dict[int | None, int]) -> list[dict[str, Any]]:
    """``{unit_id: count}`` as rows with the units' names, largest count first."""
    ids = [unit_id for unit_id in counts if unit_id is not None]
    names = dict(db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(ids))).all())
    rows = [
        {"unit_id": unit_id, "unit_name": names.get(unit_id) if unit_id else None, "count": n}
        for unit_id, n in counts.items()
        if n
    ]
    return sorted(
        rows, key=lambda row: (-row["count"], row["unit_name"] is None, row["unit_name"] or "")
    )


def project_points(projects: Subquery, issues: Subquery) -> list[dict[str, Any]]:
    """Projects with coordinates: where, what, their schedule status and open problems."""
    open_problems = (
        select(issues.c.project_id.label("project_id"), func.count().label("open"))
        .where(issues.c.state.in_(OPEN_STATES), issues.c.project_id.is_not(None))
        .group_by(issues.c.project_id)
        .subquery("open_problems")
    )
    rows = db.session.execute(
        select(
            projects.c.id,
            projects.c.code,
            projects.c.name,
            projects.c.level,
            projects.c.status,
            Project.lon,
            Project.lat,
            func.coalesce(open_problems.c.open, 0),
        )
        .join(Project, Project.id == projects.c.id)
        .outerjoin(open_problems, open_problems.c.project_id == projects.c.id)
        .where(Project.lon.is_not(None), Project.lat.is_not(None))
        .order_by(projects.c.code, projects.c.id)
    ).all()
    keys = ("id", "code", "name", "level", "status", "lon", "lat", "open_problems")
    return [dict(zip(keys, row, strict=True)) for row in rows]
