"""Problems as pull sends them, and where each is visible; its report and photos follow it."""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.issues.models import Issue, IssueEvent
from server.issues.schemas import EventSchema, IssueRecordFields, SlipInForceSchema, slip_in_force
from server.refs import location_of
from server.reports.models import DeputyReport
from sync.changes import log_changes
from sync.registry import RecordType, register_record_type
from sync.scope import Scope

# a problem's latest events on the phones (its history only grows; the office pages back)
SYNCED_EVENTS = 50
_EVENTS = EventSchema(many=True)
_SLIP = SlipInForceSchema()  # one instance: making a schema per problem cost more than its dump


def _latest_events(issue: Issue) -> list[dict[str, Any]]:
    return _EVENTS.dump(issue.events[-SYNCED_EVENTS:])


class IssueData(IssueRecordFields):
    """The problem's fields (server/issues/schemas.py), its project and place, and its latest
    events."""

    location = fields.Function(location_of)
    events = fields.Function(_latest_events)
    events_more = fields.Function(lambda issue: len(issue.events) > SYNCED_EVENTS)
    slip = fields.Function(lambda issue: _SLIP.dump(slip_in_force(issue)) or None)


_ISSUE = IssueData()


def issue_scope(session: Session, issue: Issue) -> Scope:
    """Its region, its project's township, its responsible unit, and whoever found it."""
    project = issue.project if foreign_key(issue, "project") is not None else None
    return Scope(
        issue.region_path,
        project.township_id if project else None,
        foreign_key(issue, "unit"),
        foreign_key(issue, "created_by"),
    )


def _issues_changed(session: Session, issues: list[Any], moved: list[str]) -> None:
    """Its photos follow a problem that moved; its report changes with it (a deputy follows
    the problem through the report, never seeing the problem itself)."""
    from server.media.records import photos_follow, photos_rescoped, report_photos

    photos_follow(session, "issue", moved)
    # the deputy's photos go with the problem made of the report (server/media/sharing.py)
    moved_reports = {i.report_id for i in issues if i.report_id is not None and i.id in moved}
    photos_rescoped(session, report_photos(session, moved_reports))
    report_ids = {issue.report_id for issue in issues if issue.report_id is not None}
    if report_ids:
        reports = session.scalars(select(DeputyReport).where(DeputyReport.id.in_(report_ids)))
        log_changes(session, "report", list(reports))


ISSUES = register_record_type(
    RecordType(
        name="issue",
        model=Issue,
        scope_of=issue_scope,
        serialize=lambda issue, user: _ISSUE.dump(issue),
        load_options=(
            # who did each event: a page's people in one query, not a query per person
            selectinload(Issue.events).selectinload(IssueEvent.actor),
            selectinload(Issue.unit),
            selectinload(Issue.created_by),
            selectinload(Issue.project),
            selectinload(Issue.slips),
            selectinload(Issue.report).selectinload(DeputyReport.deputy),
        ),
        after_change=_issues_changed,
    )
)
