"""The problem ledger for the office and the units: lists, one problem, its actions, slips.

Every change goes through ``server.issues.transitions`` / ``server.issues.extensions``: the one state machine
the phones' mutations use too. Their refusals become HTTP errors here with the same reasons.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import selectinload

from core.orm import utcnow
from server.audience import holds_clause
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.issues import events as event_contract  # noqa: F401  (what notifications read)
from server.issues import extensions as issue_extensions
from server.issues import transitions as ledger
from server.issues.closing import warning_flags
from server.issues.deadlines import (  # noqa: F401  (re-exported: other domains import these from here)
    COLOURED_STATES,
    COLOURS,
    colour_bounds,
    local_date,
    rectified_late,
)
from server.issues.evidence import photos_ready  # noqa: F401  (re-exported: other domains import these from here)
from server.issues.history import events_page
from server.issues.machine import (  # noqa: F401  (re-exported: other domains import these from here)
    EXTENSION_STATES,
    STATE_LABELS,
    allowed_targets,
    check_transition,
    label,
    state_text,
)
from server.issues.models import AssignmentSlip, Issue, IssueEvent
from server.issues.recording import record_event  # noqa: F401  (re-exported: the one builder of a problem event)
from server.issues.returned import mark_returned, returned_inspections  # noqa: F401  (lists use it)
from server.issues.scope import unit_serves, visible_issues, visible_slips  # noqa: F401  (re-exported: other domains import these from here)
from server.media.models import Photo
from server.projects.services import today
from server.regions.models import Region
from server.reports.models import DeputyReport
from server.search import contains_text
from sync.errors import Conflict, Rejected

T = TypeVar("T")
SLIP_CODE = re.compile(r"(\d{4})\D{1,3}(\d{1,6})")
_LOADS = (
    selectinload(Issue.unit),
    selectinload(Issue.project),
    selectinload(Issue.slips),
    selectinload(Issue.report).selectinload(DeputyReport.deputy),
)


def _colour_clause(colour: str) -> ColumnElement[bool]:
    low, high = colour_bounds(colour, today())
    parts = [Issue.state.in_(COLOURED_STATES), Issue.deadline.isnot(None)]
    if low is not None:
        parts.append(Issue.deadline >= low)
    if high is not None:
        parts.append(Issue.deadline <= high)
    return and_(*parts)


def _filters(args: dict[str, Any]) -> list[ColumnElement[bool]]:
    """WHERE clauses of the list's filters, except state and colour (the counts' dimensions)."""
    clauses: list[ColumnElement[bool]] = []
    if "unit_id" in args:
        clauses.append(Issue.unit_id == args["unit_id"])
    if "project_id" in args:
        clauses.append(Issue.project_id == args["project_id"])
    if "township_id" in args:
        township = db.session.get(Region, args["township_id"])
        inside = holds_clause(township.path, Issue.region_path) if township else false()
        clauses.append(inside)
    if args.get("extension_pending") is not None:
        pending = Issue.pending_extension_until.isnot(None)
        clauses.append(pending if args["extension_pending"] else ~pending)
    if args.get("q"):
        q = args["q"].strip()
        matches = [contains_text(q, Issue.title, Issue.description)]
        slip = SLIP_CODE.search(q)  # 督交〔2023〕17号, 〔2023〕17 or 2023-17
        if slip is not None:
            year, number = int(slip.group(1)), int(slip.group(2))
            matches.append(
                Issue.slips.any(and_(AssignmentSlip.year == year, AssignmentSlip.number == number))
            )
        clauses.append(or_(*matches))
    return clauses


def _counts(base: list[ColumnElement[bool]]) -> dict[str, dict[str, int]]:
    by_state = db.session.execute(
        select(Issue.state, func.count()).where(*base).group_by(Issue.state)
    ).all()
    colours = {
        colour: db.session.scalar(
            select(func.count()).select_from(Issue).where(*base, _colour_clause(colour))
        )
        or 0
        for colour in COLOURS
    }
    return {"states": {state: n for state, n in by_state}, "colours": colours}


def _listing(user: User, args: dict[str, Any]) -> dict[str, Any]:
    base = [visible_issues(user), *_filters(args)]
    where = list(base)
    if "state" in args:
        where.append(Issue.state == args["state"])
    if "colour" in args:
        where.append(_colour_clause(args["colour"]))
    total = db.session.scalar(select(func.count()).select_from(Issue).where(*where)) or 0
    query: Select[tuple[Issue]] = (
        select(Issue)
        .where(*where)
        .options(*_LOADS)
        .order_by(Issue.deadline.is_(None), Issue.deadline, Issue.created_at.desc(), Issue.id)
        .limit(args.get("limit", 100))
        .offset(args.get("offset", 0))
    )
    items = list(db.session.scalars(query))
    mark_returned(items)
    return {"items": items, "total": total, "counts": _counts(base)}


def list_issues(user: User, args: dict[str, Any]) -> dict[str, Any]:
    """The office's ledger of its area, filtered; soonest deadline first; with counts."""
    return _listing(user, args)


def my_issues(user: User, args: dict[str, Any]) -> dict[str, Any]:
    """A unit's 整改清单: its problems with deadlines and colours."""
    return _listing(user, args)


def get_issue(user: User, issue_id: str) -> Issue:
    issue = db.session.scalar(
        select(Issue).where(Issue.id == issue_id, visible_issues(user)).options(*_LOADS)
    )
    if issue is None:
        raise AppError("not_found")
    return issue


@dataclass
class IssueView:
    """One problem as its page shows it: the record, its photos, and what the user may do."""

    issue: Issue
    events: list[IssueEvent]  # the latest (history.EVENTS_PAGE); older ones through events()
    events_more: bool
    photo_ids: list[str]
    photos: list[Photo]  # the same, in the same order
    warning_flags: list[dict[str, Any]]  # of its rectification and check photos (closing.py)
    close_needs_reason: bool
    allowed_targets: list[str]
    can_decide_extension: bool
    can_request_extension: bool

    def __getattr__(self, name: str) -> Any:
        return getattr(self.issue, name)


def detail(user: User, issue_id: str) -> IssueView:
    """One problem with its latest events, slips, photo ids and what the user may do next."""
    issue = get_issue(user, issue_id)
    mark_returned([issue])
    history = events_page(issue.id)
    # its own photos, and those of the deputy's report it was made from (the first evidence)
    owned = Photo.owner_type.in_(("issue", "event")) & (Photo.owner_id == issue.id)
    if issue.report_id is not None:
        owned = owned | ((Photo.owner_type == "report") & (Photo.owner_id == issue.report_id))
    photos = list(
        db.session.scalars(select(Photo).where(owned).order_by(Photo.created_at, Photo.id))
    )
    pending = issue.pending_extension_until is not None
    acts = ledger.may_act_on(user, issue)
    flags = warning_flags(db.session, issue.id)
    return IssueView(
        issue=issue,
        events=history["items"],
        events_more=history["has_more"],
        photo_ids=[photo.id for photo in photos],
        photos=photos,
        warning_flags=flags,
        close_needs_reason=bool(flags),
        allowed_targets=allowed_targets(issue.state, user.role) if acts else [],
        can_decide_extension=acts and user.is_office and pending,
        can_request_extension=acts
        and user.role == "unit"
        and not pending
        and issue.state in EXTENSION_STATES,
    )


def events(user: User, issue_id: str, args: dict[str, Any]) -> dict[str, Any]:
    """A page of the problem's older history: events before ``args['before']``."""
    issue = get_issue(user, issue_id)
    return events_page(issue.id, args["limit"], args.get("before"))


def _refused(call: Callable[[], T]) -> T:
    """Run a change of the one state machine; its refusal becomes a clear HTTP error."""
    try:
        return call()
    except Conflict as conflict:
        raise AppError.of(conflict, status=409) from None
    except Rejected as refusal:  # with its status in core.problems (403, 404, 409 or 422)
        raise AppError.of(refusal) from None


def transition(user: User, issue_id: str, args: dict[str, Any]) -> Issue:
    """Move a problem if it is still in ``expected_from`` (else 409, nothing recorded: the
    office sees the refusal at once, unlike a phone's offline change)."""
    get_issue(user, issue_id)  # 404 before anything else for what the user may not see
    issue = db.session.get(Issue, issue_id)
    assert issue is not None
    if issue.state != args["expected_from"]:
        raise AppError(
            "state_changed.reload",
            extra={"state": issue.state},
            state=state_text(issue.state),
            to=state_text(args["to"]),
        )
    timezone = current_app.config["TIMEZONE"]
    return _refused(
        lambda: ledger.transition(
            db.session, user, {**args, "issue_id": issue_id}, utcnow(), timezone=timezone
        )
    )


def request_extension(user: User, issue_id: str, args: dict[str, Any]) -> Issue:
    get_issue(user, issue_id)
    return _refused(
        lambda: issue_extensions.request_extension(
            db.session, user, issue_id, args["deadline"], args["reason"], utcnow()
        )
    )


def decide_extension(user: User, issue_id: str, args: dict[str, Any]) -> Issue:
    get_issue(user, issue_id)
    return _refused(
        lambda: issue_extensions.decide_extension(
            db.session,
            user,
            issue_id,
            args["approve"],
            utcnow(),
            deadline=args.get("deadline"),
            reason=args.get("reason"),
        )
    )


def get_slip(user: User, slip_id: int) -> AssignmentSlip:
    slip = db.session.scalar(
        select(AssignmentSlip).where(AssignmentSlip.id == slip_id, visible_slips(user))
    )
    if slip is None:
        raise AppError("not_found")
    return slip
