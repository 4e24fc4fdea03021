"""A project's inspection log (督查日志): inspections, problems with every event, progress
reports — one timeline in time order, as JSON and as XLSX. An inspection's or a problem's lines
count the record's photos by stage and list their warning flags (server/lists/log_photos.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server.auth.models import User
from server.clock import apart
from server.db import db
from server.errors import AppError
from server.inspections.models import Answer, Inspection
from server.issues.models import Issue
from server.issues.services import event_contract as contract
from server.lists.log_answers import checklist_cell, checklist_of, thumbnails
from server.lists.log_photos import PHOTO_COLUMNS, inspection_photos, problem_photos
from server.lists.services import state_label
from server.lists.xlsx import write_sheet
from server.projects.models import ProgressReport, Project
from server.projects.services import visible_projects
from server.spreadsheets import new_workbook, to_bytes

INSPECTION_KINDS = {
    "revisit": "回头看",
    "random": "随机查",
    "focused": "重点督",
    "joint": "联合督导",
    "routine": "日常巡查",
}
INSPECTION_STATUSES = {
    "draft": "检查中",
    "submitted": "已提交",
    "approved": "已审核通过",
    "returned": "已退回",
}
EVENT_KINDS = {
    contract.CREATED: "发现问题",
    contract.TRANSITION: "状态变更",
    contract.COMMENT: "意见",
    contract.CONFLICT: "操作冲突",
    contract.EXTENSION_REQUESTED: "申请延期",
    contract.EXTENSION_APPROVED: "同意延期",
    contract.EXTENSION_REFUSED: "不同意延期",
    contract.EVIDENCE_WAITING: "待照片",
    contract.EVIDENCE_REFUSED: "整改照片未通过核验",
}
KIND_LABELS = {"inspection": "检查", "problem": "问题", "progress": "进度"}
# 时间 is when it was done (the phone's time, server/clock.py); 同步时间 when the server got it,
# given only when it is more than an hour later
BASE_HEADERS = ("序号", "时间", "类型", "事项", "说明", "人员", "同步时间")
XLSX_HEADERS = (*BASE_HEADERS, *(heading for _, heading in PHOTO_COLUMNS), "检查表回答")


@dataclass
class LogEntry:
    at: datetime
    kind: str  # inspection · problem · progress
    ref_id: str
    title: str
    detail: str | None
    who: str | None
    received_at: datetime | None = None  # when the server got it (phone records)
    # the record's photos by stage (inspection and problem lines; None for progress)
    photo_counts: dict[str, int] | None = None
    warning_flags: list[dict[str, Any]] | None = None  # of those photos (log_photos.py)
    # an inspection's checklist version and answers; a line's photo thumbnails (log_answers.py)
    checklist: dict[str, Any] | None = None
    photos: list[dict[str, Any]] | None = None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass
class ProjectLog:
    project: Project
    entries: list[LogEntry]
    inspections: int
    problems: int
    problem_events: int
    progress_reports: int


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def _inspection_entries(project: Project) -> list[LogEntry]:
    rows = list(
        db.session.scalars(
            select(Inspection)
            .where(Inspection.project_id == project.id)
            .options(
                selectinload(Inspection.inspector),
                selectinload(Inspection.template),
                selectinload(Inspection.answers).selectinload(Answer.item),
            )
        )
    )
    photos = inspection_photos(i.id for i in rows)
    thumbs = thumbnails("inspection", (i.id for i in rows))
    return [
        LogEntry(
            at=i.submitted_at or i.started_at,
            kind="inspection",
            ref_id=i.id,
            title=f"{INSPECTION_KINDS.get(i.kind, i.kind)}（{INSPECTION_STATUSES.get(i.status, i.status)}）",
            detail=i.notes,
            who=i.inspector.display_name if i.inspector else None,
            received_at=i.received_at,
            photo_counts=photos[i.id].counts,
            warning_flags=photos[i.id].warnings,
            checklist=checklist_of(i),
            photos=thumbs.get(i.id, []),
        )
        for i in rows
    ]


def _event_detail(event) -> str | None:  # type: ignore[no-untyped-def]
    parts = []
    if event.kind == contract.TRANSITION or (event.from_state and event.to_state):
        parts.append(f"{state_label(event.from_state or '')} → {state_label(event.to_state or '')}")
    if event.reason:
        parts.append(event.reason)
    return "；".join(parts) or None


def _problem_entries(project: Project) -> tuple[list[LogEntry], int]:
    issues = list(
        db.session.scalars(
            select(Issue).where(Issue.project_id == project.id).options(selectinload(Issue.events))
        )
    )
    photos = problem_photos(issues)
    thumbs = thumbnails("issue", (i.id for i in issues))
    entries = [
        LogEntry(
            at=event.at,
            kind="problem",
            ref_id=issue.id,
            title=f"{EVENT_KINDS.get(event.kind, event.kind)}：{issue.title}",
            detail=_event_detail(event),
            who=event.actor.display_name if event.actor else None,
            received_at=event.received_at,
            photo_counts=photos[issue.id].counts,
            warning_flags=photos[issue.id].warnings,
            # the thumbnails once per problem, on its latest line
            photos=thumbs.get(issue.id, []) if event is issue.events[-1] else None,
        )
        for issue in issues
        for event in issue.events
    ]
    return entries, len(issues)


def _progress_entries(project: Project) -> list[LogEntry]:
    zone = _zone()
    rows = db.session.scalars(select(ProgressReport).where(ProgressReport.project_id == project.id))
    return [
        LogEntry(
            at=datetime.combine(r.report_date, time(0), zone),
            kind="progress",
            ref_id=str(r.id),
            title=f"形象进度 {r.progress_pct}%",
            detail=r.note,
            who=None,
        )
        for r in rows
    ]


def project_log(user: User, project_id: int) -> ProjectLog:
    project = db.session.scalars(
        select(Project).where(Project.id == project_id, visible_projects(user))
    ).first()
    if project is None:
        raise AppError("not_found")
    inspections = _inspection_entries(project)
    problems, problem_count = _problem_entries(project)
    progress = _progress_entries(project)
    order = {"progress": 0, "inspection": 1, "problem": 2}
    entries = sorted(
        inspections + problems + progress, key=lambda e: (e.at, order[e.kind], e.ref_id)
    )
    return ProjectLog(
        project, entries, len(inspections), problem_count, len(problems), len(progress)
    )


def local_time(at: datetime) -> str:
    """``YYYY-MM-DD HH:MM`` in the office's time zone (the XLSX's 时间 column)."""
    return at.astimezone(_zone()).strftime("%Y-%m-%d %H:%M")


def _synced(entry: LogEntry) -> str | None:
    """The 同步时间 cell: when the server got it, if more than an hour after it was done."""
    if entry.received_at is None or not apart(entry.at, entry.received_at):
        return None
    return local_time(entry.received_at)


def _photo_cells(entry: LogEntry) -> tuple[int | None, ...]:
    """The photo columns of a line: counts per stage (empty for a progress report)."""
    if entry.photo_counts is None:
        return (None,) * len(PHOTO_COLUMNS)
    return tuple(entry.photo_counts.get(stage, 0) for stage, _ in PHOTO_COLUMNS)


def log_xlsx(log: ProjectLog, today: date) -> bytes:
    book, sheet = new_workbook()
    sheet.title = "督查日志"
    rows = [
        (
            n,
            local_time(e.at),
            e.kind_label,
            e.title,
            e.detail,
            e.who,
            _synced(e),
            *_photo_cells(e),
            checklist_cell(e.checklist),
        )
        for n, e in enumerate(log.entries, start=1)
    ]
    p = log.project
    write_sheet(
        sheet,
        f"{p.code} {p.name} 督查日志（截至 {today.isoformat()}）",
        XLSX_HEADERS,
        rows,
        (6, 18, 8, 40, 40, 12, 18) + (10,) * len(PHOTO_COLUMNS) + (50,),
    )
    return to_bytes(book)
