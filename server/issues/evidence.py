"""Evidence for a problem's move: the photos cited by ``issue.transition`` (``photo_ids``).

A move may cite only photos that
- are attached to this problem (or to its events),
- were uploaded by the actor's side: a user of the problem's unit for the unit's 已整改, an
  inspector or the office for theirs (复核), never the other side's (the inspector's "found"
  photo is no proof of a fix),
- were attached after the problem was (last) assigned,
- are neither the same bytes (SHA-256) nor nearly the same picture (phash) as an earlier photo
  of the problem (its own, its inspection's, the deputy report's it came from).

A photo's bytes may still be on their way (the phone pushes its records before the uploads
finish). Such a move is not refused and not applied: it waits (an ``EvidenceWait`` row, and an
``evidence_waiting`` event the office sees as 待照片) until the last cited photo is ready
(``photos_ready``, called when bytes arrive). It is then applied as its actor at that moment,
with ``expected_from`` checked again: a problem that moved on meanwhile gets a conflict event,
photos that fail a check then (a near-duplicate picture) an ``evidence_refused`` event. A move
whose photos never arrive (a made-up hash, a phone lost) is never applied: it stays 待照片 in the
problem's history, and the unit reports the fix again with photos that do arrive.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.auth.models import User
from server.issues.events import EVIDENCE_REFUSED, EVIDENCE_WAITING, TRANSITION
from server.issues.models import Issue, IssueEvent
from server.issues.recording import record_event
from server.media.models import Blob, EvidenceWait, Photo
from server.media.services import cited_stage, similar_bits
from sync.changes import log_change, log_changes
from sync.errors import Conflict, Rejected

log = logging.getLogger(__name__)

OFFICE_SIDE = ("inspector", "supervisor", "admin")


def _side(user: User) -> tuple[str, int | None]:
    if user.role == "unit":
        return "unit", user.unit_id
    if user.role in OFFICE_SIDE:
        return "office", None
    return user.role, user.id


def check_evidence(
    session: Session, user: User, issue: Issue, photo_ids: list[str], moment: datetime
) -> list[Photo]:
    """Raise Rejected for cited photos that can never count; return those whose bytes have not
    arrived yet (empty: the move may be applied now). ``moment`` is when the move was made."""
    if not photo_ids:
        return []
    ids = set(photo_ids)
    photos = list(
        session.scalars(
            select(Photo).where(
                Photo.id.in_(ids),
                Photo.owner_type.in_(("issue", "event")),
                Photo.owner_id == issue.id,
            )
        )
    )
    if {p.id for p in photos} != ids:
        raise Rejected("evidence_not_found")
    uploaders = session.scalars(
        select(User).where(User.id.in_({p.uploaded_by_id for p in photos}))
    ).all()
    if any(_side(uploader) != _side(user) for uploader in uploaders):
        unit = user.role == "unit"
        raise Rejected("evidence_not_yours.unit" if unit else "evidence_not_yours.office")
    assigned_at = session.scalar(
        select(func.max(IssueEvent.at)).where(
            IssueEvent.issue_id == issue.id,
            IssueEvent.kind == TRANSITION,
            IssueEvent.to_state == "assigned",
        )
    )
    if assigned_at is not None and any(p.created_at < assigned_at for p in photos):
        raise Rejected("evidence_before_assignment")
    earlier = _earlier_photos(issue, ids, moment)
    cited = {p.sha256 for p in photos}
    if session.scalar(select(func.count()).where(earlier, Photo.sha256.in_(cited))):
        raise Rejected("evidence_reused")
    pending = [p for p in photos if p.status != "ready"]
    if not pending:
        _check_similar(session, cited, earlier)
    return pending


def stage_cited(session: Session, from_state: str, to: str, photo_ids: list[str]) -> None:
    """A move fixes the stage of the photos it cites: the unit's 已整改 makes them its fix
    (``rectify``), a check of the fix (复核) makes them the check (``verify``)."""
    stage = cited_stage(from_state, to)
    if stage is None or not photo_ids:
        return
    photos = list(
        session.scalars(select(Photo).where(Photo.id.in_(photo_ids), Photo.stage != stage))
    )
    for photo in photos:
        photo.stage = stage
        photo.version += 1
    if photos:
        log_changes(session, "photo", photos)


def _earlier_photos(issue: Issue, cited: set[str], moment: datetime) -> Any:
    """The condition on ``Photo`` for the problem's other photos attached by ``moment``."""
    owners = [and_(Photo.owner_type.in_(("issue", "event")), Photo.owner_id == issue.id)]
    if issue.inspection_id is not None:
        owners.append(and_(Photo.owner_type == "inspection", Photo.owner_id == issue.inspection_id))
    if issue.report_id is not None:
        owners.append(and_(Photo.owner_type == "report", Photo.owner_id == issue.report_id))
    return and_(or_(*owners), Photo.id.not_in(cited), Photo.created_at <= moment)


def _check_similar(session: Session, cited: set[str], earlier: Any) -> None:
    from server.media.services import hamming

    hashes = set(session.scalars(select(Blob.phash).where(Blob.sha256.in_(cited))))
    hashes.discard(None)
    if not hashes:
        return
    before = session.scalars(
        select(Blob.phash).join(Photo, Photo.sha256 == Blob.sha256).where(earlier)
    )
    bits = similar_bits()
    for old in before:
        if old and any(hamming(old, new) <= bits for new in hashes):
            raise Rejected("evidence_similar")


def wait_for_photos(
    session: Session,
    user: User,
    issue: Issue,
    args: dict[str, Any],
    pending: list[Photo],
    now: datetime,
    client_id: str | None,
    mutation_id: int | None,
    at: tuple[datetime, bool] | None = None,
) -> None:
    """Keep the move until its photos' bytes arrive; the problem's history says 待照片, at
    the move's action time (``at``, server.clock), which the move keeps when applied."""
    done, skewed = at or (now, False)
    kept = {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in args.items()}
    session.add(
        EvidenceWait(
            issue_id=issue.id,
            actor_id=user.id,
            args=kept,
            client_id=client_id,
            mutation_id=mutation_id,
            created_at=now,
        )
    )
    _note_on_history(
        session,
        issue,
        args,
        EVIDENCE_WAITING,
        user.id,
        done,
        received_at=now,
        clock_skew=skewed,
        reason=args.get("reason"),
        data={
            "photo_ids": list(args.get("photo_ids") or []),
            "waiting_for": sorted(p.id for p in pending),
        },
        client_id=client_id,
        mutation_id=mutation_id,
    )


def _note_on_history(
    session: Session,
    issue: Issue,
    args: dict[str, Any],
    kind: str,
    actor_id: int,
    at: datetime,
    **event: Any,
) -> None:
    """Add an event about the waiting move ``args`` to the problem's history, and tell pull."""
    record_event(
        session,
        issue,
        kind,
        actor_id,
        at,
        from_state=args["expected_from"],
        to_state=args["to"],
        **event,
    )
    issue.version += 1
    log_change(session, "issue", issue)


def photos_ready(session: Session, photos: list[Photo]) -> None:
    """Apply the waiting moves of these photos' problems whose photos are all ready now."""
    issue_ids = {p.owner_id for p in photos if p.owner_type in ("issue", "event")}
    if not issue_ids:
        return
    session.flush()  # the photos just made ready
    waiting = session.scalars(
        select(EvidenceWait.issue_id).where(EvidenceWait.issue_id.in_(issue_ids)).distinct()
    ).all()
    for issue_id in sorted(waiting):  # two uploads of one move's photos: one after the other
        session.get(Issue, issue_id, with_for_update=True)
    waits = session.scalars(
        select(EvidenceWait).where(EvidenceWait.issue_id.in_(issue_ids)).order_by(EvidenceWait.id)
    ).all()
    for wait in waits:
        ids = list(wait.args.get("photo_ids") or [])
        ready = session.scalar(
            select(func.count()).where(Photo.id.in_(ids), Photo.status == "ready")
        )
        if ready == len(set(ids)):
            _apply(session, wait)


def _waited_since(session: Session, wait: EvidenceWait) -> tuple[datetime, bool] | None:
    """The action time of the waiting move (its 待照片 event's): the move is shown when it was
    made. It is received when its last photo arrives (``now`` of the applying), as a
    rectification counts once its evidence is there (deadlines.rectified_late)."""
    event = session.scalars(
        select(IssueEvent)
        .where(
            IssueEvent.issue_id == wait.issue_id,
            IssueEvent.kind == EVIDENCE_WAITING,
            IssueEvent.actor_id == wait.actor_id,
            IssueEvent.received_at == wait.created_at,
        )
        .order_by(IssueEvent.id.desc())
        .limit(1)
    ).first()
    return (event.at, event.clock_skew) if event is not None else None


def _apply(session: Session, wait: EvidenceWait) -> None:
    """Apply the waiting move now; a conflict or a refusal is kept on the problem instead.

    Any other failure is logged and leaves the move waiting: the bytes are stored regardless.
    """
    from server.issues.transitions import transition

    actor = session.get(User, wait.actor_id)
    args = dict(wait.args)
    if isinstance(args.get("deadline"), str):  # kept as JSON
        args["deadline"] = date.fromisoformat(args["deadline"])
    if actor is None:  # pragma: no cover - a user is never deleted (their wait goes with them)
        return
    now = utcnow()
    at = _waited_since(session, wait)
    savepoint = session.begin_nested()
    try:
        transition(session, actor, args, now, wait.client_id, wait.mutation_id, at=at)
        savepoint.commit()
        session.delete(wait)
        return
    except Conflict as conflict:
        savepoint.rollback()
        session.delete(wait)
        if conflict.record is not None:
            conflict.record(session)
        return
    except Rejected as refusal:
        savepoint.rollback()
        session.delete(wait)
        failure = refusal
    except Exception:
        savepoint.rollback()
        log.exception("the move waiting on problem %s could not be applied", wait.issue_id)
        return
    issue = session.get(Issue, args["issue_id"])
    if issue is None:  # pragma: no cover - the wait is deleted with its problem
        return
    _note_on_history(
        session,
        issue,
        args,
        EVIDENCE_REFUSED,
        actor.id,
        now,
        reason=failure.message,
        data={"code": failure.code, "photo_ids": args.get("photo_ids") or []},
        client_id=wait.client_id,
        mutation_id=wait.mutation_id,
    )
