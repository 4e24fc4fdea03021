"""What happens to photos when their bytes arrive (owned by the sync layer's author)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.media.models import Blob


def blob_arrived(session: Session, blob: Blob) -> None:
    """Mark every pending photo with this SHA-256 ready and compute its evidence.

    Called by the upload service in the same transaction that stores the blob row.
    """
    # Filled in by the sync work (photo.attach may arrive before or after the bytes).
    return None
