"""Notifications derived from what is written, in the same transaction.

A ``before_flush`` listener on SQLAlchemy's ``Session`` class looks at the new ``IssueEvent``
rows and at status changes of ``DeputyReport`` and ``Inspection`` and adds ``Notification``
rows to the flush. Whoever writes those records (sync mutations, the office's API, a script)
notifies without calling this module; a rollback takes the notifications with it.

An ``IssueEvent`` is read by its exact ``kind`` and the ``data`` that kind carries
(server/issues/events.py): a move that assigns, sends back, is returned or reopens (a deputy's
不满意), and the three steps of an extension (延期) tell someone; every other kind tells nobody.
Data is read as the contract writes it: a key it requires is read as such, no column stands in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from server.inspections.models import Inspection
from server.issues.models import Issue, IssueEvent
from server.issues.services import event_contract as contract
from server.notifications import texts
from server.notifications.models import Notification
from server.notifications.recipients import active_user, local_today, office_users, unit_users
from server.reports.models import DeputyReport


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


def _day(value: str | None) -> date | None:
    """An ISO day of an event's data (server/issues/events.py), or None."""
    return date.fromisoformat(value) if value else None


def _issue_of(session: Session, ev: IssueEvent) -> Issue | None:
    return ev.__dict__.get("issue") or (
        session.get(Issue, ev.issue_id) if ev.issue_id is not None else None
    )


def _unit_name(issue: Issue) -> str | None:
    return issue.unit.name if issue.unit is not None else None


def _to_unit(session: Session, issue: Issue, ev: IssueEvent, kind: str, title: str) -> list[Note]:
    users = tuple(unit_users(session, issue.unit_id))
    return [Note(users, kind, title, ev.reason, issue_id=issue.id)]


def _to_office(session: Session, issue: Issue, ev: IssueEvent, kind: str, title: str) -> list[Note]:
    users = tuple(office_users(session, issue.region_path))
    return [Note(users, kind, title, ev.reason, issue_id=issue.id)]


def _moved(session: Session, issue: Issue, ev: IssueEvent, today: date) -> list[Note]:
    """交办 (and 改派) tells the unit, 复核退回 tells the unit, 退回 tells the office, and a
    deputy's 不满意 reopening the closed problem tells the unit."""
    if ev.to_state == "assigned":  # a move to 已交办 has its unit and deadline, a slip if any
        move = cast(contract.Move, ev.data)
        deadline = _day(move["deadline"])
        title = texts.assigned(issue.title, deadline, today, move.get("slip_number"))
        users = tuple(unit_users(session, move["unit_id"]))
        return [Note(users, "assigned", title, ev.reason, issue_id=issue.id)]
    if ev.from_state == "rectified" and ev.to_state == "rectifying":
        return _to_unit(session, issue, ev, "returned", texts.sent_back(issue.title))
    if ev.from_state == "closed" and ev.to_state == "rectifying":
        # the one move a rating writes (server/reports/lifecycle.py), with its new deadline
        rating = cast(contract.Rating, ev.data)
        title = texts.reopened(issue.title, _day(rating["deadline"]), today)
        return _to_unit(session, issue, ev, "returned", title)
    if ev.to_state == "returned":
        title = texts.unit_returned(_unit_name(issue), issue.title)
        return _to_office(session, issue, ev, "returned", title)
    return []


def _extension_requested(session: Session, issue: Issue, ev: IssueEvent, today: date) -> list[Note]:
    asked = cast(contract.Extension, ev.data)
    wanted = _day(asked["proposed_deadline"])
    title = texts.extension_requested(_unit_name(issue), issue.title, wanted, today)
    return _to_office(session, issue, ev, "extension", title)


def _extension_approved(session: Session, issue: Issue, ev: IssueEvent, today: date) -> list[Note]:
    approved = cast(contract.ExtensionApproved, ev.data)
    title = texts.extension_decided(True, issue.title, _day(approved["deadline"]), today)
    return _to_unit(session, issue, ev, "extension", title)


def _extension_refused(session: Session, issue: Issue, ev: IssueEvent, today: date) -> list[Note]:
    refused = cast(contract.Extension, ev.data)
    title = texts.extension_decided(False, issue.title, _day(refused["previous_deadline"]), today)
    return _to_unit(session, issue, ev, "extension", title)


# the kinds that tell someone; any other (created, comment, conflict, evidence_*) tells nobody
HANDLERS: dict[str, Callable[[Session, Issue, IssueEvent, date], list[Note]]] = {
    contract.TRANSITION: _moved,
    contract.EXTENSION_REQUESTED: _extension_requested,
    contract.EXTENSION_APPROVED: _extension_approved,
    contract.EXTENSION_REFUSED: _extension_refused,
}


def issue_event_notes(session: Session, ev: IssueEvent, today: date) -> list[Note]:
    """Who is told of the event ``ev`` (nobody for a kind not in ``HANDLERS``)."""
    handler = HANDLERS.get(ev.kind)
    if handler is None:
        return []
    issue = _issue_of(session, ev)
    return [] if issue is None else handler(session, issue, ev, today)


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
