"""Schedule status of many projects as of a day, with the queries it needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from server.db import db, utcnow
from server.projects.models import ProgressReport, Project
from server.projects.schedule import ScheduleFacts, ScheduleResult, schedule_status

_MAX_IN_LIST = 500


@dataclass(frozen=True)
class ProgressAsOf:
    progress_pct: Decimal | None
    completed_on: date | None


def today() -> date:
    """Today in the office's time zone (Asia/Shanghai by default)."""
    return utcnow().astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def progress_as_of(project_ids: Sequence[int], as_of: date) -> dict[int, ProgressAsOf]:
    """Latest reported progress on or before ``as_of`` and the first day progress reached 100%."""
    if not project_ids:
        return {}
    # Past a few hundred ids an IN list costs more than reading every report up to the day.
    in_scope = (
        ProgressReport.project_id.in_(project_ids)
        if len(project_ids) <= _MAX_IN_LIST
        else ProgressReport.project_id.isnot(None)
    )
    ranked = (
        select(
            ProgressReport.project_id,
            ProgressReport.progress_pct,
            func.row_number()
            .over(
                partition_by=ProgressReport.project_id,
                order_by=(ProgressReport.report_date.desc(), ProgressReport.id.desc()),
            )
            .label("rank"),
        )
        .where(in_scope, ProgressReport.report_date <= as_of)
        .subquery()
    )
    latest = dict(
        db.session.execute(
            select(ranked.c.project_id, ranked.c.progress_pct).where(ranked.c.rank == 1)
        ).all()
    )
    first_complete = dict(
        db.session.execute(
            select(ProgressReport.project_id, func.min(ProgressReport.report_date))
            .where(
                in_scope,
                ProgressReport.report_date <= as_of,
                ProgressReport.progress_pct >= Decimal(100),
            )
            .group_by(ProgressReport.project_id)
        ).all()
    )
    return {pid: ProgressAsOf(latest.get(pid), first_complete.get(pid)) for pid in project_ids}


def statuses(
    projects: Iterable[Project], as_of: date
) -> dict[int, tuple[ScheduleResult, ProgressAsOf]]:
    """Schedule status and progress of each project as of ``as_of``."""
    projects = list(projects)
    band = Decimal(current_app.config["SCHEDULE_BAND"])
    history = progress_as_of([p.id for p in projects], as_of)
    result = {}
    for project in projects:
        progress = history.get(project.id, ProgressAsOf(None, None))
        completed_on = project.actual_completion_date or progress.completed_on
        facts = ScheduleFacts(
            start_date=project.start_date,
            planned_completion_date=project.planned_completion_date,
            completed_on=completed_on,
            progress_pct=progress.progress_pct,
            postponed_reason=project.postponed_reason,
        )
        result[project.id] = (schedule_status(facts, as_of, band), progress)
    return result
