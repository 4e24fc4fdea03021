"""Photos meet their bytes: ready when the blob exists, with the evidence figures computed.

Framework-free (sync/ calls it): a photo may be attached before or after its bytes arrive.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.inspections.models import Inspection
from server.issues.models import Issue
from server.media.models import Blob, Photo
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
        {
            "photo_id": o.id,
            "owner_type": o.owner_type,
            "owner_id": o.owner_id,
            "at": o.created_at.isoformat(),
        }
        for o in others
        if (o.owner_type, o.owner_id) != (photo.owner_type, photo.owner_id)
    ]


def compute_photo_evidence(session: Session, photo: Photo, blob: Blob) -> dict[str, Any]:
    """The evidence figures and plain-language flags reviewers see (DESIGN.md)."""
    from server.media.evidence import DeviceFix, compute_evidence
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
        phash=blob.phash or "",
    )
    device = None
    if photo.lat is not None and photo.lon is not None:
        device = DeviceFix(
            photo.lat, photo.lon, photo.accuracy_m, photo.located_at or photo.taken_at
        )
    lat, lon = _project_location(session, photo)
    evidence = compute_evidence(facts, device, lat, lon)
    reuse = _reuse(session, photo, blob)
    evidence["reused_in"] = reuse
    if reuse:
        first = reuse[0]
        evidence["flags"].append(
            {
                "code": "duplicate_photo",
                "message": f"照片与 {first['at'][:10]} 的记录重复",
                "message_en": f"The same photo was used on {first['at'][:10]}",
                "severity": "warning",
            }
        )
    return evidence


def _make_ready(session: Session, photo: Photo, blob: Blob) -> None:
    photo.status = "ready"
    photo.content_type = blob.content_type
    photo.evidence = compute_photo_evidence(session, photo, blob)
    photo.version += 1


def attach_if_ready(session: Session, photo: Photo) -> None:
    """When the bytes are already here, the new photo is ready at once."""
    blob = session.get(Blob, photo.sha256)
    if blob is not None:
        _make_ready(session, photo, blob)


def blob_arrived(session: Session, blob: Blob) -> None:
    """Mark every pending photo with this SHA-256 ready, compute its evidence, tell the phones.

    Called by the upload service in the same transaction that stores the blob row.
    """
    from sync.changes import log_changes

    pending = list(
        session.scalars(select(Photo).where(Photo.sha256 == blob.sha256, Photo.status == "pending"))
    )
    for photo in pending:
        _make_ready(session, photo, blob)
    if pending:
        log_changes(session, "photo", pending)
