"""The bulletin's figures: one function per figure, each one SQL aggregate (GROUP BY).

Stock figures (projects, statuses, funds, lagging projects, open and overdue problems) are the
ledger as of the period's last day; flow figures (problems found, rectified and closed,
inspections, deputies' reports and ratings) count what happened within the period.
Rates are percentages rounded half up to two decimals, as the reports write them (84.50).
"""

from __future__ import annotations

from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import Subquery, and_, case, exists, func, or_, select

from server.bulletins.period import Period, Scope
from server.db import db
from server.inspections.models import INSPECTION_KINDS, Inspection
from server.issues.models import Issue, IssueEvent
from server.projects.models import PROJECT_LEVELS, Project
from server.projects.schedule import BEHIND, COMPLETED, COMPLETED_EARLY, POSTPONED, STATUS_CODES
from server.reports.models import REPORT_RATINGS, DeputyReport

DONE = (COMPLETED, COMPLETED_EARLY)
OPEN_STATES = ("found", "assigned", "rectifying", "rectified", "verified", "returned")
OVERDUE_STATES = ("assigned", "rectifying")  # the unit still has to act before its deadline
HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` / ``whole`` in percent, two decimals rounded half up; ``None`` when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * HUNDRED / Decimal(whole)).quantize(CENT, rounding=ROUND_HALF_UP)


def _by_level(rows: Any) -> dict[str, Any]:
    found = {row[0]: row for row in rows}
    return {level: found[level] for level in PROJECT_LEVELS if level in found}


# --- projects (as of the last day) -------------------------------------------------------


def projects_by_level(projects: Subquery) -> dict[str, Any]:
    """Projects per level: total, completed (提前完成 or 已完成) and the completion rate."""
    completed = func.sum(case((projects.c.status.in_(DONE), 1), else_=0))
    rows = _by_level(
        db.session.execute(
            select(projects.c.level, func.count(), completed).group_by(projects.c.level)
        ).all()
    )
    levels = [
        {"level": level, "total": total, "completed": int(done), "rate": rate(done, total)}
        for level, total, done in rows.values()
    ]
    total = sum(row["total"] for row in levels)
    done = sum(row["completed"] for row in levels)
    return {
        "levels": levels,
        "total": {"total": total, "completed": done, "rate": rate(done, total)},
    }


def schedule_statuses(projects: Subquery) -> dict[str, Any]:
    """Projects per schedule status (提前完成, 已完成, 超序时, 按序时, 滞后, 暂缓), per level
    and overall."""
    rows = db.session.execute(
        select(projects.c.level, projects.c.status, func.count()).group_by(
            projects.c.level, projects.c.status
        )
    ).all()
    per_level: dict[str, Counter[str]] = {}
    for level, status, count in rows:
        per_level.setdefault(level, Counter())[status] += count
    overall: Counter[str] = Counter()
    for counts in per_level.values():
        overall.update(counts)
    return {
        "levels": [
            {"level": level, **{code: per_level[level][code] for code in STATUS_CODES}}
            for level in PROJECT_LEVELS
            if level in per_level
        ],
        "total": {code: overall[code] for code in STATUS_CODES},
    }


def funds(projects: Subquery) -> dict[str, Any]:
    """Funds in yuan per level and overall: planned (计划投资), released (下达资金), spent
    (完成投资) as of the last day, and the released share of plan."""
    rows = _by_level(
        db.session.execute(
            select(
                projects.c.level,
                func.sum(projects.c.planned),
                func.sum(projects.c.released),
                func.sum(projects.c.spent),
            ).group_by(projects.c.level)
        ).all()
    )

    def line(planned: int, released: int, spent: int) -> dict[str, Any]:
        return {
            "planned_yuan": planned,
            "released_yuan": released,
            "spent_yuan": spent,
            "released_share": rate(released, planned),
        }

    levels = [
        {"level": level, **line(int(planned), int(released), int(spent))}
        for level, planned, released, spent in rows.values()
    ]
    return {
        "levels": levels,
        "total": line(
            *(
                sum(row[key] for row in levels)
                for key in ("planned_yuan", "released_yuan", "spent_yuan")
            )
        ),
    }


def lagging_projects(projects: Subquery) -> list[dict[str, Any]]:
    """Projects behind schedule (滞后) on the last day, with their reasons (滞后原因)."""
    return _listed(projects, BEHIND, projects.c.lag_reason)


def postponed_projects(projects: Subquery) -> list[dict[str, Any]]:
    """Projects postponed (暂缓) on the last day, with their reasons (暂缓原因)."""
    return _listed(projects, POSTPONED, projects.c.postponed_reason)


def _listed(projects: Subquery, status: str, reason: Any) -> list[dict[str, Any]]:
    level_order = case({level: n for n, level in enumerate(PROJECT_LEVELS)}, value=projects.c.level)
    rows = db.session.execute(
        select(
            projects.c.id,
            projects.c.code,
            projects.c.name,
            projects.c.level,
            projects.c.unit_id,
            projects.c.township_id,
            projects.c.progress_tenths,
            reason,
        )
        .where(projects.c.status == status)
        .order_by(level_order, projects.c.code)
    ).all()
    return [
        {
            "id": row[0],
            "code": row[1],
            "name": row[2],
            "level": row[3],
            "unit_id": row[4],
            "township_id": row[5],
            "progress_pct": Decimal(row[6]) / 10,
            "reason": row[7],
        }
        for row in rows
    ]


# --- problems: per unit (None = not assigned yet) ----------------------------------------


def _per_unit(query: Any) -> dict[int | None, int]:
    return {unit_id: int(count) for unit_id, count in db.session.execute(query).all()}


def problems_found(scope: Scope, period: Period) -> dict[int | None, int]:
    """Problems found (发现) in the period, per unit."""
    return _per_unit(
        select(Issue.unit_id, func.count())
        .where(scope.covers(Issue.region_path), Issue.created_at >= period.start)
        .where(Issue.created_at < period.end)
        .group_by(Issue.unit_id)
    )


def _reached_in_period(period: Period, state: str) -> Any:
    return (
        select(IssueEvent.issue_id)
        .where(
            IssueEvent.kind == "transition",
            IssueEvent.to_state == state,
            IssueEvent.at >= period.start,
            IssueEvent.at < period.end,
        )
        .distinct()
        .subquery(f"reached_{state}")
    )


def problems_rectified(scope: Scope, period: Period) -> dict[int | None, int]:
    """Problems whose rectification (已整改) was reported in the period, per unit."""
    reached = _reached_in_period(period, "rectified")
    return _per_unit(
        select(Issue.unit_id, func.count())
        .join(reached, reached.c.issue_id == Issue.id)
        .where(scope.covers(Issue.region_path))
        .group_by(Issue.unit_id)
    )


def problems_closed(issues: Subquery, period: Period) -> dict[int | None, int]:
    """Problems closed (销号) in the period and still closed on its last day (a problem reopened
    by a deputy's 不满意 does not count), per unit."""
    reached = _reached_in_period(period, "closed")
    return _per_unit(
        select(issues.c.unit_id, func.count())
        .join(reached, reached.c.issue_id == issues.c.id)
        .where(issues.c.state == "closed")
        .group_by(issues.c.unit_id)
    )


def problems_open(issues: Subquery) -> dict[int | None, int]:
    """Problems not yet closed (nor merged or rejected) at the end of the period, per unit."""
    return _per_unit(
        select(issues.c.unit_id, func.count())
        .where(issues.c.state.in_(OPEN_STATES))
        .group_by(issues.c.unit_id)
    )


def problems_overdue(issues: Subquery, period: Period) -> dict[int | None, int]:
    """Problems past their deadline on the last day while the unit still had to act (已交办 or
    整改中), per unit."""
    return _per_unit(
        select(issues.c.unit_id, func.count())
        .where(issues.c.state.in_(OVERDUE_STATES), issues.c.deadline < period.last)
        .group_by(issues.c.unit_id)
    )


# --- inspections and deputies' reports (within the period) -------------------------------


def inspections_by_kind(scope: Scope, period: Period) -> dict[str, int]:
    """Visits submitted in the period per kind (回头看, 随机查, 重点督, 联合督导, 日常巡查); a
    correction of a returned inspection is the same visit and is not counted again."""
    rows = db.session.execute(
        select(Inspection.kind, func.count())
        .join(Project, Project.id == Inspection.project_id)
        .where(
            scope.covers(Project.region_path),
            Inspection.status != "draft",
            Inspection.replaces_id.is_(None),
            Inspection.submitted_at >= period.start,
            Inspection.submitted_at < period.end,
        )
        .group_by(Inspection.kind)
    ).all()
    counts = dict(rows)
    return {kind: int(counts.get(kind, 0)) for kind in INSPECTION_KINDS}


def deputy_reports(scope: Scope, period: Period) -> dict[str, int]:
    """Deputies' reports received (收到) in the period, and how many of those the office had
    accepted (受理) by its end, declined, and replied to (答复; counted by the report's status,
    since the reply's day is not recorded)."""
    accepted = exists().where(Issue.report_id == DeputyReport.id, Issue.created_at < period.end)
    replied = or_(DeputyReport.status.in_(("replied", "rated")), DeputyReport.rating.is_not(None))
    received, was_accepted, declined, was_replied = db.session.execute(
        select(
            func.count(),
            func.sum(case((accepted, 1), else_=0)),
            func.sum(case((DeputyReport.status == "declined", 1), else_=0)),
            func.sum(case((replied, 1), else_=0)),
        ).where(
            scope.covers(DeputyReport.region_path),
            DeputyReport.created_at >= period.start,
            DeputyReport.created_at < period.end,
        )
    ).one()
    return {
        "received": int(received),
        "accepted": int(was_accepted or 0),
        "declined": int(declined or 0),
        "replied": int(was_replied or 0),
    }


def deputy_ratings(scope: Scope, period: Period) -> dict[str, Any]:
    """Ratings deputies gave in the period by grade (满意 / 基本满意 / 不满意), and the
    satisfaction rate (满意 + 基本满意 over all ratings)."""
    rows = dict(
        db.session.execute(
            select(DeputyReport.rating, func.count())
            .where(
                scope.covers(DeputyReport.region_path),
                and_(DeputyReport.rated_at >= period.start, DeputyReport.rated_at < period.end),
                DeputyReport.rating.is_not(None),
            )
            .group_by(DeputyReport.rating)
        ).all()
    )
    grades = {grade: int(rows.get(grade, 0)) for grade in REPORT_RATINGS}
    pleased = grades["satisfied"] + grades["basically_satisfied"]
    return {
        "grades": grades,
        "total": sum(grades.values()),
        "satisfaction_rate": rate(pleased, sum(grades.values())),
    }
