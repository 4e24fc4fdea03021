"""Test helper: a photo's bytes arrive from its uploader, as a finished upload ends."""

from __future__ import annotations

from server.db import db
from server.media.models import Blob
from server.media.photos import blob_arrived


def bytes_arrived(sha256: str, size: int, holder_id: int, phash: str | None = None) -> Blob:
    """Store a Blob row (no files) sent by ``holder_id``: their pending photos of it turn
    ready and the moves waiting on them apply, in one commit."""
    blob = db.session.get(Blob, sha256)
    if blob is None:
        blob = Blob(sha256=sha256, size=size, content_type="image/jpeg", phash=phash)
        db.session.add(blob)
        db.session.flush()
    blob_arrived(db.session, blob, holder_id)
    db.session.commit()
    return blob
