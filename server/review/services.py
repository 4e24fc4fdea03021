"""The review queue and the office's decisions (approve, return with a reason).

A decision is the inspection lifecycle's review command (server/inspections/lifecycle.py), on
the row locked and re-read: of two reviewers only one wins, the other is refused with 409 and
the reason in Chinese. The decision bumps the inspection's version and is logged so the
inspector's phone pulls it. The office's view (queue, urgency, what is shown) stays here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, false, select
from sqlalchemy.orm import selectinload

from core.orm import utcnow
from server.audience import region_clause
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.inspections import services as inspections
from server.inspections.models import Answer, Inspection
from server.issues.models import Issue
from server.media.models import Photo
from server.media.services import haversine_m
from server.projects.models import Project
from server.review.urgency import photo_flags, queue_order, raised, urgency_reasons
from sync.errors import Rejected


@dataclass
class Entry:
    """One inspection as the reviewer sees it, with what was gathered around it."""

    inspection: Inspection
    photos: list[Photo] = field(default_factory=list)
    problems: list[Issue] = field(default_factory=list)
    problem_photos: dict[str, list[str]] = field(default_factory=dict)
    replaces: Inspection | None = None
    corrected_by: list[Inspection] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        """The inspection's own fields (kind, status, notes …) read through the entry."""
        if name == "inspection":  # not set yet (copying, unpickling)
            raise AttributeError(name)
        return getattr(self.inspection, name)

    @property
    def id(self) -> str:
        return self.inspection.id

    @property
    def submitted_at(self) -> datetime | None:
        return self.inspection.submitted_at

    @property
    def flags(self) -> list[dict[str, Any]]:
        return [f for p in self.photos for f in photo_flags(p.evidence)]

    @property
    def urgency(self) -> list[str]:
        return urgency_reasons((p.severity for p in self.problems), self.flags)

    @property
    def urgent(self) -> bool:
        return bool(self.urgency)

    @property
    def flagged(self) -> bool:
        return bool(raised(self.flags))

    @property
    def reviewer(self) -> User | None:
        reviewer_id = self.inspection.reviewed_by_id
        return db.session.get(User, reviewer_id) if reviewer_id is not None else None

    @property
    def answers(self) -> list[Answer]:
        return sorted(self.inspection.answers, key=lambda a: (a.item.position, a.item_id))

    @property
    def position(self) -> dict[str, Any] | None:
        insp, project = self.inspection, self.inspection.project
        if insp.lat is None or insp.lon is None:
            return None
        distance = None
        if project.lat is not None and project.lon is not None:
            distance = round(haversine_m(insp.lat, insp.lon, project.lat, project.lon), 1)
        return {
            "lat": insp.lat,
            "lon": insp.lon,
            "accuracy_m": insp.accuracy_m,
            "at": insp.located_at,
            "distance_to_project_m": distance,
        }


def _loaded():  # type: ignore[no-untyped-def]
    return (
        select(Inspection)
        .join(Inspection.project)
        .options(
            selectinload(Inspection.answers).selectinload(Answer.item),
            selectinload(Inspection.inspector),
            selectinload(Inspection.template),
            selectinload(Inspection.project).selectinload(Project.township),
        )
    )


def _gather(inspections: list[Inspection]) -> list[Entry]:
    """Photos, problems (with their photos), the version corrected and later corrections."""
    entries = [Entry(i) for i in inspections]
    ids = [e.id for e in entries]
    if not ids:
        return entries
    by_id = {e.id: e for e in entries}
    photos = db.session.scalars(
        select(Photo)
        .where(Photo.owner_type == "inspection", Photo.owner_id.in_(ids))
        .order_by(Photo.created_at, Photo.id)
    )
    for photo in photos:
        by_id[photo.owner_id].photos.append(photo)
    problems = list(
        db.session.scalars(
            select(Issue).where(Issue.inspection_id.in_(ids)).order_by(Issue.created_at, Issue.id)
        )
    )
    owner_of = {}
    for issue in problems:
        entry = by_id[issue.inspection_id]  # type: ignore[index]
        entry.problems.append(issue)
        entry.problem_photos[issue.id] = []
        owner_of[issue.id] = entry
    if owner_of:
        for photo in db.session.scalars(
            select(Photo)
            .where(Photo.owner_type == "issue", Photo.owner_id.in_(list(owner_of)))
            .order_by(Photo.created_at, Photo.id)
        ):
            owner_of[photo.owner_id].problem_photos[photo.owner_id].append(photo.id)
    old_ids = {i.replaces_id for i in inspections if i.replaces_id}
    olds = {
        o.id: o for o in db.session.scalars(select(Inspection).where(Inspection.id.in_(old_ids)))
    }
    for entry in entries:
        entry.replaces = olds.get(entry.inspection.replaces_id or "")
    newer = db.session.scalars(
        select(Inspection)
        .where(Inspection.replaces_id.in_(ids), Inspection.status != "draft")
        .order_by(Inspection.submitted_at)
    )
    for correction in newer:
        by_id[correction.replaces_id].corrected_by.append(correction)  # type: ignore[index]
    return entries


def reviewable(user: User) -> ColumnElement[bool]:
    """Over ``Project`` (joined to the inspection): an office user reviews their region's."""
    return region_clause(user, Project.region_path) if user.is_office else false()


def review_queue(user: User, args: dict[str, Any]) -> list[Entry]:
    """Submitted inspections not yet reviewed, urgent first, then newest (see urgency.py)."""
    stmt = _loaded().where(reviewable(user), Inspection.status == "submitted")
    if args.get("kind"):
        stmt = stmt.where(Inspection.kind == args["kind"])
    if args.get("township_id"):
        stmt = stmt.where(Project.township_id == args["township_id"])
    entries = _gather(list(db.session.scalars(stmt)))
    if args.get("flagged"):
        entries = [e for e in entries if e.flagged]
    return queue_order(entries)


def _visible(user: User, inspection_id: str) -> Inspection:
    inspection = db.session.scalar(
        _loaded().where(Inspection.id == inspection_id, reviewable(user))
    )
    if inspection is None:
        raise AppError("not_found")
    return inspection


def get_entry(user: User, inspection_id: str) -> Entry:
    """One inspection of the user's area, whatever its status (404 outside it)."""
    return _gather([_visible(user, inspection_id)])[0]


def decide(user: User, inspection_id: str, move: str, note: str | None) -> Entry:
    """``approve`` or ``return`` a submitted inspection; 409 when it is not (or no longer)
    submitted, with ``status_now``.

    The row is locked (``FOR UPDATE`` on PostgreSQL; SQLite serialises writers) and re-read,
    so of two reviewers the second sees the first's decision. The change goes through the ORM:
    listeners on the flush (notifications) see the status change.
    """
    inspection = db.session.scalar(
        select(Inspection)
        .join(Inspection.project)
        .where(Inspection.id == inspection_id, reviewable(user))
        .with_for_update(of=Inspection)
        .execution_options(populate_existing=True)
    )
    if inspection is None:
        raise AppError("not_found")
    try:
        inspections.review(db.session, user, inspection, move, note, utcnow())
    except Rejected as refused:
        extra = {"status_now": inspection.status}
        raise AppError(refused.key, extra=extra, **refused.params) from None
    return get_entry(user, inspection.id)
