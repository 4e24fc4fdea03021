"""The bulletin's figures: one function per figure, each one SQL aggregate (GROUP BY).

Stock figures (projects, statuses, funds, lagging projects, open and overdue problems) are the
ledger as of the period's last day; flow figures (problems found, rectified and closed,
inspections, deputies' reports and ratings) count what happened within the period.
Rates are percentages rounded half up to two decimals, as the reports write them (84.50).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Subquery, and_, case, exists, func, or_, select

from server.bulletins.asof import problems_with_state_at
from server.bulletins.period import Period, Scope
from server.db import db
from server.inspections.models import INSPECTION_KINDS, Inspection
from server.issues.models import Issue, IssueEvent
from server.issues.services import event_contract as contract
from server.projects.models import PROJECT_LEVELS, Project
from server.projects.services import BEHIND, COMPLETED, COMPLETED_EARLY, POSTPONED, STATUS_CODES
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


# --- projects (as of the last day) -------------------------------------------------------


@dataclass(frozen=True)
class ProjectGroup:
    """The projects of one level and schedule status on the last day, with their funds."""

    level: str
    status: str
    count: int
    planned: int
    released: int
    spent: int


# the projects as of the last day (``asof.projects_as_of``), or their groups read once
Projects = FromClause | Sequence[ProjectGroup]


def project_groups(projects: FromClause) -> list[ProjectGroup]:
    """Projects counted and their funds summed per level and schedule status: the one GROUP BY
    the level, status and funds figures all read."""
    rows = db.session.execute(
        select(
            projects.c.level,
            projects.c.status,
            func.count(),
            func.sum(projects.c.planned),
            func.sum(projects.c.released),
            func.sum(projects.c.spent),
        ).group_by(projects.c.level, projects.c.status)
    ).all()
    return [
        ProjectGroup(level, status, int(count), int(planned), int(released), int(spent))
        for level, status, count, planned, released, spent in rows
    ]


def _per_level(projects: Projects) -> dict[str, list[ProjectGroup]]:
    """The groups per level, levels in their order (省级, 市级, 县级, 乡镇级)."""
    groups = project_groups(projects) if isinstance(projects, FromClause) else projects
    per_level: dict[str, list[ProjectGroup]] = {}
    for group in groups:
        per_level.setdefault(group.level, []).append(group)
    return {level: per_level[level] for level in PROJECT_LEVELS if level in per_level}


def projects_by_level(projects: Projects) -> dict[str, Any]:
    """Projects per level: total, completed (提前完成 or 已完成) and the completion rate."""
    levels = []
    for level, groups in _per_level(projects).items():
        total = sum(group.count for group in groups)
        done = sum(group.count for group in groups if group.status in DONE)
        levels.append(
            {"level": level, "total": total, "completed": done, "rate": rate(done, total)}
        )
    total = sum(row["total"] for row in levels)
    done = sum(row["completed"] for row in levels)
    return {
        "levels": levels,
        "total": {"total": total, "completed": done, "rate": rate(done, total)},
    }


def schedule_statuses(projects: Projects) -> dict[str, Any]:
    """Projects per schedule status (提前完成, 已完成, 超序时, 按序时, 滞后, 暂缓), per level
    and overall."""
    per_level: dict[str, Counter[str]] = {}
    for level, groups in _per_level(projects).items():
        per_level[level] = Counter()
        for group in groups:
            per_level[level][group.status] += group.count
    overall: Counter[str] = Counter()
    for counts in per_level.values():
        overall.update(counts)
    return {
        "levels": [
            {"level": level, **{code: counts[code] for code in STATUS_CODES}}
            for level, counts in per_level.items()
        ],
        "total": {code: overall[code] for code in STATUS_CODES},
    }


def funds(projects: Projects) -> dict[str, Any]:
    """Funds in yuan per level and overall: planned (计划投资), released (下达资金), spent
    (完成投资) as of the last day, and the released share of plan."""

    def line(planned: int, released: int, spent: int) -> dict[str, Any]:
        return {
            "planned_yuan": planned,
            "released_yuan": released,
            "spent_yuan": spent,
            "released_share": rate(released, planned),
        }

    levels = [
        {
            "level": level,
            **line(
                sum(group.planned for group in groups),
                sum(group.released for group in groups),
                sum(group.spent for group in groups),
            ),
        }
        for level, groups in _per_level(projects).items()
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


def listed_projects(projects: FromClause) -> dict[str, list[dict[str, Any]]]:
    """Projects behind schedule (滞后) and postponed (暂缓) on the last day with their reasons
    (滞后原因 / 暂缓原因), by level then code, read in one query."""
    reasons = {BEHIND: projects.c.lag_reason, POSTPONED: projects.c.postponed_reason}
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
            projects.c.status,
            *reasons.values(),
        )
        .where(projects.c.status.in_(reasons))
        .order_by(level_order, projects.c.code)
    ).all()
    listed: dict[str, list[dict[str, Any]]] = {status: [] for status in reasons}
    for row in rows:
        status = row[7]
        listed[status].append(
            {
                "id": row[0],
                "code": row[1],
                "name": row[2],
                "level": row[3],
                "unit_id": row[4],
                "township_id": row[5],
                "progress_pct": Decimal(row[6]) / 10,
                "reason": row[8] if status == BEHIND else row[9],
            }
        )
    return listed


def _moves_in_period(scope: Scope, period: Period) -> Subquery:
    """Per problem moved to 已整改 or 销号 in the period: ``rectified`` and ``closed`` (1 or 0).
    A region's moves are picked through its problems first, so a county's bulletin does not
    group the whole province's."""
    reached = {
        state: func.max(case((IssueEvent.to_state == state, 1), else_=0)).label(state)
        for state in ("rectified", "closed")
    }
    query = select(IssueEvent.issue_id.label("issue_id"), *reached.values()).where(
        IssueEvent.kind == contract.TRANSITION,
        IssueEvent.to_state.in_(reached),
        IssueEvent.at >= period.start,
        IssueEvent.at < period.end,
    )
    if scope.path is not None:
        query = query.join(Issue, Issue.id == IssueEvent.issue_id).where(
            scope.covers(Issue.region_path)
        )
    return query.group_by(IssueEvent.issue_id).subquery("moves_in_period")


def found_in(issues: FromClause, period: Period) -> ColumnElement[bool]:
    """Found (发现) in the period."""
    return and_(issues.c.created_at >= period.start, issues.c.created_at < period.end)


def rectified_in(moves: Subquery) -> ColumnElement[bool]:
    """Rectification (已整改) reported in the period; ``moves`` is joined outer."""
    return moves.c.rectified == 1


def closed_in(issues: FromClause, moves: Subquery) -> ColumnElement[bool]:
    """Closed (销号) in the period and still closed on its last day (a problem reopened by a
    deputy's 不满意 does not count); ``moves`` is joined outer."""
    return and_(issues.c.state == "closed", moves.c.closed == 1)


def still_open(issues: FromClause) -> ColumnElement[bool]:
    """Not yet closed (nor merged or rejected) at the end of the period."""
    return issues.c.state.in_(OPEN_STATES)


def overdue_on(issues: FromClause, period: Period) -> ColumnElement[bool]:
    """Past the deadline on the last day while the unit still had to act (已交办 or 整改中), or
    had reported it fixed only on a phone: its 已整改 reached the server after the period
    (a deadline is met by what the server received, server/issues/deadlines.py)."""
    past_deadline = issues.c.deadline < period.last
    unreceived = exists().where(
        IssueEvent.issue_id == issues.c.id,
        IssueEvent.kind == contract.TRANSITION,
        IssueEvent.to_state == "rectified",
        IssueEvent.at < period.end,
        IssueEvent.received_at >= period.end,
    )
    return or_(
        and_(issues.c.state.in_(OVERDUE_STATES), past_deadline),
        and_(issues.c.state == "rectified", past_deadline, unreceived),
    )


def problem_counts(scope: Scope, period: Period) -> dict[str, dict[int | None, int]]:
    """Problems found, rectified, closed, open and overdue per unit: one GROUP BY over every
    problem in scope with its state at the period's end and its moves within the period, each
    figure a conditional count; a unit with none is left out of that figure."""
    problems = problems_with_state_at(scope, period.end)
    moves = _moves_in_period(scope, period)
    existed = problems.c.created_at < period.end  # the stock figures count these only
    conditions = {
        "found": found_in(problems, period),
        "rectified": rectified_in(moves),
        "closed": and_(existed, closed_in(problems, moves)),
        "open": and_(existed, still_open(problems)),
        "overdue": and_(existed, overdue_on(problems, period)),
    }
    rows = db.session.execute(
        select(
            problems.c.unit_id,
            *(func.sum(case((which, 1), else_=0)) for which in conditions.values()),
        )
        .select_from(problems)
        .outerjoin(moves, moves.c.issue_id == problems.c.id)
        .group_by(problems.c.unit_id)
    ).all()
    counts: dict[str, dict[int | None, int]] = {name: {} for name in conditions}
    for unit_id, *numbers in rows:
        for name, number in zip(conditions, numbers, strict=True):
            if number:
                counts[name][unit_id] = int(number)
    return counts


def problems_overdue(issues: FromClause, period: Period) -> dict[int | None, int]:
    """Problems past their deadline on the last day while the unit still had to act (已交办 or
    整改中), per unit; ``issues`` as of the period's end (``asof.issues_as_of``)."""
    return {
        unit_id: int(count)
        for unit_id, count in db.session.execute(
            select(issues.c.unit_id, func.count())
            .where(overdue_on(issues, period))
            .group_by(issues.c.unit_id)
        ).all()
    }


# --- inspections and deputies' reports (within the period) -------------------------------


def inspections_by_kind(scope: Scope, period: Period) -> dict[str, int]:
    """Visits submitted in the period per kind (回头看, 随机查, 重点督, 联合督导, 日常巡查).

    A returned (退回) inspection is not counted while it waits for its correction; the
    correction, the same visit resubmitted, counts once when it is submitted (README: 退回)."""
    rows = db.session.execute(
        select(Inspection.kind, func.count())
        .join(Project, Project.id == Inspection.project_id)
        .where(
            scope.covers(Project.region_path),
            Inspection.status.in_(("submitted", "approved")),
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
