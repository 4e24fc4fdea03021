"""Assemble a bulletin (督查通报) from its figures for the user's region and a period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import select

from server.auth.models import User
from server.bulletins import figures
from server.bulletins.asof import (  # noqa: F401  (re-exported: other domains import these from here)
    issues_as_of,
    projects_as_of,
    without_jit,
)
from server.bulletins.figures import (  # noqa: F401  (re-exported: other domains import these from here)
    DONE,
    OPEN_STATES,
    deputy_ratings,
    funds,
    inspections_by_kind,
    problems_overdue,
    projects_by_level,
    rate,
    schedule_statuses,
)
from server.bulletins.pdf import RED  # noqa: F401  (re-exported: other domains import these from here)
from server.bulletins.pdf import _font as chinese_font  # noqa: F401  (the slip's PDF, server/issues)
from server.bulletins.period import (  # noqa: F401  (re-exported: other domains import these from here)
    FIRST_DAY,
    Period,
    Scope,
    parse_period,
    resolve_scope,
)
from server.db import db
from server.errors import AppError
from server.projects.services import BEHIND, POSTPONED, today
from server.regions.models import Region, Unit

FORMATS = ("json", "xlsx", "pdf")
FIRST_BATCH_YEAR, LAST_BATCH_YEAR = 2000, 2100
PROBLEM_FIGURES = ("found", "rectified", "closed", "open", "overdue")


@dataclass(frozen=True)
class BulletinRequest:
    period: Period
    scope: Scope
    format: str
    number: int | None
    # 年度: the batch counted; None is the year of the period's last day
    batch_year: int | None = None

    @property
    def year(self) -> int:
        return self.batch_year or self.period.last.year


def parse_request(user: User, args: Mapping[str, str]) -> BulletinRequest:
    """``from``, ``to``, ``format``, ``county``, ``number`` and ``year`` (the batch year) of the
    query string; 400 with
    a code and a Chinese message when one is malformed, 404 for a region outside the user's."""
    period = parse_period(args, today(), current_app.config["TIMEZONE"])
    kind = (args.get("format") or "json").strip().lower()
    if kind not in FORMATS:
        raise AppError("bad_format", kind=kind)
    return BulletinRequest(
        period,
        resolve_scope(user, _whole_number(args, "county")),
        kind,
        _whole_number(args, "number"),
        _batch_year(args),
    )


def _batch_year(args: Mapping[str, str]) -> int | None:
    year = _whole_number(args, "year")
    if year is not None and not FIRST_BATCH_YEAR <= year <= LAST_BATCH_YEAR:
        raise AppError("bad_request.year", errors={"year": ["年度应为 2000–2100 之间的四位年份"]})
    return year


def _whole_number(args: Mapping[str, str], field: str) -> int | None:
    text = (args.get(field) or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 2**31:
        raise AppError("bad_request.positive_int", errors={field: ["应为正整数"]}, field=field)
    return int(text)


def _problems(scope: Scope, period: Period) -> dict[str, Any]:
    per_figure = figures.problem_counts(scope, period)
    unit_ids = {unit_id for counts in per_figure.values() for unit_id in counts}
    names = dict(
        db.session.execute(
            select(Unit.id, Unit.name).where(Unit.id.in_([u for u in unit_ids if u is not None]))
        ).all()
    )
    units = [
        {
            "unit_id": unit_id,
            "unit_name": names.get(unit_id) if unit_id is not None else None,
            **{name: counts.get(unit_id, 0) for name, counts in per_figure.items()},
        }
        for unit_id in sorted(unit_ids, key=lambda u: (u is None, names.get(u) or "", u or 0))
    ]
    total = {name: sum(counts.values()) for name, counts in per_figure.items()}
    return {"total": total, "units": units}


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Unit and township names for listed projects (two small lookups, not one per row)."""
    unit_ids = {row["unit_id"] for row in rows if row["unit_id"]}
    township_ids = {row["township_id"] for row in rows if row["township_id"]}
    units = dict(db.session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(unit_ids))).all())
    townships = dict(
        db.session.execute(select(Region.id, Region.name).where(Region.id.in_(township_ids))).all()
    )
    return [
        {
            **row,
            "unit_name": units.get(row["unit_id"]),
            "township_name": townships.get(row["township_id"]),
        }
        for row in rows
    ]


def build_bulletin(request: BulletinRequest) -> dict[str, Any]:
    """Every figure of the bulletin for ``request``'s region and period."""
    period, scope = request.period, request.scope
    without_jit()
    band = Decimal(current_app.config["SCHEDULE_BAND"])
    projects = projects_as_of(scope, period.last, band, request.year)
    groups = figures.project_groups(projects)
    listed = figures.listed_projects(projects)
    inspections = figures.inspections_by_kind(scope, period)
    return {
        "title": bulletin_title(scope, period),
        "number": request.number,
        "region": {"id": scope.region_id, "name": scope.name},
        "from": period.first,
        "to": period.last,
        "issued_on": today(),
        "projects": figures.projects_by_level(groups),
        "statuses": figures.schedule_statuses(groups),
        "funds": figures.funds(groups),
        "lagging": _named(listed[BEHIND]),
        "postponed": _named(listed[POSTPONED]),
        "problems": _problems(scope, period),
        "inspections": {"kinds": inspections, "total": sum(inspections.values())},
        "deputy_reports": {
            **figures.deputy_reports(scope, period),
            "ratings": figures.deputy_ratings(scope, period),
        },
    }


def bulletin_title(scope: Scope, period: Period) -> str:
    """E.g. 关于青田县2023年民生实事项目推进情况的督查通报."""
    return (
        f"关于{scope.name}{_period_words(period.first, period.last)}民生实事项目推进情况的督查通报"
    )


def _period_words(first: date, last: date) -> str:
    month_end = (last + timedelta(days=1)).day == 1
    if first == date(first.year, 1, 1) and first.year == last.year and month_end:
        return f"{first.year}年" if last.month == 12 else f"{first.year}年1—{last.month}月"
    if first.day == 1 and month_end and (first.year, first.month) == (last.year, last.month):
        return f"{first.year}年{first.month}月"
    return f"{first:%Y年%m月%d日}至{last:%Y年%m月%d日}"
