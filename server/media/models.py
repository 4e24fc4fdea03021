"""Blobs (bytes by SHA-256), who sent them, photos (a blob attached to a record), tus uploads,
and problem moves that wait for their evidence photos' bytes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    PrimaryKeyConstraint,
    String,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from core.orm import Base, UTCDateTime, utcnow
from server.media.stages import PHOTO_STAGES

PHOTO_OWNER_TYPES = ("inspection", "issue", "report", "event")


class Blob(Base):
    """Stored bytes, named by their SHA-256, with what the ingest read from them."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer)
    height: Mapped[int | None] = mapped_column(Integer)
    # the camera's clock, as written in EXIF (no time zone)
    exif_taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    exif_lat: Mapped[float | None] = mapped_column(Float)
    exif_lon: Mapped[float | None] = mapped_column(Float)
    exif_make: Mapped[str | None] = mapped_column(String(64))
    exif_model: Mapped[str | None] = mapped_column(String(64))
    exif_software: Mapped[str | None] = mapped_column(String(64))
    exif_modified_at: Mapped[datetime | None] = mapped_column(DateTime)
    orientation: Mapped[int | None] = mapped_column(Integer)
    phash: Mapped[str | None] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Photo(Base):
    """A photo attached to an inspection, a problem, a report or a problem event.

    It may arrive before its bytes: ``pending`` until the blob with its SHA-256 exists.
    """

    __tablename__ = "photos"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'ready')", name="status"),
        CheckConstraint(
            "owner_type IN ('inspection', 'issue', 'report', 'event')", name="owner_type"
        ),
        CheckConstraint(
            "stage IN (" + ", ".join(f"'{s}'" for s in PHOTO_STAGES) + ")", name="stage"
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(64))
    owner_type: Mapped[str] = mapped_column(String(16))
    owner_id: Mapped[str] = mapped_column(String(36))
    # what it shows: inspection, found 发现, rectify 整改, verify 复核, report 代表
    # (server/media/stages.py)
    stage: Mapped[str] = mapped_column(String(16), default="found")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    accuracy_m: Mapped[float | None] = mapped_column(Float)
    located_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # taken_at is the phone's (server/clock.py); received_at when the server got the record;
    # clock_skew: taken_at was not trusted and is received_at
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    version: Mapped[int] = mapped_column(Integer, default=1)
    # evidence, computed when the bytes are known
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Upload(Base):
    """A tus 1.0.0 upload in progress (or finished, until it expires)."""

    __tablename__ = "uploads"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    length: Mapped[int] = mapped_column(BigInteger)
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    sha256: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str | None] = mapped_column(String(64))
    upload_metadata: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BlobHolder(Base):
    """A user who sent these bytes (a finished upload whose SHA-256 the server checked).

    Knowing a hash is not having the photo: a photo is ready, and a blob answers HEAD, only for
    a user who holds it.
    """

    __tablename__ = "blob_holders"
    __table_args__ = (PrimaryKeyConstraint("sha256", "user_id"),)

    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class EvidenceWait(Base):
    """A move citing photos whose bytes have not all arrived (待照片): applied, with its
    ``expected_from`` checked again, when the last of them is ready (``server.issues.evidence``)."""

    __tablename__ = "evidence_waits"

    id: Mapped[int] = mapped_column(primary_key=True)
    issue_id: Mapped[str] = mapped_column(ForeignKey("issues.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # the issue.transition arguments, JSON-ready (photo_ids among them)
    args: Mapped[dict[str, Any]] = mapped_column(JSON)
    client_id: Mapped[str | None] = mapped_column(String(36))
    mutation_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
