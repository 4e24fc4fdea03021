"""Who may see a photo: whoever may see the record it is attached to (the sync scope rule)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from server.auth.models import User
from server.media.models import Photo


def can_view_photo(session: Session, user: User, photo: Photo) -> bool:
    """True when ``user`` may see ``photo``'s owner record (inspection, problem, report, event)."""
    from sync.changes import scope_of
    from sync.scope import can_see

    return photo.uploaded_by_id == user.id or can_see(user, scope_of(session, "photo", photo))
