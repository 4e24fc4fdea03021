"""Who may see a photo (whoever may see the record it is attached to: the sync scope rule), and
what of its evidence: other records that carry the same or a similar picture are named only
when the reader may see them, the rest only counted (另有 2 处使用)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from core.problems import EVIDENCE_FLAGS, say
from server.auth.models import User
from server.media.models import Photo

# evidence keys that name other records: key → the count's key (its text in
# core.problems.EVIDENCE_FLAGS)
_NAMING_KEYS = {"reused_in": "reused_elsewhere", "similar_to": "similar_elsewhere"}


def can_view_photo(session: Session, user: User, photo: Photo) -> bool:
    """True when ``user`` may see ``photo``'s owner record (inspection, problem, report, event)."""
    from server.audience import can_see
    from sync.changes import scope_of

    return photo.uploaded_by_id == user.id or can_see(user, scope_of(session, "photo", photo))


def evidence_for(user: User, evidence: dict[str, Any] | None) -> dict[str, Any] | None:
    """A photo's evidence as ``user`` may read it: ``reused_in`` and ``similar_to`` name only the
    photos ``user`` could see when the evidence was computed (their ``seen_by``); the others are
    counted (``reused_elsewhere``: {count, message}). It depends on the photo and the reader
    alone, so a phone's copy stays what a fresh pull would give."""
    from server.audience import can_see
    from sync.scope import Scope

    if not evidence or not any(evidence.get(key) for key in _NAMING_KEYS):
        return evidence
    shown = dict(evidence)
    for key, count_key in _NAMING_KEYS.items():
        entries = evidence.get(key) or []
        visible = []
        for entry in entries:
            seen_by = dict(entry.get("seen_by") or {})
            uploader = seen_by.pop("uploaded_by_id", None)
            if seen_by and (uploader == user.id or can_see(user, Scope(**seen_by))):
                visible.append({k: v for k, v in entry.items() if k != "seen_by"})
        shown[key] = visible
        hidden = len(entries) - len(visible)
        if hidden:
            text = say(EVIDENCE_FLAGS, count_key, n=hidden)
            shown[count_key] = {"count": hidden, "message": text.zh, "message_en": text.en}
    return shown
