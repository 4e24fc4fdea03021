"""What each flush appends to the audit chain, in the same transaction.

A ``before_flush`` listener notes the ledger events of the flush, with the values they replace
(read before the flush overwrites them); an ``after_flush`` listener, once the new rows have
their ids, builds one audit event each and queues it; at commit the queue is appended to the
chains unsealed (server/audit/chain.py) and sealed right after the commit
(server/audit/sealing.py), so a writer waits for no other writer's audit rows. Every
writer is covered whatever its path (sync mutation, office route, import, script); a rollback,
or a savepoint's, takes its queued events (and rows already chained) with it. Audited:

- ``issue_events``: every new problem event (its kind is the action);
- ``inspections``: a status change (submitted, approved, returned ...), with the review note;
- ``deputy_reports``: filing, each status move, and a rating;
- ``bulletins``: publication, with the number and the chain head it printed;
- ``projects``: creation and each change of a field, before → after (imports and edits).

The actor is the row's own (event actor, inspector, reviewer, deputy, publisher), else the
signed-in user of the request, else ``session.info["audit_actor_id"]`` (scripts), else none.
The time is the row's own (event time, submitted_at, reviewed_at, rated_at, published_at,
updated_at); the audit reads no clock of its own but where a row has no time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from flask import g, has_request_context
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.audit import ledger
from server.audit.chain import HEADS, Event, append, county_of_path, forget_heads, jsonable
from server.audit.sealing import seal_after_commit, seal_in
from server.bulletins.models import Bulletin
from server.inspections.models import Inspection
from server.issues.models import Issue, IssueEvent
from server.projects.models import Project
from server.reports.models import DeputyReport

_PENDING = "audit_pending"  # session.info: what this flush changes, noted before it
_QUEUED = "audit_queued"  # session.info: [(savepoint or transaction, event)] not yet chained
_SEALED = "audit_sealed"  # session.info: this commit has chained its queue
_TO_SEAL = "audit_to_seal"  # session.info: chains this transaction wrote or holds
_COMMITTED = "audit_committed"  # session.info: chains to seal once the connection is returned
log = logging.getLogger(__name__)
ACTOR_KEY = "audit_actor_id"
_UNAUDITED_PROJECT_FIELDS = {"id", "created_at", "updated_at", "version"}


@dataclass
class Noted:
    """A ledger event seen before the flush: the object, what happened, and what it replaced."""

    obj: Any
    action: str
    changes: dict[str, list[Any]] = field(default_factory=dict)


def _changes(session: Session, obj: Any, names: list[str]) -> dict[str, list[Any]]:
    """``{name: [before, after]}`` for the attributes this flush changes."""
    state = inspect(obj)
    found: dict[str, list[Any]] = {}
    unknown: list[str] = []
    for name in names:
        history = state.attrs[name].history
        if not history.added:
            continue
        if history.deleted:
            found[name] = [history.deleted[0], history.added[0]]
        else:
            unknown.append(name)
            found[name] = [None, history.added[0]]
    if unknown and state.persistent:  # set on an expired object: the database still has it
        model = type(obj)
        row = session.execute(
            select(*(getattr(model, n) for n in unknown)).where(model.id == obj.id)
        ).first()
        for name, old in zip(unknown, row or [None] * len(unknown), strict=True):
            found[name][0] = old
    return {k: v for k, v in found.items() if v[0] != v[1]}


def _project_fields() -> list[str]:
    return [c.key for c in inspect(Project).column_attrs if c.key not in _UNAUDITED_PROJECT_FIELDS]


def _note_new(obj: Any) -> Noted | None:
    if isinstance(obj, IssueEvent):
        return Noted(obj, obj.kind)
    if isinstance(obj, Inspection) and obj.status not in (None, "draft"):
        return Noted(obj, obj.status, {"status": [None, obj.status]})
    if isinstance(obj, DeputyReport):
        return Noted(obj, "created")
    if isinstance(obj, Project):
        return Noted(obj, "created")
    return None


def _note_dirty(session: Session, obj: Any) -> list[Noted]:
    if isinstance(obj, Inspection):
        moved = _changes(session, obj, ["status"])
        return [Noted(obj, moved["status"][1], moved)] if moved else []
    if isinstance(obj, DeputyReport):  # a rating moves the status too: one row, "rated"
        changed = _changes(session, obj, ["status", "rating"])
        if "rating" in changed:
            return [Noted(obj, "rated", changed)]
        return [Noted(obj, changed["status"][1], changed)] if changed else []
    if isinstance(obj, Bulletin):
        moved = _changes(session, obj, ["status"])
        return (
            [Noted(obj, "published", moved)]
            if moved.get("status", [0, 0])[1] == "published"
            else []
        )
    if isinstance(obj, Project):
        changed = _changes(session, obj, _project_fields())
        return [Noted(obj, "updated", changed)] if changed else []
    return []


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    noted: list[Noted] = []
    with session.no_autoflush:
        for obj in list(session.new):
            found = _note_new(obj)
            if found is not None:
                noted.append(found)
        for obj in list(session.dirty):
            noted += _note_dirty(session, obj)
    session.info[_PENDING] = noted


def _context_actor(session: Session) -> int | None:
    if has_request_context():
        user = g.get("user")
        if user is not None:
            return int(user.id)
    actor = session.info.get(ACTOR_KEY)
    return int(actor) if actor is not None else None


def _issue_event(session: Session, n: Noted) -> Event:
    ev: IssueEvent = n.obj
    issue = ev.__dict__.get("issue") or session.get(Issue, ev.issue_id)
    action, actor, at, data = ledger.content(ev)
    chain = county_of_path(session, issue.region_path if issue is not None else None)
    return Event(chain, ledger.TABLE, str(ev.id), action, actor, at, data)


def _inspection(session: Session, n: Noted) -> Event:
    ins: Inspection = n.obj
    reviewed = n.action in ("approved", "returned")
    actor = ins.reviewed_by_id if reviewed else ins.inspector_id
    at = (ins.reviewed_at if reviewed else ins.submitted_at) or utcnow()
    project = ins.project
    data = {
        "changes": n.changes,
        "project_id": ins.project_id,
        "kind": ins.kind,
        "inspector_id": ins.inspector_id,
        "submitted_at": ins.submitted_at,
        "received_at": ins.received_at,
        "clock_skew": ins.clock_skew,
        "review_note": ins.review_note if reviewed else None,
    }
    chain = project.county_id if project is not None else 0
    return Event(chain, "inspections", ins.id, n.action, actor, at, data)


def _report(session: Session, n: Noted) -> Event:
    report: DeputyReport = n.obj
    if n.action == "rated":
        actor, at = report.deputy_id, report.rated_at or report.updated_at
        data = {
            "changes": n.changes,
            "rating_comment": report.rating_comment,
            "received_at": report.rated_received_at,
            "clock_skew": report.clock_skew,
        }
    elif n.action == "created":
        actor, at = report.deputy_id, report.created_at
        data = {
            "title": report.title,
            "description": report.description,
            "project_id": report.project_id,
            "status": report.status,
            "received_at": report.received_at,
            "clock_skew": report.clock_skew,
        }
    else:
        actor, at = _context_actor(session), report.updated_at
        data = {"changes": n.changes, "reply": report.reply}
    chain = county_of_path(session, report.region_path)
    return Event(chain, "deputy_reports", report.id, n.action, actor, at or utcnow(), data)


def _bulletin(session: Session, n: Noted) -> Event:
    b: Bulletin = n.obj
    data = {
        "region_id": b.region_id,
        "year": b.year,
        "number": b.number,
        "title": b.title,
        "first_day": b.first_day,
        "last_day": b.last_day,
        "audit_seq": b.audit_seq,
        "audit_head": b.audit_head,
    }
    chain = county_of_path(session, b.region.path)
    at = b.published_at or utcnow()
    return Event(chain, "bulletins", str(b.id), "published", b.published_by_id, at, data)


def _project(session: Session, n: Noted) -> Event:
    p: Project = n.obj
    if n.action == "created":
        data = {name: getattr(p, name) for name in _project_fields()}
        at = p.created_at
    else:
        data = {"changes": n.changes}
        at = p.updated_at
    actor = _context_actor(session)
    return Event(p.county_id, "projects", str(p.id), n.action, actor, at or utcnow(), data)


_BUILDERS = {
    IssueEvent: _issue_event,
    Inspection: _inspection,
    DeputyReport: _report,
    Bulletin: _bulletin,
    Project: _project,
}


def _after_flush(session: Session, _context: Any) -> None:
    """Build the audit events of this flush (the rows have their ids now) and queue them, each
    with the savepoint it belongs to; chained at commit (``seal``)."""
    noted: list[Noted] = session.info.pop(_PENDING, [])
    if not noted:
        return
    with session.no_autoflush:
        events = [_BUILDERS[type(n.obj)](session, n) for n in noted]
    for ev in events:
        ev.data = jsonable(ev.data)  # as flushed, whatever happens to the objects later
    if session.info.get(_SEALED):  # a flush after this commit's sealing: write at once
        _write(session, events)
        return
    owner = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_QUEUED, []).extend((owner, ev) for ev in events)


def _seals_inline(session: Session) -> bool:
    """SQLite has one writer at a time: its rows are sealed in the writing transaction."""
    return session.get_bind().dialect.name != "postgresql"


def _write(session: Session, events: list[Event]) -> None:
    """Insert the rows unsealed; seal at once the chains this transaction may extend itself
    (every chain on SQLite, a chain whose head it already holds on PostgreSQL)."""
    chains = append(session, events)
    held = session.info.get(HEADS, {})
    for chain in sorted(chains if _seals_inline(session) else chains & held.keys()):
        seal_in(session, chain)
    session.info.setdefault(_TO_SEAL, set()).update(chains)


def seal(session: Session) -> None:
    """Write the queued events now (unsealed; see server/audit/sealing.py)."""
    queued = session.info.pop(_QUEUED, [])
    if queued:
        _write(session, [ev for _owner, ev in queued])


def _before_commit(session: Session) -> None:
    """At commit the queued events are written; the chains are sealed after it
    (``_after_commit``), so a writer holds no chain's lock while it commits."""
    session.flush()
    seal(session)
    session.info[_SEALED] = True
    session.info.setdefault(_TO_SEAL, set()).update(session.info.get(HEADS, {}).keys())


def _after_commit(session: Session) -> None:
    """Note the chains this transaction wrote (or held, to look again after letting go); they
    are sealed once its connection is back in the pool (``_transaction_ended``), so a thread
    never holds two connections (a pool of 2 behind PgBouncer would stall on it)."""
    chains = session.info.pop(_TO_SEAL, None)
    if chains and not _seals_inline(session):
        session.info[_COMMITTED] = chains


def _seal_committed(session: Session, chains: set[int]) -> None:
    try:
        seal_after_commit(session.get_bind(), chains)
    except Exception:  # the rows are committed; the next seal of their chain takes them
        log.exception("sealing audit chains %s after commit failed", sorted(chains))


def _within(owner: Any, transaction: Any) -> bool:
    while owner is not None:
        if owner is transaction:
            return True
        owner = owner.parent
    return False


def _rolled_back(session: Session, transaction: Any) -> None:
    """A savepoint (or the transaction) rolled back: its queued events go with its rows."""
    queued = session.info.get(_QUEUED)
    if queued:
        session.info[_QUEUED] = [(o, ev) for o, ev in queued if not _within(o, transaction)]


def _transaction_ended(session: Session, transaction: Any) -> None:
    if transaction.nested or transaction.parent is None:  # not a flush's own subtransaction
        forget_heads(session)
        session.info.pop(_SEALED, None)
    if transaction.parent is None:
        session.info.pop(_QUEUED, None)
        session.info.pop(_TO_SEAL, None)
        committed = session.info.pop(_COMMITTED, None)
        if committed:
            _seal_committed(session, committed)


_LISTENERS: tuple[tuple[str, Any], ...] = (
    ("before_flush", _before_flush),
    ("after_flush", _after_flush),
    ("before_commit", _before_commit),
    ("after_commit", _after_commit),
    ("after_soft_rollback", _rolled_back),
    ("after_transaction_end", _transaction_ended),
)


def register() -> None:
    """Listen on every Session (idempotent: create_app runs many times in tests)."""
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def unregister() -> None:
    """Stop appending (bench/audit.py measures a push without the trail)."""
    for name, listener in _LISTENERS:
        if event.contains(Session, name, listener):
            event.remove(Session, name, listener)
