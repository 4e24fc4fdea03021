"""销号 over doubtful photos: when a photo of the fix (stage ``rectify``) or of its check
(``verify``) raised a warning evidence flag (server/media/evidence.py; the flags the review
queue counts as raised), closing the problem needs a reason. The reason is kept as the event's
``reason`` and the flags it overrode in its ``data`` (``overridden_flags``), so an auditor
sees who closed over which doubt and why. No flag is ever cleared: each 销号 decides again.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.problems import flag_names
from server.media.models import Photo
from sync.errors import Rejected

JUDGED_STAGES = ("rectify", "verify")


def warning_flags(session: Session, issue_id: str) -> list[dict[str, Any]]:
    """The warning flags of the problem's rectification and check photos, photo by photo."""
    photos = session.scalars(
        select(Photo)
        .where(
            Photo.owner_type.in_(("issue", "event")),
            Photo.owner_id == issue_id,
            Photo.stage.in_(JUDGED_STAGES),
        )
        .order_by(Photo.created_at, Photo.id)
    )
    return [
        {
            "photo_id": photo.id,
            "stage": photo.stage,
            "code": flag.get("code"),
            "message": flag.get("message"),
            "message_en": flag.get("message_en"),
        }
        for photo in photos
        for flag in (photo.evidence or {}).get("flags") or []
        if isinstance(flag, dict) and flag.get("severity") == "warning"
    ]


def check_close(session: Session, issue_id: str, reason: str | None) -> list[dict[str, str]]:
    """Refuse a 销号 over warning flags without a reason; the flags it overrides (for the
    event's data: ``[{photo_id, code}]``, empty when there are none)."""
    flags = warning_flags(session, issue_id)
    if flags and not (reason and reason.strip()):
        codes = list(dict.fromkeys(str(flag["code"]) for flag in flags))
        raise Rejected("close_flags_need_reason", flags=flag_names(codes))
    return [{"photo_id": flag["photo_id"], "code": flag["code"]} for flag in flags]
