"""The tus upload lifecycle: rows in ``uploads``, bytes in the staging folder, ingest at the end.

Two PATCHes for one upload never interleave:
- the staging file's ``flock`` is taken first, without waiting (busy → 423, which tus clients
  retry);
- on PostgreSQL the row is then locked (``SELECT … FOR UPDATE``) until the PATCH commits, which
  also holds across hosts;
- on SQLite no transaction stays open while a phone trickles a body in (a WAL read snapshot
  could not be upgraded to a write afterwards); the flock serialises, and the offset is moved
  with a compare-and-set ``UPDATE … WHERE offset = <start>``, on both databases.

The offset is saved as the body lands, every ``CHECKPOINT_BYTES`` (bytes fsynced first, then the
offset committed; on PostgreSQL the row is locked again at once), so a server killed in the
middle of a PATCH — no exception handler runs — loses at most the last 256 KB of it, not the
whole PATCH. A PATCH that promises a checksum for its body saves nothing before it is checked.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, BinaryIO

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.auth.models import User
from server.errors import AppError
from server.media import tus
from server.media.ingest import IngestError
from server.media.models import Blob, Upload
from server.media.photos import blob_arrived, holds
from server.media.services import prepare_blob, store_blob
from server.media.storage import Staging, StagingBusy, Storage

CHECKPOINT_BYTES = 256 * 1024


@dataclass(frozen=True)
class UploadSettings:
    """``MAX_PHOTO_BYTES`` (Tus-Max-Size), how long an idle upload lives, and how many
    unfinished uploads (and declared bytes) one user may have staged at a time."""

    max_size: int
    expiry: timedelta
    max_staged: int = 20
    max_staged_bytes: int = 200 * 1024 * 1024

    @classmethod
    def from_config(cls, config: Any) -> UploadSettings:
        return cls(
            config["MAX_PHOTO_BYTES"],
            timedelta(hours=config["UPLOAD_EXPIRY_HOURS"]),
            config["MAX_STAGED_UPLOADS"],
            config["MAX_STAGED_MB"] * 1024 * 1024,
        )


def _check_staged(session: Session, user: User, length: int, settings: UploadSettings) -> None:
    """Refuse (429) a new upload past the user's cap on unfinished uploads or their bytes."""
    count, staged = session.execute(
        select(func.count(), func.coalesce(func.sum(Upload.length), 0)).where(
            Upload.user_id == user.id,
            Upload.completed_at.is_(None),
            Upload.expires_at > utcnow(),
        )
    ).one()
    if count + 1 > settings.max_staged or staged + length > settings.max_staged_bytes:
        raise tus.tus_error(
            "too_many_staged_uploads",
            max_uploads=settings.max_staged,
            max_mb=settings.max_staged_bytes // (1024 * 1024),
        )


def create_upload(
    session: Session, user: User, length: int, metadata: dict[str, str], settings: UploadSettings
) -> tuple[Upload, bool]:
    """A new upload — or, when this user has sent these very bytes before, one already complete.

    Anyone else sends the bytes again (their hash is checked), so that knowing a SHA-256 is not
    enough to hold a photo. Returns ``(upload, deduplicated)``.
    """
    if length > settings.max_size:
        raise tus.tus_error("upload_too_large", max_mb=settings.max_size // (1024 * 1024))
    sha256 = tus.require_sha256(metadata)
    now = utcnow()
    filetype = metadata.get("filetype") or None
    upload = Upload(
        id=secrets.token_hex(16),
        user_id=user.id,
        length=length,
        offset=0,
        sha256=sha256,
        content_type=filetype[:64] if filetype else None,
        upload_metadata=metadata,
        created_at=now,
        expires_at=now + settings.expiry,
    )
    blob = session.get(Blob, sha256)
    deduplicated = blob is not None and blob.size == length and holds(session, user.id, sha256)
    if not deduplicated:
        _check_staged(session, user, length, settings)
    if deduplicated:
        upload.offset = length
        upload.completed_at = now
    session.add(upload)
    session.commit()
    return upload, deduplicated


def _forget(session: Session, staging: Staging, upload_id: str) -> None:
    """Delete the row and the staged bytes (the caller commits)."""
    session.execute(delete(Upload).where(Upload.id == upload_id))
    staging.delete(upload_id)


def find_upload(
    session: Session, staging: Staging, user: User, upload_id: str, lock: bool = False
) -> Upload:
    """The user's upload (404 for anyone else's); an expired one is removed and answers 410."""
    query = select(Upload).where(Upload.id == upload_id, Upload.user_id == user.id)
    if lock:
        query = query.with_for_update()
    upload = session.scalars(query.execution_options(populate_existing=True)).first()
    if upload is None:
        raise tus.tus_error("upload_not_found")
    if upload.expires_at <= utcnow():
        _forget(session, staging, upload_id)
        session.commit()
        raise tus.tus_error("upload_expired")
    return upload


def _row_locks(session: Session) -> bool:
    return session.get_bind().dialect.name != "sqlite"


def receive_chunk(
    session: Session,
    storage: Storage,
    staging: Staging,
    user: User,
    upload_id: str,
    offset: int,
    checksum: tuple[str, bytes] | None,
    body: BinaryIO,
    content_length: int | None,
    settings: UploadSettings,
) -> Upload:
    """Append one PATCH body at ``offset``; on the last byte, check the SHA-256 and ingest."""
    find_upload(session, staging, user, upload_id)  # 404 / 410 before touching the disk
    session.commit()
    try:
        with staging.lock(upload_id, blocking=False) as fh:
            upload = find_upload(session, staging, user, upload_id, lock=True)
            if upload.completed_at is not None or offset != upload.offset:
                raise tus.tus_error("upload_offset_mismatch", offset=upload.offset)
            start, length, sha256 = upload.offset, upload.length, upload.sha256
            if os.fstat(fh.fileno()).st_size < start:  # staged bytes lost: start again from 0
                session.execute(update(Upload).where(Upload.id == upload_id).values(offset=0))
                session.commit()
                raise tus.tus_error("upload_offset_mismatch", offset=0)
            if content_length is not None and content_length > length - start:
                raise tus.tus_error("upload_length_exceeded")
            if not _row_locks(session):
                session.commit()
            saved = _Checkpoints(session, fh, upload_id, start, length, settings)
            written = _stream(fh, start, length - start, checksum, body, content_length, saved)
            if isinstance(written, tus.StreamInterrupted):
                _advance(
                    session,
                    fh,
                    upload_id,
                    saved.offset,
                    start + written.written - saved.offset,
                    settings,
                )
                raise tus.tus_error("upload_interrupted")
            if start + written < length:
                _advance(
                    session, fh, upload_id, saved.offset, start + written - saved.offset, settings
                )
            else:
                _complete(
                    session, storage, staging, user, fh, upload_id, saved.offset, length, sha256
                )
            return upload
    except StagingBusy as error:
        raise tus.tus_error("upload_locked") from error


class _Checkpoints:
    """Saves the offset every ``CHECKPOINT_BYTES`` while a body lands (see the module's top);
    ``offset`` is the one last committed."""

    def __init__(
        self,
        session: Session,
        fh: BinaryIO,
        upload_id: str,
        start: int,
        length: int,
        settings: UploadSettings,
    ) -> None:
        self.session, self.fh, self.upload_id = session, fh, upload_id
        self.start, self.length, self.settings = start, length, settings
        self.offset = start

    def __call__(self, written: int) -> None:
        reached = self.start + written
        # the last byte is the completion's (checked against the SHA-256 first)
        if reached - self.offset < CHECKPOINT_BYTES or reached >= self.length:
            return
        _advance(
            self.session, self.fh, self.upload_id, self.offset, reached - self.offset, self.settings
        )
        self.offset = reached
        if _row_locks(self.session):  # the commit let the row go: hold it again
            self.session.execute(
                select(Upload.id).where(Upload.id == self.upload_id).with_for_update()
            )


def _stream(
    fh: BinaryIO,
    start: int,
    remaining: int,
    checksum: tuple[str, bytes] | None,
    body: BinaryIO,
    content_length: int | None,
    saved: _Checkpoints,
) -> int | tus.StreamInterrupted:
    """Write the body at ``start``; the byte count, or what was kept of a body cut short."""
    fh.truncate(start)  # drop bytes a crashed request may have left past the recorded offset
    fh.seek(start)
    hasher = hashlib.new(checksum[0]) if checksum else None
    try:
        written = tus.copy_stream(body, fh, remaining, hasher, None if checksum else saved)
    except tus.StreamInterrupted as interrupted:
        written = interrupted.written
    except BaseException:
        fh.truncate(saved.offset)  # what was saved stays: the offset says it is there
        raise
    else:
        if content_length is None or written == content_length:
            if checksum is not None and hasher is not None and hasher.digest() != checksum[1]:
                fh.truncate(start)
                raise tus.tus_error("checksum_mismatch")
            return written
    # the body stopped early: keep what arrived (the phone resumes there), unless a checksum
    # was promised for the whole chunk, or it would pass for a finished upload never checked
    kept = 0 if checksum or written >= remaining else written
    kept = max(kept, saved.offset - start)  # a saved offset stays good
    fh.truncate(start + kept)
    return tus.StreamInterrupted(kept)


def _advance(
    session: Session,
    fh: BinaryIO,
    upload_id: str,
    start: int,
    written: int,
    settings: UploadSettings | None,
) -> None:
    """Compare-and-set the offset from ``start`` to ``start + written``.

    Commits, except for the last bytes (``settings`` None): those commit with the blob.
    """
    fh.flush()
    os.fsync(fh.fileno())
    if written == 0:
        session.commit()
        return
    values: dict[str, Any] = {"offset": start + written}
    if settings is None:
        values["completed_at"] = utcnow()
    else:
        values["expires_at"] = utcnow() + settings.expiry
    moved = session.execute(
        update(Upload)
        .where(Upload.id == upload_id, Upload.offset == start, Upload.completed_at.is_(None))
        .values(**values)
    )
    if moved.rowcount != 1:  # changed behind our back (only without a working flock)
        session.rollback()
        raise tus.tus_error("upload_offset_mismatch")
    if settings is not None:
        session.commit()


def _complete(
    session: Session,
    storage: Storage,
    staging: Staging,
    user: User,
    fh: BinaryIO,
    upload_id: str,
    start: int,
    length: int,
    sha256: str,
) -> None:
    fh.flush()
    fh.seek(0)
    data = fh.read()
    if tus.sha256_hex(data) != sha256:
        _forget(session, staging, upload_id)
        session.commit()
        raise tus.tus_error("sha256_mismatch")
    exists = session.get(Blob, sha256) is not None  # then only this user's possession is new
    try:
        prepared = None if exists else prepare_blob(sha256, data)  # slow: before any write
    except IngestError as error:
        _forget(session, staging, upload_id)
        session.commit()
        raise AppError.of(error) from error
    if not _row_locks(session):
        session.commit()  # SQLite: start the write transaction with a write
    _advance(session, fh, upload_id, start, length - start, None)
    if prepared is None:
        blob = session.get(Blob, sha256)
        if blob is not None:  # (blobs are never deleted)
            blob_arrived(session, blob, user.id)
        session.commit()
    else:
        store_blob(session, storage, prepared, user)  # commits with the completion
    staging.delete(upload_id)


def terminate_upload(session: Session, staging: Staging, user: User, upload_id: str) -> None:
    """tus termination: forget the upload and its staged bytes (a stored blob stays)."""
    find_upload(session, staging, user, upload_id)
    session.commit()
    try:
        with staging.lock(upload_id, blocking=False):
            gone = session.execute(
                delete(Upload).where(Upload.id == upload_id, Upload.user_id == user.id)
            )
            staging.delete(upload_id)
            session.commit()
    except StagingBusy as error:
        raise tus.tus_error("upload_locked") from error
    if gone.rowcount != 1:
        raise tus.tus_error("upload_not_found")


def cleanup_expired(
    session: Session, staging: Staging, expiry: timedelta, now: datetime | None = None
) -> int:
    """Remove expired uploads, and staged files older than ``expiry`` that have no upload.

    Uploads being written at this moment are left for the next run. Returns how many went.
    """
    now = now or utcnow()
    removed = 0
    expired = session.scalars(select(Upload.id).where(Upload.expires_at <= now)).all()
    session.commit()
    for upload_id in expired:
        try:
            with staging.lock(upload_id, blocking=False):
                gone = session.execute(
                    delete(Upload).where(Upload.id == upload_id, Upload.expires_at <= now)
                )
                if gone.rowcount:
                    removed += 1
                # gone (by us, or by another host's run first): the lock's file goes too
                if gone.rowcount or not session.scalar(
                    select(Upload.id).where(Upload.id == upload_id)
                ):
                    staging.delete(upload_id)
                session.commit()
        except StagingBusy:
            continue
    cutoff = time.time() - expiry.total_seconds()
    known = set(session.scalars(select(Upload.id)).all())
    session.commit()
    for upload_id, mtime in staging.staged().items():
        if mtime < cutoff and upload_id not in known:
            staging.delete(upload_id)
            removed += 1
    return removed
