"""Who may see a photo: whoever may see the record it is attached to."""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.auth.models import User
from server.media.models import Photo


def can_view_photo(session: Session, user: User, photo: Photo) -> bool:
    """True when ``user`` may see ``photo``'s owner record (inspection, problem, report, event)."""
    # Provisional rule until the sync scoping lands: office users, and the uploader.
    return user.role in ("admin", "supervisor") or photo.uploaded_by_id == user.id
