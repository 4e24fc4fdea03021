"""Problems: create, move through the state machine, comment — for sync and the office's API."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from server.audience import can_see, in_region
from server.auth.models import User
from server.issues import limits
from server.issues.closing import check_close
from server.issues.deadlines import DEFAULT_TIMEZONE
from server.issues.events import COMMENT, CONFLICT, TRANSITION
from server.issues.evidence import check_evidence, stage_cited, wait_for_photos
from server.issues.machine import EXTENSION_STATES, check_transition, state_text
from server.issues.models import Issue, IssueEvent
from server.issues.recording import record_event
from server.issues.scope import unit_serves
from server.issues.slips import issue_slip, void_slips_in_force
from server.regions.models import Unit
from sync.changes import log_change, scope_of
from sync.errors import Conflict, Rejected, forbidden, not_found


def visible_issue(session: Session, user: User, issue_id: str, lock: bool = False) -> Issue:
    """The problem if ``user`` may see it; ``lock`` holds its row until commit (PostgreSQL), so
    two changes of one problem at the same time are decided one after the other."""
    issue = (
        session.get(Issue, issue_id, with_for_update=True, populate_existing=True)
        if lock
        else session.get(Issue, issue_id)
    )
    if issue is None or not can_see(user, scope_of(session, "issue", issue)):
        raise not_found("problem")
    return issue


def may_act_on(user: User, issue: Issue) -> bool:
    """Beyond the role: a unit only on its own problems, office users within their region."""
    if user.role == "unit":
        return issue.unit_id is not None and issue.unit_id == user.unit_id
    if user.is_office:
        return in_region(user, issue.region_path)
    return True


def _json_ready(args: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value.isoformat() if isinstance(value, date | datetime) else value
        for key, value in args.items()
        if value is not None and key not in ("issue_id", "to", "reason")
    }


def _event(
    session: Session,
    issue: Issue,
    kind: str,
    from_state: str,
    to_state: str,
    user: User,
    now: datetime,
    args: dict[str, Any],
    client_id: str | None,
    mutation_id: int | None,
    at: tuple[datetime, bool] | None = None,
) -> IssueEvent:
    """The event of a move received ``now``, done ``at`` (the action time and whether the
    phone's clock was not trusted, ``server.clock``; the office's moves are done ``now``)."""
    done, skewed = at or (now, False)
    return record_event(
        session,
        issue,
        kind,
        user.id,
        done,
        received_at=now,
        clock_skew=skewed,
        from_state=from_state,
        to_state=to_state,
        reason=args.get("reason"),
        data=_json_ready(args),
        client_id=client_id,
        mutation_id=mutation_id,
    )


def _check_evidence(
    session: Session,
    user: User,
    issue: Issue,
    args: dict[str, Any],
    now: datetime,
    client_id: str | None,
    mutation_id: int | None,
    at: tuple[datetime, bool] | None = None,
) -> bool:
    """The cited photos must count as evidence (``server.issues.evidence``: this problem's, the actor's
    side's, after the assignment, new pictures); raises Rejected when they cannot. True when
    some have no bytes yet: the move is kept waiting (待照片), applied when they arrive."""
    pending = check_evidence(session, user, issue, args.get("photo_ids") or [], now)
    if pending:
        wait_for_photos(session, user, issue, args, pending, now, client_id, mutation_id, at)
    return bool(pending)


def transition(
    session: Session,
    user: User,
    args: dict[str, Any],
    now: datetime,
    client_id: str | None = None,
    mutation_id: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    settings: Mapping[str, Any] | None = None,
    at: tuple[datetime, bool] | None = None,
) -> Issue:
    """Move a problem to ``args['to']`` if it is still in ``args['expected_from']``; ``at`` is
    the phone's action time (``server.clock``), ``now`` when the server received the move.

    A move that lost a race raises Conflict, whose ``record`` keeps a conflict event on the
    problem for the office to see (Rejected instead, nothing kept, once the user had their
    hour's ``ISSUE_CONFLICTS_PER_HOUR`` of them); a move the rules forbid raises Rejected.
    Assigning (交办) issues a numbered slip (交办单) whose number and id the event's data keep.
    """
    issue = visible_issue(session, user, args["issue_id"], lock=True)
    to, expected = args["to"], args["expected_from"]
    if issue.state != expected:
        refusal = limits.conflict_refusal(session, user, now, settings)
        if refusal is not None:
            raise refusal
        current = issue.state
        issue_id = issue.id

        def record(s: Session) -> None:
            kept = s.get(Issue, issue_id)
            assert kept is not None
            _event(s, kept, CONFLICT, current, to, user, now, args, client_id, mutation_id, at)
            kept.version += 1
            log_change(s, "issue", kept)

        raise Conflict("state_changed", record=record, state=state_text(current), to=state_text(to))
    if not may_act_on(user, issue):
        raise forbidden()
    refusal = check_transition(
        issue.state,
        to,
        user.role,
        unit_id=args.get("unit_id"),
        deadline=args.get("deadline"),
        reason=args.get("reason"),
        photo_ids=args.get("photo_ids"),
        duplicate_of=args.get("duplicate_of"),
    )
    if refusal is not None:
        raise Rejected(refusal.key, **refusal.params)
    overridden = check_close(session, issue.id, args.get("reason")) if to == "closed" else []
    if _check_evidence(session, user, issue, args, now, client_id, mutation_id, at):
        return issue
    args = dict(args)
    if overridden:
        args["overridden_flags"] = overridden
    if to == "assigned":
        _assign(session, user, issue, args, now, timezone)
    if to == "duplicate":
        original = visible_issue(session, user, args["duplicate_of"])
        if original.id == issue.id:
            raise Rejected("duplicate_of_self")
        issue.duplicate_of_id = original.id
    _event(session, issue, TRANSITION, issue.state, to, user, now, args, client_id, mutation_id, at)
    stage_cited(session, issue.state, to, args.get("photo_ids") or [])
    issue.state = to
    if to not in EXTENSION_STATES:
        issue.pending_extension_until = None  # a request on a problem that moved on is moot
    issue.version += 1
    log_change(session, "issue", issue)
    return issue


def _assign(
    session: Session,
    user: User,
    issue: Issue,
    args: dict[str, Any],
    now: datetime,
    timezone: str,
) -> None:
    """Give the problem its unit and deadline and issue the slip, voiding any slip still in
    force (改派); ``args`` gain the slip's number and id (and the voided ones) for the event.
    Only a unit of the problem's county (or of none) may take it."""
    unit = session.get(Unit, args["unit_id"])
    if unit is None:
        raise not_found("unit")
    if not unit_serves(unit, issue.region_path):
        raise Rejected("unit_out_of_area", unit=unit.name)
    voided = void_slips_in_force(issue, now)
    issue.unit, issue.deadline = unit, args["deadline"]
    issue.pending_extension_until = None  # the former unit's request goes with the problem
    slip = issue_slip(
        session, user, issue, unit, args["deadline"], args.get("requirements"), now, timezone
    )
    session.flush()
    args["slip_id"], args["slip_number"] = slip.id, slip.code
    if voided:
        args["voided_slips"] = [old.code for old in voided]


def comment(
    session: Session,
    user: User,
    issue_id: str,
    body: str,
    now: datetime,
    settings: Mapping[str, Any] | None = None,
    at: tuple[datetime, bool] | None = None,
) -> Issue:
    """Add a comment, within the user's ``ISSUE_COMMENTS_PER_HOUR``; ``at`` as in transition."""
    issue = visible_issue(session, user, issue_id)
    limits.check_comment_allowed(session, user, now, settings)
    done, skewed = at or (now, False)
    record_event(
        session, issue, COMMENT, user.id, done, received_at=now, clock_skew=skewed, reason=body
    )
    issue.version += 1
    log_change(session, "issue", issue)
    return issue


def require_creator_role(user: User) -> None:
    if user.role not in ("inspector", "supervisor", "admin"):
        raise Rejected("forbidden.new_problem")
