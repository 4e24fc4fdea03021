"""Per-user limits on what piles up in a problem's history: comments and conflicting moves.

A phone replaying thousands of comments or stale moves would otherwise grow one problem's
history without bound. Each user may add ``ISSUE_COMMENTS_PER_HOUR`` comments and have
``ISSUE_CONFLICTS_PER_HOUR`` conflicting moves recorded in any hour (server/config.py); beyond
that the mutation is refused with a reason and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.issues.events import COMMENT, CONFLICT
from server.issues.models import IssueEvent
from sync.errors import Rejected

COMMENTS_PER_HOUR = "ISSUE_COMMENTS_PER_HOUR"
CONFLICTS_PER_HOUR = "ISSUE_CONFLICTS_PER_HOUR"
DEFAULTS = {COMMENTS_PER_HOUR: 60, CONFLICTS_PER_HOUR: 30}
WINDOW = timedelta(hours=1)


def limit(settings: Mapping[str, Any] | None, key: str) -> int:
    """The configured limit, or its default when the caller passed no settings."""
    return int((settings or {}).get(key, DEFAULTS[key]))


def recent_events(session: Session, user: User, kind: str, now: datetime) -> int:
    """How many events of ``kind`` the user added in the hour before ``now``."""
    query = select(func.count(IssueEvent.id)).where(
        IssueEvent.actor_id == user.id, IssueEvent.kind == kind, IssueEvent.at > now - WINDOW
    )
    return session.scalar(query) or 0


def check_comment_allowed(
    session: Session, user: User, now: datetime, settings: Mapping[str, Any] | None
) -> None:
    most = limit(settings, COMMENTS_PER_HOUR)
    if recent_events(session, user, COMMENT, now) >= most:
        raise Rejected("too_many_comments", most=most)


def conflict_refusal(
    session: Session, user: User, now: datetime, settings: Mapping[str, Any] | None
) -> Rejected | None:
    """None while the user's conflicting moves may still be recorded, else the refusal."""
    most = limit(settings, CONFLICTS_PER_HOUR)
    if recent_events(session, user, CONFLICT, now) < most:
        return None
    return Rejected("too_many_conflicts", most=most)
