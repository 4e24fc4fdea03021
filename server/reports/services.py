"""The office's side of deputies' reports: list and read them; its refusals as HTTP errors.

受理 / 不予受理 / 答复 are commands of ``server.reports.lifecycle`` (the table of
``server.reports.machine``), the same the phone's mutations use.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import selectinload

from server.audience import region_clause
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.media.models import Photo
from server.reports.models import DeputyReport
from sync.errors import Rejected


def visible_reports(user: User) -> ColumnElement[bool]:
    """Office users see the reports of their region (none = everything)."""
    return region_clause(user, DeputyReport.region_path)


def list_reports(user: User, status: str | None = None) -> list[DeputyReport]:
    """The reports of the user's area, newest first."""
    query = (
        select(DeputyReport)
        .where(visible_reports(user))
        .options(
            selectinload(DeputyReport.deputy),
            selectinload(DeputyReport.project),
            selectinload(DeputyReport.linked_issues),
        )
        .order_by(DeputyReport.created_at.desc(), DeputyReport.id)
    )
    if status:
        query = query.where(DeputyReport.status == status)
    return list(db.session.scalars(query))


def get_report(user: User, report_id: str) -> DeputyReport:
    report = db.session.scalars(
        select(DeputyReport).where(DeputyReport.id == report_id, visible_reports(user))
    ).first()
    if report is None:
        raise AppError("not_found")
    return report


def photos_of(report: DeputyReport) -> list[Photo]:
    return list(
        db.session.scalars(
            select(Photo)
            .where(Photo.owner_type == "report", Photo.owner_id == report.id)
            .order_by(Photo.created_at, Photo.id)
        )
    )


def photos_by_report(reports: list[DeputyReport]) -> dict[str, list[Photo]]:
    """The photos of many reports in one query, by report id (every id present)."""
    found: dict[str, list[Photo]] = {r.id: [] for r in reports}
    if found:
        for photo in db.session.scalars(
            select(Photo)
            .where(Photo.owner_type == "report", Photo.owner_id.in_(list(found)))
            .order_by(Photo.created_at, Photo.id)
        ):
            found[photo.owner_id].append(photo)
    return found


@contextmanager
def refusals_as_http() -> Iterator[None]:
    """A refusal of the lifecycle (``server.reports.lifecycle``) as the office's HTTP error: the
    same code and words, the status of core.problems (report_status 409, forbidden 403 …)."""
    try:
        yield
    except Rejected as refusal:
        raise AppError.of(refusal) from None
