"""The ledger as of a day, as SQL subqueries the figures aggregate (no rows read into Python).

``projects_as_of`` gives each project in scope its progress, funds and schedule status on a day:
the same rules as ``server.projects.schedule`` written as one CASE, in whole tenths of a percent
so both databases compute exactly what the Python rules compute. ``issues_as_of`` gives each
problem its state and deadline at an instant, read back from its event log.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CTE,
    ColumnElement,
    Date,
    Integer,
    Select,
    Subquery,
    and_,
    bindparam,
    case,
    func,
    literal,
    or_,
    select,
    text,
    type_coerce,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import FunctionElement

from server.bulletins.period import Scope
from server.db import db
from server.issues.models import Issue, IssueEvent
from server.issues.services import event_contract as contract
from server.projects.models import ProgressReport, Project
from server.projects.services import (
    AHEAD,
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    POSTPONED,
)

FULL_TENTHS = 1000  # 100.0 %
STATE_EVENT_KINDS = (contract.CREATED, contract.TRANSITION)
DEADLINE_STATES = ("assigned", "rectifying")  # transitions into these may set a deadline


class days_between(FunctionElement[int]):
    """Whole days from the second date to the first (``later - earlier``)."""

    type = Integer()
    inherit_cache = True


@compiles(days_between)
def _days_between_default(element, compiler, **kw):  # type: ignore[no-untyped-def]
    later, earlier = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_between_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    later, earlier = list(element.clauses)
    return (
        f"CAST(julianday({compiler.process(later, **kw)}) - "
        f"julianday({compiler.process(earlier, **kw)}) AS INTEGER)"
    )


class whole_quotient(FunctionElement[int]):
    """Integer division of two integers (both databases truncate ``int / int``)."""

    type = Integer()
    inherit_cache = True


@compiles(whole_quotient)
def _whole_quotient(element, compiler, **kw):  # type: ignore[no-untyped-def]
    dividend, divisor = list(element.clauses)
    return f"({compiler.process(dividend, **kw)}) / ({compiler.process(divisor, **kw)})"


def _latest_report_value(column: ColumnElement, day: ColumnElement[date], name: str) -> Subquery:
    """Per project, ``column`` of its newest progress report on or before ``day`` that has it."""
    ranked = (
        select(
            ProgressReport.project_id.label("project_id"),
            column.label("value"),
            func.row_number()
            .over(
                partition_by=ProgressReport.project_id,
                order_by=(ProgressReport.report_date.desc(), ProgressReport.id.desc()),
            )
            .label("rank"),
        )
        .where(ProgressReport.report_date <= day, column.is_not(None))
        .subquery(f"ranked_{name}")
    )
    return (
        select(ranked.c.project_id, ranked.c.value)
        .where(ranked.c.rank == 1)
        .subquery(f"latest_{name}")
    )


def planned_tenths(start: ColumnElement, planned_end: ColumnElement, day: ColumnElement) -> case:
    """Elapsed share of the planned period in tenths of a percent, rounded half up
    (``schedule.planned_progress`` × 10, exactly: integer arithmetic on whole days)."""
    elapsed = days_between(day, start)
    total = days_between(planned_end, start)
    return case(
        (day >= planned_end, literal(FULL_TENTHS)),
        (day <= start, literal(0)),
        else_=whole_quotient(elapsed * 2 * FULL_TENTHS + total, func.nullif(2 * total, 0)),
    )


def projects_as_of(
    scope: Scope, day: date, band: Decimal, batch_year: int | None = None
) -> Subquery:
    """Every project in scope of the batch year ``batch_year`` (default: ``day``'s year) that
    was in the ledger on ``day``, with its figures then: ``id, code, name, level, unit_id,
    township_id, planned, released, spent`` (yuan), ``progress_tenths``, ``status``,
    ``lag_reason``, ``postponed_reason``. A project imported after ``day`` is not counted, so a
    later import never changes an earlier period's figures."""
    on = bindparam("as_of_day", day, type_=Date())
    progress = _latest_report_value(
        type_coerce(ProgressReport.progress_pct, Integer), on, "progress"
    )
    released = _latest_report_value(ProgressReport.allocated_investment_yuan, on, "released")
    spent = _latest_report_value(ProgressReport.spent_investment_yuan, on, "spent")
    first_full = (
        select(
            ProgressReport.project_id.label("project_id"),
            func.min(ProgressReport.report_date).label("on"),
        )
        .where(
            ProgressReport.report_date <= on,
            type_coerce(ProgressReport.progress_pct, Integer) >= FULL_TENTHS,
        )
        .group_by(ProgressReport.project_id)
        .subquery("first_full")
    )
    completed_on = func.coalesce(Project.actual_completion_date, first_full.c.on)
    reported = func.coalesce(progress.c.value, 0)
    band_tenths = float(band * 10)
    gap = reported - planned_tenths(Project.start_date, Project.planned_completion_date, on)
    done = and_(completed_on.is_not(None), completed_on <= on)
    status = case(
        (
            and_(
                done,
                Project.planned_completion_date.is_not(None),
                completed_on < Project.planned_completion_date,
            ),
            literal(COMPLETED_EARLY),
        ),
        (done, literal(COMPLETED)),
        (and_(completed_on.is_(None), reported >= FULL_TENTHS), literal(COMPLETED)),
        (func.coalesce(Project.postponed_reason, "") != "", literal(POSTPONED)),
        (
            and_(
                Project.planned_completion_date.is_not(None), on > Project.planned_completion_date
            ),
            literal(BEHIND),
        ),
        (
            or_(Project.start_date.is_(None), Project.planned_completion_date.is_(None)),
            literal(ON_SCHEDULE),
        ),
        (gap > band_tenths, literal(AHEAD)),
        (gap < -band_tenths, literal(BEHIND)),
        else_=literal(ON_SCHEDULE),
    )
    return (
        select(
            Project.id,
            Project.code,
            Project.name,
            Project.level,
            Project.unit_id,
            Project.township_id,
            Project.county_id,
            func.coalesce(Project.planned_investment_yuan, 0).label("planned"),
            func.coalesce(released.c.value, 0).label("released"),
            func.coalesce(spent.c.value, 0).label("spent"),
            reported.label("progress_tenths"),
            status.label("status"),
            Project.lag_reason,
            Project.postponed_reason,
        )
        .outerjoin(progress, progress.c.project_id == Project.id)
        .outerjoin(released, released.c.project_id == Project.id)
        .outerjoin(spent, spent.c.project_id == Project.id)
        .outerjoin(first_full, first_full.c.project_id == Project.id)
        .where(
            scope.covers(Project.region_path),
            Project.batch_year == (batch_year or day.year),
            or_(Project.added_on.is_(None), Project.added_on <= on),
        )
        .subquery("projects_as_of")
    )


class as_date(FunctionElement[date]):
    """A 'YYYY-MM-DD' text as a date (SQLite keeps dates as that text already)."""

    type = Date()
    inherit_cache = True


@compiles(as_date)
def _as_date_default(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return f"CAST({compiler.process(next(iter(element.clauses)), **kw)} AS DATE)"


@compiles(as_date, "sqlite")
def _as_date_sqlite(element, compiler, **kw):  # type: ignore[no-untyped-def]
    return compiler.process(next(iter(element.clauses)), **kw)


def without_jit() -> None:
    """On PostgreSQL, for the rest of this transaction: no JIT compilation (the planner prices
    the CASE-guarded index lookups of ``issues_as_of`` as if every problem needed them, so it
    would spend longer compiling the bulletin's queries, over a second, than running them), and
    enough work_mem that grouping a province's problems and their moves stays in memory (the
    default 4 MB spilled them to disk)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL jit = off"))
        db.session.execute(text("SET LOCAL work_mem = '64MB'"))


def _last_before(end: ColumnElement, value: ColumnElement, which: ColumnElement[bool]):  # type: ignore[no-untyped-def]
    """``value`` of the problem's last ``which`` event before ``end`` (by time, then id), NULL
    when it has none: one step back along the (issue_id, at, id) index per problem asked."""
    return (
        select(value)
        .where(IssueEvent.issue_id == Issue.id, which, IssueEvent.at < end)
        .order_by(IssueEvent.at.desc(), IssueEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def _with_state_at(scope: Scope, at: ColumnElement[datetime]) -> Select[Any]:
    """Every problem in scope: ``id, unit_id, project_id, created_at, state, deadline``, the
    state and deadline those at ``at`` for the problems created before it.

    A problem without a state (or deadline) event at or after ``at`` still has what its row
    holds now; only the few changed since are read back from the log, one index step each."""
    moves_state = IssueEvent.kind.in_(STATE_EVENT_KINDS)
    deadline_text = IssueEvent.data["deadline"].as_string()
    sets_deadline = and_(
        or_(
            IssueEvent.kind == contract.EXTENSION_APPROVED,
            and_(IssueEvent.kind == contract.TRANSITION, IssueEvent.to_state.in_(DEADLINE_STATES)),
        ),
        deadline_text.is_not(None),
    )
    scoped = aliased(Issue)
    changed_later = (
        select(
            IssueEvent.issue_id.label("issue_id"),
            func.max(case((moves_state, 1), else_=0)).label("state"),
            func.max(case((sets_deadline, 1), else_=0)).label("deadline"),
        )
        .join(scoped, scoped.id == IssueEvent.issue_id)
        .where(IssueEvent.at >= at, scoped.created_at < at, scope.covers(scoped.region_path))
        .group_by(IssueEvent.issue_id)
        .subquery("changed_later")
    )
    state = case(
        (changed_later.c.state == 1, _last_before(at, IssueEvent.to_state, moves_state)),
        else_=Issue.state,
    )
    deadline = case(
        (
            changed_later.c.deadline == 1,
            _last_before(at, as_date(deadline_text), sets_deadline),
        ),
        else_=Issue.deadline,
    )
    return (
        select(
            Issue.id,
            Issue.unit_id,
            Issue.project_id,
            Issue.created_at,
            state.label("state"),
            deadline.label("deadline"),
        )
        .outerjoin(changed_later, changed_later.c.issue_id == Issue.id)
        .where(scope.covers(Issue.region_path))
    )


def _instant(end: datetime) -> ColumnElement[datetime]:
    return bindparam("as_of_instant", end, type_=IssueEvent.at.type)


def issues_as_of(scope: Scope, end: datetime) -> CTE:
    """Every problem in scope created before ``end`` with its ``state`` and ``deadline`` at
    ``end``: ``id, unit_id, project_id, created_at, state, deadline``. Materialized, so
    figures that read ``state`` several times compute it once per problem."""
    at = _instant(end)
    query = _with_state_at(scope, at).where(Issue.created_at < at)
    return query.cte("issues_as_of").prefix_with("MATERIALIZED")


def problems_with_state_at(scope: Scope, end: datetime) -> CTE:
    """Like ``issues_as_of`` but every problem in scope, also those created at or after
    ``end`` (whose state and deadline are today's): for figures that count events of the
    period by problem beside the stock as of ``end``, in one pass."""
    return _with_state_at(scope, _instant(end)).cte("problems_at").prefix_with("MATERIALIZED")
