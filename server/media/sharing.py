"""Photos seen beyond their owner's audience, where a problem made from a deputy's report needs
them told both ways:

- the deputy's report photos go with the problem made of the report (受理): its responsible
  unit sees what it was asked to fix, and the problem's township's inspectors what they check
  (the problem's scope, the deputy still its owner);
- the problem's rectification and check photos (stages ``rectify`` and ``verify``) go back to
  the deputy whose report it was, as that photo's owner: a deputy sees none of the problem
  itself, only how it was fixed. A problem exists only once its report was accepted, so the
  deputy sees nothing of the kind before.

Who a scope admits stays ``server.audience``'s rule; this only says which scope a photo has.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from server.issues.models import Issue
from server.media.models import Photo
from server.reports.models import DeputyReport
from sync.registry import record_type
from sync.scope import Scope

SHOWN_TO_DEPUTY = ("rectify", "verify")


def shared_scopes(
    session: Session, photos: dict[str, Photo], scopes: dict[str, Scope]
) -> dict[str, Scope]:
    """``scopes`` (each photo's owner's) with the sharing above applied."""
    report_ids = {p.owner_id for p in photos.values() if p.owner_type == "report"}
    fix_issue_ids = {
        p.owner_id
        for p in photos.values()
        if p.owner_type in ("issue", "event") and p.stage in SHOWN_TO_DEPUTY
    }
    problems = _problems_of_reports(session, report_ids)
    deputies = _deputies_of_problems(session, fix_issue_ids)
    if not problems and not deputies:
        return scopes
    shared = dict(scopes)
    for photo_id, photo in photos.items():
        if photo.owner_type == "report" and photo.owner_id in problems:
            where = problems[photo.owner_id]
            shared[photo_id] = replace(where, owner_id=scopes[photo_id].owner_id)
        elif photo.owner_type != "report" and photo.stage in SHOWN_TO_DEPUTY:
            deputy = deputies.get(photo.owner_id)
            if deputy is not None:
                shared[photo_id] = replace(scopes[photo_id], owner_id=deputy)
    return shared


def _problems_of_reports(session: Session, report_ids: set[str]) -> dict[str, Scope]:
    """Report id → the scope of the problem made of it (the first, as ``linked_issues``)."""
    if not report_ids:
        return {}
    issues = session.scalars(
        select(Issue)
        .where(Issue.report_id.in_(report_ids))
        .order_by(Issue.created_at, Issue.id)
        .options(selectinload(Issue.project))
    )
    kind = record_type("issue")
    found: dict[str, Scope] = {}
    for issue in issues:
        if issue.report_id is not None and issue.report_id not in found:
            found[issue.report_id] = kind.scope_of(session, issue)
    return found


def _deputies_of_problems(session: Session, issue_ids: set[str]) -> dict[str, int]:
    """Problem id → the deputy whose report it was made from (problems of a report only)."""
    if not issue_ids:
        return {}
    rows = session.execute(
        select(Issue.id, DeputyReport.deputy_id)
        .join(DeputyReport, DeputyReport.id == Issue.report_id)
        .where(Issue.id.in_(issue_ids))
    )
    return {issue_id: deputy_id for issue_id, deputy_id in rows}
