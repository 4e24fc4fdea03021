"""Ingest: checked bytes become a Blob — inspected, derived, stored, recorded, in one commit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.auth.models import User
from server.media.evidence import haversine_m  # noqa: F401  (re-exported: other domains import these from here)
from server.media.ingest import (  # noqa: F401  (re-exported: other domains import these from here)
    Derivatives,
    PhotoFacts,
    hamming,
    inspect_photo,
    make_derivatives,
)
from server.media.models import Blob
from server.media.photos import (  # noqa: F401  (re-exported: other domains import these from here)
    SIMILAR_BITS,
    blob_arrived,
    recompute_project_evidence,
    similar_bits,
)
from server.media.stages import cited_stage  # noqa: F401  (re-exported: a move stages the photos it cites)
from server.media.storage import (  # noqa: F401  (COPY_CHUNK, get_storage: re-exported for backups)
    COPY_CHUNK,
    Storage,
    blob_key,
    derived_key,
    get_storage,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreparedBlob:
    """A photo that passed ``inspect_photo``, with its derivatives (no database, no storage)."""

    sha256: str
    data: bytes
    facts: PhotoFacts
    derivatives: Derivatives


def prepare_blob(sha256: str, data: bytes) -> PreparedBlob:
    """Inspect and derive (CPU only). Raises ``IngestError`` for bytes that are not a usable photo.

    Kept apart so that callers can do this slow part before they open a write transaction.
    """
    facts = inspect_photo(data)
    return PreparedBlob(sha256, data, facts, make_derivatives(data, facts))


def ingest_blob(session: Session, storage: Storage, sha256: str, data: bytes, user: User) -> Blob:
    """Check ``data`` is a photo, store it and its derivatives, record the Blob, commit once.

    The caller has verified ``sha256``. Raises ``IngestError`` (nothing stored, nothing
    committed) for bytes that are not a usable photo. The caller's pending changes are committed
    with the blob. The slow part runs before the first query, so that on SQLite no read
    snapshot is held across it (a snapshot cannot be upgraded to a write once another request
    has committed).
    """
    prepared = prepare_blob(sha256, data)
    return store_blob(session, storage, prepared, user)


def store_blob(session: Session, storage: Storage, prepared: PreparedBlob, user: User) -> Blob:
    """Put the original (unchanged) and the derivatives, insert the Blob, ``blob_arrived``
    (``user`` now holds the bytes), commit.

    If another request stored the same bytes first, theirs is returned (``user`` holds it too).
    If anything fails after a storage put, the keys put are deleted *before* the rollback, so a
    concurrent ingest of the same bytes (waiting on our uncommitted row) puts its own copies
    afterwards.
    """
    sha256, facts = prepared.sha256, prepared.facts
    values = {
        "sha256": sha256,
        "size": len(prepared.data),
        "content_type": facts.content_type,
        "width": facts.width,
        "height": facts.height,
        "orientation": facts.orientation,
        "exif_taken_at": facts.exif_taken_at,
        "exif_lat": facts.exif_lat,
        "exif_lon": facts.exif_lon,
        "exif_make": facts.exif_make[:64] if facts.exif_make else None,
        "exif_model": facts.exif_model[:64] if facts.exif_model else None,
        "exif_software": facts.exif_software[:64] if facts.exif_software else None,
        "exif_modified_at": facts.exif_modified_at,
        "phash": facts.phash or None,
        "created_at": utcnow(),
    }
    inserted = _insert_blob_row(session, values)  # a concurrent ingest of these bytes waits here
    blob = session.get(Blob, sha256)
    if blob is None:  # pragma: no cover - inserted or found, by construction
        raise RuntimeError(f"blob {sha256} vanished")
    if not inserted:
        blob_arrived(session, blob, user.id)  # stored by another request a moment ago
        session.commit()
        return blob
    stored: list[str] = []
    try:
        for key, payload in (
            (blob_key(sha256), prepared.data),
            (derived_key(sha256, "display"), prepared.derivatives.display),
            (derived_key(sha256, "thumb"), prepared.derivatives.thumbnail),
        ):
            storage.put(key, payload)
            stored.append(key)
        blob_arrived(session, blob, user.id)
        session.commit()
    except BaseException:
        for key in stored:
            try:
                storage.delete(key)
            except Exception:  # pragma: no cover - the original error matters more
                log.exception("could not delete %s after a failed ingest", key)
        session.rollback()
        raise
    log.info("blob %s stored (%d bytes) for user %s", sha256, len(prepared.data), user.id)
    return blob


def _insert_blob_row(session: Session, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING: True when this call inserted the row.

    No savepoint, no IntegrityError: the caller's changes stay in the transaction.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(Blob).values(values).on_conflict_do_nothing()
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(Blob).values(values).on_conflict_do_nothing()
    else:  # pragma: no cover - the project runs on these two
        statement = insert(Blob).values(values)
    # RETURNING gives no row when the conflict skipped the insert (rowcount is not reliable here)
    return session.execute(statement.returning(Blob.sha256)).first() is not None
