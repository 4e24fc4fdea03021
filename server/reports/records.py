"""Deputies' reports as pull sends them: the deputy follows 受理 → 交办 → 整改 → 答复."""

from __future__ import annotations

from typing import Any

from marshmallow import fields
from sqlalchemy.orm import Session, selectinload

from server.issues.models import Issue
from server.issues.services import event_contract as contract
from server.reports.models import DeputyReport
from server.reports.schemas import ReportFields, ReportStepFields
from sync.registry import RecordType, register_record_type
from sync.scope import Scope

_STEPS = ReportStepFields(many=True)


def _linked(report: DeputyReport) -> Issue | None:
    return report.linked_issues[0] if report.linked_issues else None


def _report_steps(report: DeputyReport) -> list[dict[str, Any]]:
    """What the deputy follows: 受理 → 交办 → 整改 → 答复 (a declined report has none)."""
    issue = _linked(report)
    moves = [e for e in issue.events if e.kind == contract.TRANSITION] if issue else []

    def last(*states: str) -> Any:
        return max((e.at for e in moves if e.to_state in states), default=None)

    fixed = issue is not None and issue.state in ("rectified", "verified", "closed")
    return _STEPS.dump(
        [
            {"key": "accepted", "done": issue is not None, "at": issue and issue.created_at},
            {"key": "assigned", "done": last("assigned") is not None, "at": last("assigned")},
            {"key": "rectified", "done": fixed, "at": last("rectified") if fixed else None},
            {"key": "replied", "done": report.status in ("replied", "rated"), "at": None},
        ]
    )


def _reopened(report: DeputyReport) -> dict[str, Any] | None:
    """The latest 不满意 that sent the problem back to 整改中, with its new deadline."""
    issue = _linked(report)
    for event in reversed(issue.events if issue else []):
        if (event.data or {}).get("reopened"):
            return {"at": event.at.isoformat(), "deadline": event.data["deadline"]}
    return None


class ReportData(ReportFields):
    """The report's fields (server/reports/schemas.py) and how its problem goes."""

    issue_id = fields.Function(lambda r: _linked(r) and _linked(r).id)
    issue_state = fields.Function(lambda r: _linked(r) and _linked(r).state)
    issue_deadline = fields.Function(
        lambda r: _linked(r) and _linked(r).deadline and _linked(r).deadline.isoformat()
    )
    steps = fields.Function(_report_steps)
    reopened = fields.Function(_reopened)


_REPORT = ReportData()


def report_scope(session: Session, report: DeputyReport) -> Scope:
    """Its deputy's, and the office of its region."""
    return Scope(report.region_path, None, None, report.deputy_id)


def _report_moved(session: Session, reports: list[Any], moved: list[str]) -> None:
    """Its photos follow a report that moved; once accepted they go with the problem made of
    it too (server/media/sharing.py), so a change of the report looks at them again."""
    from server.media.records import photos_follow, photos_rescoped, report_photos

    photos_follow(session, "report", moved)
    accepted = [r.id for r in reports if r.id not in moved and r.status != "submitted"]
    photos_rescoped(session, report_photos(session, accepted))


REPORTS = register_record_type(
    RecordType(
        name="report",
        model=DeputyReport,
        scope_of=report_scope,
        serialize=lambda report, user: _REPORT.dump(report),
        load_options=(selectinload(DeputyReport.linked_issues).selectinload(Issue.events),),
        after_change=_report_moved,
    )
)
