"""What the project log says of a record's photos: how many of each stage (发现 / 整改 / 复核 /
代表 / 检查: server/media/stages.py), and the warning flags they raised (the review queue's
warnings: far from the site, edited, a duplicate …), so the log shows doubt where it lists
evidence. A problem's photos are its own, its events' and the deputy's report's it came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from server.db import db
from server.i18n import pick
from server.issues.models import Issue
from server.media.models import Photo

# the stages a line counts, and the XLSX heading of each
PHOTO_COLUMNS = (
    ("found", "发现照片"),
    ("rectify", "整改照片"),
    ("verify", "复核照片"),
    ("report", "代表照片"),
    ("inspection", "检查照片"),
)


def _no_photos() -> dict[str, int]:
    return {stage: 0 for stage, _ in PHOTO_COLUMNS}


@dataclass
class PhotoSummary:
    counts: dict[str, int] = field(default_factory=_no_photos)
    # distinct warning flags: {code, severity, message} in the reader's language
    warnings: list[dict[str, Any]] = field(default_factory=list)

    def add(self, stage: str, evidence: dict[str, Any] | None) -> None:
        self.counts[stage] = self.counts.get(stage, 0) + 1
        for flag in (evidence or {}).get("flags") or []:
            if not isinstance(flag, dict) or flag.get("severity") != "warning":
                continue
            message = pick(flag.get("message") or "", flag.get("message_en") or "")
            entry = {"code": flag.get("code"), "severity": "warning", "message": message}
            if entry not in self.warnings:
                self.warnings.append(entry)

    def merged(self, other: PhotoSummary | None) -> PhotoSummary:
        if other is None:
            return self
        both = PhotoSummary(dict(self.counts), list(self.warnings))
        for stage, n in other.counts.items():
            both.counts[stage] = both.counts.get(stage, 0) + n
        both.warnings += [w for w in other.warnings if w not in both.warnings]
        return both


def _summaries(owner_type: str, ids: Iterable[str]) -> dict[str, PhotoSummary]:
    """Owner id → the summary of its photos (a problem's: its own and its events')."""
    wanted = set(ids)
    if not wanted:
        return {}
    types = ("issue", "event") if owner_type == "issue" else (owner_type,)
    rows = db.session.execute(
        select(Photo.owner_id, Photo.stage, Photo.evidence)
        .where(Photo.owner_type.in_(types), Photo.owner_id.in_(wanted))
        .order_by(Photo.created_at, Photo.id)
    )
    found: dict[str, PhotoSummary] = {}
    for owner_id, stage, evidence in rows:
        found.setdefault(owner_id, PhotoSummary()).add(stage, evidence)
    return found


def inspection_photos(inspection_ids: Iterable[str]) -> dict[str, PhotoSummary]:
    """Inspection id → its checklist photos' summary (every id present)."""
    ids = list(inspection_ids)
    found = _summaries("inspection", ids)
    return {i: found.get(i) or PhotoSummary() for i in ids}


def problem_photos(issues: list[Issue]) -> dict[str, PhotoSummary]:
    """Problem id → its photos' summary, the deputy's report's among them (every id present)."""
    own = _summaries("issue", [i.id for i in issues])
    reports = _summaries("report", [i.report_id for i in issues if i.report_id is not None])
    return {
        issue.id: (own.get(issue.id) or PhotoSummary()).merged(
            reports.get(issue.report_id) if issue.report_id is not None else None
        )
        for issue in issues
    }
