"""A problem's history in pages: its latest events, and older ones on request.

A problem's history only grows (every move, comment, conflict, extension), so no view returns
all of it: the problem's page gets the latest ``EVENTS_PAGE`` events and pages back with
``GET /api/v1/issues/<id>/events?before=<event id>``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server.db import db
from server.issues.models import IssueEvent

EVENTS_PAGE = 50
EVENTS_PAGE_MAX = 200


def events_page(
    issue_id: str, limit: int = EVENTS_PAGE, before: int | None = None
) -> dict[str, Any]:
    """Up to ``limit`` events of the problem older than event ``before`` (all when None),
    oldest first, and whether there are older ones still."""
    query = select(IssueEvent).where(IssueEvent.issue_id == issue_id)
    if before is not None:
        query = query.where(IssueEvent.id < before)
    query = (
        query.options(selectinload(IssueEvent.actor))
        .order_by(IssueEvent.id.desc())
        .limit(limit + 1)
    )
    newest_first = list(db.session.scalars(query))
    return {"items": newest_first[:limit][::-1], "has_more": len(newest_first) > limit}
