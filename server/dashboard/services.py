"""The dashboard's figures and the map's points for the user's region and a period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask import current_app
from sqlalchemy import func, select

from server.auth.models import User
from server.bulletins import services as bulletin
from server.bulletins.services import (
    FIRST_DAY,
    Period,
    Scope,
    issues_as_of,
    parse_period,
    projects_as_of,
    resolve_scope,
)
from server.dashboard import figures
from server.dashboard.tiles import tile_source
from server.db import db
from server.errors import AppError
from server.projects.models import Project
from server.projects.services import today

FIRST_YEAR = FIRST_DAY.year


@dataclass(frozen=True)
class DashboardRequest:
    period: Period
    scope: Scope
    year: int | None


def _bad_year(text: str) -> AppError:
    return AppError("bad_period.year", errors={"year": ["年份有误"]}, text=text)


def project_years(scope: Scope, until: int) -> list[int]:
    """The years the region's projects run through (start to planned completion), up to
    ``until``; newest first."""
    first, last = db.session.execute(
        select(
            func.min(func.coalesce(Project.start_date, Project.planned_completion_date)),
            func.max(func.coalesce(Project.planned_completion_date, Project.start_date)),
        ).where(scope.covers(Project.region_path))
    ).one()
    if first is None:
        return []
    return list(range(min(last.year, until), first.year - 1, -1))


def _county(args: Mapping[str, str]) -> int | None:
    """``county``: a region id inside the user's region (checked by ``resolve_scope``)."""
    text = (args.get("county") or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) < 2**31:
        raise AppError(
            "bad_request.positive_int", errors={"county": ["应为正整数"]}, field="county"
        )
    return int(text)


def parse_request(user: User, args: Mapping[str, str]) -> DashboardRequest:
    """``year`` (a calendar year, up to today), else ``from``/``to`` as the bulletin reads
    them; with neither, the newest year the region's projects run through."""
    now = today()
    timezone = current_app.config["TIMEZONE"]
    scope = resolve_scope(user, _county(args))
    text = (args.get("year") or "").strip()
    if not text and not args.get("from") and not args.get("to"):
        years = project_years(scope, now.year)
        text = str(years[0] if years else now.year)
    if not text:
        return DashboardRequest(parse_period(args, now, timezone), scope, None)
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= now.year:
        raise _bad_year(text)
    year = int(text)
    last = min(date(year, 12, 31), now)
    return DashboardRequest(Period.of_days(date(year, 1, 1), last, timezone), scope, year)


def build_dashboard(wanted: DashboardRequest) -> dict[str, Any]:
    """Every chart's figures: stock ones as of the period's last day, flows within it."""
    period, scope = wanted.period, wanted.scope
    band = Decimal(current_app.config["SCHEDULE_BAND"])
    projects = projects_as_of(scope, period.last, band)
    issues = issues_as_of(scope, period.end)
    return {
        "region": {"id": scope.region_id, "name": scope.name},
        "year": wanted.year,
        "years": project_years(scope, today().year),
        "from": period.first,
        "to": period.last,
        "completion": {
            **bulletin.projects_by_level(projects),
            "series": figures.completion_by_series(projects),
            "townships": figures.completion_by_township(projects),
        },
        "statuses": bulletin.schedule_statuses(projects)["total"],
        "funds": bulletin.funds(projects),
        "problems_by_month": figures.problems_per_month(
            scope, period, current_app.config["TIMEZONE"]
        ),
        "overdue_by_unit": figures.named_units(bulletin.problems_overdue(issues, period)),
        "inspections": bulletin.inspections_by_kind(scope, period),
        "ratings": bulletin.deputy_ratings(scope, period),
    }


def parse_map_request(user: User, args: Mapping[str, str]) -> tuple[Scope, date]:
    """``as_of`` (YYYY-MM-DD, default and at most today) and ``county``."""
    now = today()
    text = (args.get("as_of") or "").strip()
    if not text:
        return resolve_scope(user, _county(args)), now
    try:
        as_of = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        as_of = None
    if as_of is None or not FIRST_DAY <= as_of <= now:
        raise AppError(
            "bad_period.as_of",
            errors={"as_of": ["日期有误"]},
            text=text,
            first_year=FIRST_DAY.year,
        )
    return resolve_scope(user, _county(args)), as_of


def build_map(scope: Scope, as_of: date) -> dict[str, Any]:
    """Projects with coordinates, their status on ``as_of`` and problems open at its end,
    and the configured tile source."""
    timezone = current_app.config["TIMEZONE"]
    band = Decimal(current_app.config["SCHEDULE_BAND"])
    day = Period.of_days(as_of, as_of, timezone)
    points = figures.project_points(
        projects_as_of(scope, as_of, band), issues_as_of(scope, day.end)
    )
    return {
        "region": {"id": scope.region_id, "name": scope.name},
        "as_of": as_of,
        "tiles": tile_source(current_app.config),
        "projects": points,
    }
