"""Photos meet their bytes: ready when the blob exists *and* the photo's uploader sent those
bytes (``BlobHolder``), with the evidence figures computed.

Framework-free (sync/ calls it): a photo may be attached before or after its bytes arrive.
Knowing a SHA-256 is not having the photo: another user's photo with the same hash stays
pending until its own uploader sends the bytes (the phone always uploads what it attached).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import and_, insert, or_, select
from sqlalchemy.orm import Session

from core.problems import EVIDENCE_FLAGS, say
from server.inspections.models import Inspection
from server.issues.models import Issue
from server.media.models import Blob, BlobHolder, Photo
from server.reports.models import DeputyReport


def _project_location(session: Session, photo: Photo) -> tuple[float | None, float | None]:
    project = None
    if photo.owner_type == "inspection":
        owner = session.get(Inspection, photo.owner_id)
        project = owner.project if owner else None
    elif photo.owner_type in ("issue", "event"):
        owner = session.get(Issue, photo.owner_id)
        project = owner.project if owner else None
    else:
        owner = session.get(DeputyReport, photo.owner_id)
        if owner is not None and owner.project_id is not None:
            from server.projects.models import Project

            project = session.get(Project, owner.project_id)
    if project is None:
        return None, None
    return project.lat, project.lon


def _reuse(session: Session, photo: Photo, blob: Blob) -> list[dict[str, Any]]:
    """Other records that carry the same bytes (exact SHA-256 match)."""
    others = session.scalars(
        select(Photo)
        .where(Photo.sha256 == blob.sha256, Photo.id != photo.id)
        .order_by(Photo.created_at)
    )
    return [
        _named(session, o)
        for o in others
        if (o.owner_type, o.owner_id) != (photo.owner_type, photo.owner_id)
    ]


def _named(session: Session, other: Photo) -> dict[str, Any]:
    """An entry of ``reused_in`` / ``similar_to``, with who may see it (``seen_by``: the other
    photo's scope and uploader when the evidence was computed, for ``access.evidence_for``)."""
    from sync.changes import scope_of

    scope = scope_of(session, "photo", other)
    return {
        "photo_id": other.id,
        "owner_type": other.owner_type,
        "owner_id": other.owner_id,
        "at": other.created_at.isoformat(),
        "seen_by": {
            "region_path": scope.region_path,
            "township_id": scope.township_id,
            "unit_id": scope.unit_id,
            "owner_id": scope.owner_id,
            "uploaded_by_id": other.uploaded_by_id,
        },
    }


SIMILAR_BITS = 6  # phash distance at or under which two photos count as the same scene


def similar_bits() -> int:
    """``SIMILAR_PHASH_BITS`` of the running app (``SIMILAR_BITS`` outside one)."""
    if not has_app_context():
        return SIMILAR_BITS
    return int(current_app.config.get("SIMILAR_PHASH_BITS", SIMILAR_BITS))


def _project_id(session: Session, photo: Photo) -> int | None:
    if photo.owner_type == "inspection":
        owner = session.get(Inspection, photo.owner_id)
        return owner.project_id if owner else None
    if photo.owner_type in ("issue", "event"):
        issue = session.get(Issue, photo.owner_id)
        return issue.project_id if issue else None
    report = session.get(DeputyReport, photo.owner_id)
    return report.project_id if report else None


def _started(session: Session, photo: Photo) -> datetime | None:
    """When the inspection a photo belongs to was started (other records: None)."""
    if photo.owner_type != "inspection":
        return None
    owner = session.get(Inspection, photo.owner_id)
    return owner.started_at if owner else None


def _similar(session: Session, photo: Photo, blob: Blob) -> list[dict[str, Any]]:
    """Earlier photos of the same project whose picture is nearly the same (re-encoded, cropped
    a little) but whose bytes differ: the old photo passed off as a new visit."""
    from server.media.ingest import hamming

    project_id = _project_id(session, photo)
    bits = similar_bits()
    if project_id is None or not blob.phash:
        return []
    inspection_ids = select(Inspection.id).where(Inspection.project_id == project_id)
    issue_ids = select(Issue.id).where(Issue.project_id == project_id)
    rows = session.execute(
        select(Photo, Blob.phash)
        .join(Blob, Blob.sha256 == Photo.sha256)
        .where(
            Photo.id != photo.id,
            Photo.sha256 != blob.sha256,
            Photo.owner_id.in_(inspection_ids.union(issue_ids)),
        )
        .order_by(Photo.created_at)
    ).all()
    return [
        _named(session, other)
        for other, phash in rows
        if phash and other.owner_id != photo.owner_id and hamming(phash, blob.phash) <= bits
    ]


def evidence_settings() -> dict[str, Any]:
    """``compute_evidence``'s zone and thresholds from the running app's configuration."""
    from server.media.evidence import EDIT_GAP_S, POOR_ACCURACY_M

    if not has_app_context():
        return {}
    config = current_app.config
    return {
        "camera_tz": config.get("TIMEZONE", "Asia/Shanghai"),
        "far_m": config.get("EVIDENCE_FAR_M", 500),
        "gap_s": config.get("EVIDENCE_TIME_GAP_SECONDS", 900),
        "poor_accuracy_m": config.get("POOR_ACCURACY_M", POOR_ACCURACY_M),
        "edit_gap_s": config.get("EVIDENCE_EDIT_GAP_SECONDS", EDIT_GAP_S),
    }


def local_day(moment: str) -> str:
    """The date of an ISO time (naive is UTC, as stored) where the office is (``TIMEZONE``)."""
    from server.media.evidence import camera_zone

    at = datetime.fromisoformat(moment)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    zone = current_app.config.get("TIMEZONE", "Asia/Shanghai") if has_app_context() else None
    return at.astimezone(camera_zone(zone or "Asia/Shanghai")).date().isoformat()


def _camera_exif_missing(session: Session, photo: Photo, blob: Blob) -> bool:
    """No Make/Model in this photo while the same uploader's earlier photos carry them (their
    phone writes camera EXIF: this one was likely edited, screenshotted or exported)."""
    if blob.exif_make or blob.exif_model:
        return False
    earlier = session.scalar(
        select(Photo.id)
        .join(Blob, Blob.sha256 == Photo.sha256)
        .where(
            Photo.uploaded_by_id == photo.uploaded_by_id,
            Photo.id != photo.id,
            Photo.sha256 != blob.sha256,
            Blob.exif_make.is_not(None),
        )
        .limit(1)
    )
    return earlier is not None


def compute_photo_evidence(session: Session, photo: Photo, blob: Blob) -> dict[str, Any]:
    """The evidence figures and plain-language flags reviewers see (DESIGN.md)."""
    from server.media.evidence import DeviceFix, RecordTimes, compute_evidence
    from server.media.ingest import PhotoFacts

    facts = PhotoFacts(
        content_type=blob.content_type,
        width=blob.width or 0,
        height=blob.height or 0,
        orientation=blob.orientation,
        exif_taken_at=blob.exif_taken_at,
        exif_lat=blob.exif_lat,
        exif_lon=blob.exif_lon,
        exif_make=blob.exif_make,
        exif_model=blob.exif_model,
        exif_software=blob.exif_software,
        exif_modified_at=blob.exif_modified_at,
        phash=blob.phash or "",
    )
    device = None
    if photo.lat is not None and photo.lon is not None:
        device = DeviceFix(
            photo.lat, photo.lon, photo.accuracy_m, photo.located_at or photo.taken_at
        )
    lat, lon = _project_location(session, photo)
    times = RecordTimes(photo.taken_at, _started(session, photo), photo.received_at)
    evidence = compute_evidence(facts, device, lat, lon, times=times, **evidence_settings())
    if _camera_exif_missing(session, photo, blob):
        text = say(EVIDENCE_FLAGS, "no_camera_exif")
        evidence["flags"].append(
            {
                "code": "no_camera_exif",
                "message": text.zh,
                "message_en": text.en,
                "severity": "warning",
            }
        )
    evidence["reused_in"] = _reuse(session, photo, blob)
    evidence["similar_to"] = _similar(session, photo, blob)
    for key, code in (("reused_in", "duplicate_photo"), ("similar_to", "similar_photo")):
        if evidence[key]:
            text = say(EVIDENCE_FLAGS, code, day=local_day(evidence[key][0]["at"]))
            flag = {"code": code, "message": text.zh, "message_en": text.en}
            evidence["flags"].append({**flag, "severity": "warning"})
    return evidence


def _make_ready(session: Session, photo: Photo, blob: Blob) -> None:
    photo.status = "ready"
    photo.content_type = blob.content_type
    photo.evidence = compute_photo_evidence(session, photo, blob)
    photo.version += 1


def recompute_project_evidence(session: Session, project_id: int) -> list[Photo]:
    """A project's location was corrected: compute again the evidence of its ready photos
    (inspections, problems and their events, deputies' reports) and tell the phones of those
    whose evidence changed. Returns them."""
    from sync.changes import log_changes

    owners = or_(
        and_(
            Photo.owner_type == "inspection",
            Photo.owner_id.in_(select(Inspection.id).where(Inspection.project_id == project_id)),
        ),
        and_(
            Photo.owner_type.in_(("issue", "event")),
            Photo.owner_id.in_(select(Issue.id).where(Issue.project_id == project_id)),
        ),
        and_(
            Photo.owner_type == "report",
            Photo.owner_id.in_(
                select(DeputyReport.id).where(DeputyReport.project_id == project_id)
            ),
        ),
    )
    rows = session.execute(
        select(Photo, Blob)
        .join(Blob, Blob.sha256 == Photo.sha256)
        .where(Photo.status == "ready", owners)
        .order_by(Photo.created_at)
    ).all()
    changed = []
    for photo, blob in rows:
        evidence = compute_photo_evidence(session, photo, blob)
        if evidence != photo.evidence:
            photo.evidence = evidence
            photo.version += 1
            changed.append(photo)
    if changed:
        session.flush()
        log_changes(session, "photo", changed)
    return changed


def holds(session: Session, user_id: int, sha256: str) -> bool:
    """True when ``user_id`` sent these bytes (a finished, checked upload)."""
    return session.get(BlobHolder, (sha256, user_id)) is not None


def attach_if_ready(session: Session, photo: Photo) -> None:
    """When its uploader has already sent these bytes, the new photo is ready at once."""
    blob = session.get(Blob, photo.sha256)
    if blob is not None and holds(session, photo.uploaded_by_id, blob.sha256):
        _make_ready(session, photo, blob)


def blob_arrived(session: Session, blob: Blob, holder_id: int) -> None:
    """``holder_id`` sent these bytes: remember it, mark that user's pending photos with this
    SHA-256 (and its size) ready, compute their evidence, tell the phones, and apply the moves
    that were waiting for them.

    Called by the upload service in the same transaction that stores the blob row (or finds
    it stored by another user).
    """
    from server.issues.services import photos_ready
    from sync.changes import log_changes

    _record_holder(session, blob.sha256, holder_id)
    pending = list(
        session.scalars(
            select(Photo).where(
                Photo.sha256 == blob.sha256,
                Photo.status == "pending",
                Photo.uploaded_by_id == holder_id,
                Photo.size == blob.size,
            )
        )
    )
    for photo in pending:
        _make_ready(session, photo, blob)
    if pending:
        log_changes(session, "photo", pending)
        photos_ready(session, pending)


def _record_holder(session: Session, sha256: str, user_id: int) -> None:
    """INSERT … ON CONFLICT DO NOTHING (a user may send the same bytes twice)."""
    values = {"sha256": sha256, "user_id": user_id}
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(BlobHolder).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(BlobHolder).values(values).on_conflict_do_nothing())
    elif not holds(session, user_id, sha256):  # pragma: no cover - the project runs on two
        session.execute(insert(BlobHolder).values(values))
