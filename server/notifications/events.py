"""Notifications derived from what is written, in the same transaction.

A ``before_flush`` listener on SQLAlchemy's ``Session`` class looks at the new ``IssueEvent``
rows and at status changes of ``DeputyReport`` and ``Inspection`` and adds ``Notification``
rows to the flush. Whoever writes those records (sync mutations, the office's API, a script)
notifies without calling this module; a rollback takes the notifications with it.

Extensions (延期) are recognised on an ``IssueEvent`` whose ``kind`` starts with ``extension``
(``extension_requested`` / ``_approved`` / ``_refused``, sync/issue_extensions.py) or whose
``data`` has ``extension``: ``requested`` | ``approved`` | ``refused`` (see ``extension_step``).
The deadline asked for is ``data['proposed_deadline']``; the new one ``data['deadline']``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from server.inspections.models import Inspection
from server.issues.models import Issue, IssueEvent
from server.notifications import texts
from server.notifications.models import Notification
from server.notifications.recipients import active_user, local_today, office_users, unit_users
from server.reports.models import DeputyReport

_APPROVED = ("approved", "approve", "granted", "grant")
_REFUSED = ("refused", "refuse", "rejected", "reject", "denied", "deny")
_REQUESTED = ("requested", "request", "asked")


@dataclass(frozen=True)
class Note:
    """What to tell whom about which record."""

    users: tuple[int, ...]
    kind: str
    title: str
    body: str | None = None
    issue_id: str | None = None
    report_id: str | None = None
    inspection_id: str | None = None


def extension_step(kind: str | None, data: dict[str, Any] | None) -> str | None:
    """``requested``, ``approved``, ``refused`` or None (not an extension event)."""
    data = data or {}
    kind = (kind or "").lower()
    marker = data.get("extension")
    if not kind.startswith("extension") and marker is None:
        return None
    words = " ".join(
        str(v).lower()
        for v in (kind, marker, data.get("decision"), data.get("status"))
        if v is not None
    )
    if any(w in words for w in _APPROVED):
        return "approved"
    if any(w in words for w in _REFUSED):
        return "refused"
    if any(w in words for w in _REQUESTED) or kind.startswith("extension"):
        return "requested"
    return None


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _issue_of(session: Session, ev: IssueEvent) -> Issue | None:
    return ev.__dict__.get("issue") or (
        session.get(Issue, ev.issue_id) if ev.issue_id is not None else None
    )


def _unit_name(issue: Issue) -> str | None:
    return issue.unit.name if issue.unit is not None else None


def issue_event_notes(session: Session, ev: IssueEvent, today: date) -> list[Note]:
    issue = _issue_of(session, ev)
    if issue is None:
        return []
    data = ev.data or {}
    about = {"issue_id": issue.id, "body": ev.reason}
    step = extension_step(ev.kind, data)
    if step == "requested":
        wanted = _as_date(data.get("proposed_deadline") or data.get("deadline"))
        title = texts.extension_requested(_unit_name(issue), issue.title, wanted, today)
        return [Note(tuple(office_users(session, issue.region_path)), "extension", title, **about)]
    if step is not None:
        deadline = _as_date(data.get("deadline") or data.get("new_deadline")) or issue.deadline
        title = texts.extension_decided(step == "approved", issue.title, deadline, today)
        return [Note(tuple(unit_users(session, issue.unit_id)), "extension", title, **about)]
    if ev.kind not in ("transition", "created"):
        return []
    if ev.to_state == "assigned":
        unit_id = data.get("unit_id") or issue.unit_id
        deadline = _as_date(data.get("deadline")) or issue.deadline
        title = texts.assigned(issue.title, deadline, today, data.get("slip_number"))
        return [Note(tuple(unit_users(session, unit_id)), "assigned", title, **about)]
    if ev.from_state == "rectified" and ev.to_state == "rectifying":
        title = texts.sent_back(issue.title)
        return [Note(tuple(unit_users(session, issue.unit_id)), "returned", title, **about)]
    if ev.to_state == "returned":
        title = texts.unit_returned(_unit_name(issue), issue.title)
        return [Note(tuple(office_users(session, issue.region_path)), "returned", title, **about)]
    return []


def _new_value(session: Session, obj: Any, attribute: str) -> Any:
    """The value ``attribute`` changed to in this flush, or None when it did not change.

    Set on an expired object (after a commit) the old value is unknown to the ORM: it is read
    from the database, which still holds it until this flush."""
    history = inspect(obj).attrs[attribute].history
    if not history.added:
        return None
    new = history.added[0]
    if history.deleted:
        old = history.deleted[0]
    else:
        model = type(obj)
        old = session.scalar(select(getattr(model, attribute)).where(model.id == obj.id))
    return new if new != old else None


def report_notes(session: Session, report: DeputyReport) -> list[Note]:
    notes = []
    status = _new_value(session, report, "status")
    if status in ("replied", "declined"):
        title = (texts.report_replied if status == "replied" else texts.report_declined)(
            report.title
        )
        deputy = tuple(active_user(session, report.deputy_id))
        notes.append(Note(deputy, "replied", title, report.reply, report_id=report.id))
    rating = _new_value(session, report, "rating")
    if rating is not None:
        title = texts.report_rated(rating, report.title)
        office = tuple(office_users(session, report.region_path))
        notes.append(Note(office, "rated", title, report.rating_comment, report_id=report.id))
    return notes


def inspection_notes(session: Session, inspection: Inspection) -> list[Note]:
    status = _new_value(session, inspection, "status")
    if status not in ("returned", "approved"):
        return []
    project = inspection.project
    name = project.name if project is not None else None
    if status == "returned":
        kind, title = "returned", texts.inspection_returned(name)
    else:
        kind, title = "reviewed", texts.inspection_approved(name)
    inspector = tuple(
        u for u in active_user(session, inspection.inspector_id) if u != inspection.reviewed_by_id
    )
    return [Note(inspector, kind, title, inspection.review_note, inspection_id=inspection.id)]


def collect(session: Session) -> list[tuple[Note, int | None]]:
    """The notes of this flush, each with the actor to leave out (one is not told of oneself)."""
    today = local_today()
    found: list[tuple[Note, int | None]] = []
    for obj in list(session.new):
        if isinstance(obj, IssueEvent):
            found += [(n, obj.actor_id) for n in issue_event_notes(session, obj, today)]
    for obj in list(session.dirty):
        if isinstance(obj, DeputyReport):
            found += [(n, None) for n in report_notes(session, obj)]
        elif isinstance(obj, Inspection):
            found += [(n, None) for n in inspection_notes(session, obj)]
    return found


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    with session.no_autoflush:
        found = collect(session)
    seen: set[tuple[Any, ...]] = set()
    for note, actor_id in found:
        for user_id in note.users:
            key = (user_id, note.kind, note.title, note.issue_id, note.report_id)
            if user_id == actor_id or key in seen:
                continue
            seen.add(key)
            session.add(
                Notification(
                    user_id=user_id,
                    kind=note.kind,
                    title=note.title,
                    body=note.body,
                    issue_id=note.issue_id,
                    report_id=note.report_id,
                    inspection_id=note.inspection_id,
                )
            )


def register() -> None:
    """Listen on every Session (idempotent: create_app runs many times in tests)."""
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
