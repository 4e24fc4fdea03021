"""The office's side of deputies' reports: list, read, accept (受理), decline, reply (答复)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, select, true
from sqlalchemy.orm import selectinload

from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.issues.models import Issue, IssueEvent
from server.media.models import Photo
from server.reports.models import DeputyReport
from sync.changes import log_change

STATUS_LABELS = {
    "submitted": ("待受理", "Submitted"),
    "accepted": ("已受理", "Accepted"),
    "declined": ("不予受理", "Declined"),
    "replied": ("已答复", "Replied"),
    "rated": ("已评价", "Rated"),
}


def visible_reports(user: User) -> ColumnElement[bool]:
    """Office users see the reports of their region (none = everything)."""
    if user.region is None:
        return true()
    return DeputyReport.region_path.startswith(user.region.path)


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


def _wrong_status(report: DeputyReport, action_zh: str, action_en: str) -> AppError:
    zh, en = STATUS_LABELS[report.status]
    return AppError(
        "report_status",
        f"该反映当前为「{zh}」,不能{action_zh}",
        f"The report is {en.lower()}; it cannot be {action_en}",
        status=409,
    )


def _changed(report: DeputyReport) -> None:
    report.version += 1
    log_change(db.session, "report", report)


def accept(user: User, report: DeputyReport, args: dict[str, Any], now: datetime) -> Issue:
    """受理: the report becomes a problem (state 发现) the office then assigns like any other."""
    if report.status != "submitted":
        raise _wrong_status(report, "受理", "accepted")
    issue = Issue(
        id=str(uuid.uuid4()),
        project_id=report.project_id,
        report_id=report.id,
        title=args.get("title") or report.title,
        description=report.description,
        severity=args.get("severity") or "medium",
        state="found",
        lat=report.lat,
        lon=report.lon,
        accuracy_m=report.accuracy_m,
        created_by=user,
        region_path=report.region_path,
    )
    db.session.add(issue)
    db.session.add(
        IssueEvent(
            issue=issue,
            kind="created",
            to_state="found",
            actor_id=user.id,
            at=now,
            reason=args.get("note"),
            data={"via": "report", "report_id": report.id},
        )
    )
    log_change(db.session, "issue", issue, new=True)
    report.status = "accepted"
    _changed(report)
    return issue


def decline(user: User, report: DeputyReport, reason: str) -> DeputyReport:
    """不予受理, with the reason the deputy reads as the office's answer."""
    if report.status != "submitted":
        raise _wrong_status(report, "不予受理", "declined")
    report.status, report.reply = "declined", reason
    _changed(report)
    return report


def reply(user: User, report: DeputyReport, text: str) -> DeputyReport:
    """答复: the office tells the deputy what was done; the deputy then rates it.

    Allowed once accepted (usually after the problem is closed) and again to correct a reply
    not yet rated; a 不满意 sends the report back to accepted for a new reply.
    """
    if report.status not in ("accepted", "replied"):
        raise _wrong_status(report, "答复", "replied to")
    report.status, report.reply = "replied", text
    _changed(report)
    return report
