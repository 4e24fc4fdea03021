"""The dashboard's figures and the map's points for the user's region and a period."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from flask import current_app

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
from server.errors import AppError
from server.projects.models import Project
from server.projects.services import batch_years, default_batch_year, today

FIRST_YEAR = FIRST_DAY.year


@dataclass(frozen=True)
class DashboardRequest:
    period: Period
    scope: Scope
    year: int | None


def _bad_year(text: str) -> AppError:
    return AppError("bad_period.year", errors={"year": ["年份有误"]}, text=text)


def project_years(scope: Scope, until: int) -> list[int]:
    """The batch years (年度) of the region's projects up to ``until``, newest first: a
    dashboard or map year counts that year's batch."""
    return [year for year in batch_years(scope.covers(Project.region_path)) if year <= until]


def default_year(scope: Scope, day: date | None = None) -> int:
    """``day``'s (default today's) year's batch when it has projects in the region, else the
    latest before it with projects."""
    year = (day or today()).year
    return default_batch_year(project_years(scope, year), year)


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
        text = str(default_year(scope))
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


@dataclass(frozen=True)
class MapRequest:
    scope: Scope
    as_of: date
    year: int  # the batch year (年度) shown


def _map_year(scope: Scope, args: Mapping[str, str], as_of: date) -> int:
    """``year``: a batch year up to this year's; default: ``as_of``'s year's batch when it
    has projects, else the latest before it with projects."""
    text = (args.get("year") or "").strip()
    if not text:
        return default_year(scope, as_of)
    if not (text.isascii() and text.isdigit()) or not FIRST_YEAR <= int(text) <= today().year:
        raise _bad_year(text)
    return int(text)


def parse_map_request(user: User, args: Mapping[str, str]) -> MapRequest:
    """``as_of`` (YYYY-MM-DD, default and at most today), ``county`` and ``year``."""
    now = today()
    text = (args.get("as_of") or "").strip()
    if not text:
        scope = resolve_scope(user, _county(args))
        return MapRequest(scope, now, _map_year(scope, args, now))
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
    scope = resolve_scope(user, _county(args))
    return MapRequest(scope, as_of, _map_year(scope, args, as_of))


def build_map(wanted: MapRequest) -> dict[str, Any]:
    """Projects of the batch year with coordinates, their status on ``as_of`` and problems
    open at its end, and the configured tile source."""
    scope, as_of = wanted.scope, wanted.as_of
    timezone = current_app.config["TIMEZONE"]
    band = Decimal(current_app.config["SCHEDULE_BAND"])
    day = Period.of_days(as_of, as_of, timezone)
    points = figures.project_points(
        projects_as_of(scope, as_of, band, wanted.year), issues_as_of(scope, day.end)
    )
    return {
        "region": {"id": scope.region_id, "name": scope.name},
        "as_of": as_of,
        "year": wanted.year,
        "years": project_years(scope, today().year),
        "tiles": tile_source(current_app.config),
        "projects": points,
    }
