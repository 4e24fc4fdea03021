"""An inspection's life: its statuses, the moves between them, and the commands that make them.

    draft ──submit──▶ submitted ──approve──▶ approved
                          └───────return──▶ returned

Only a draft changes (notes, kind, checklist, location, answers, photos: ``EDITS``), and only its
inspector changes it. A submitted inspection changes again only by the office's review. Nothing leads back from
approved or returned: a correction is a new inspection whose ``replaces_id`` names a submitted or
returned one (``CORRECTABLE``); it starts as a draft and is submitted like any other, and the
one it corrects keeps its status (the office's queue shows the correction, the old one lists it
under ``corrected_by``).

The phone's mutations (server/inspections/mutations.py) and the office's review
(server/review/services.py) both call these commands, so one set of rules applies. A refusal is
``Rejected`` with a key of core.problems; the office's API answers it with that key's status.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, scoped_session

from core.orm import foreign_key
from core.problems import listed
from server.auth.models import User
from server.clock import action_time, claimed_time
from server.inspections.designer import check_for_project
from server.inspections.models import Answer, ChecklistItem, ChecklistTemplate, Inspection
from server.inspections.values import check_answer_value, photo_shortfalls
from server.mutations import check_new_id, location_columns, visible_project
from server.planning.services import complete_tasks
from sync.changes import log_change
from sync.context import MutationContext
from sync.errors import Rejected, forbidden, not_found

STATUSES = ("draft", "submitted", "approved", "returned")
# (status, move) → the status the move leads to; no other move is made
MOVES: dict[tuple[str, str], str] = {
    ("draft", "submit"): "submitted",
    ("submitted", "approve"): "approved",
    ("submitted", "return"): "returned",
}
REVIEW_MOVES = ("approve", "return")
# the status in which an inspection still changes
EDITABLE = "draft"
# what a draft takes without moving (its inspector's edits, a photo attached to it) → the refusal
# once it has moved on
EDITS: dict[str, str] = {
    "edit": "inspection_submitted",
    "attach_photo": "inspection_submitted.photo",
}
# a new inspection may correct one in these statuses (the one corrected keeps its status)
CORRECTABLE = ("submitted", "returned")
INSPECTING_ROLES = ("inspector", "supervisor", "admin")


def refusal(status: str, move: str) -> Rejected | None:
    """Why ``move`` (one of MOVES, or of EDITS) is not made from ``status`` (None: it is)."""
    if move in EDITS:
        return None if status == EDITABLE else Rejected(EDITS[move])
    if (status, move) in MOVES:
        return None
    if move not in REVIEW_MOVES:
        return Rejected("inspection_submitted")
    if status == "draft":
        return Rejected("not_submitted.review")
    return Rejected(f"already_reviewed.{status}")


def check_move(inspection: Inspection, move: str) -> None:
    """Refuse ``move`` (of MOVES or EDITS) unless the inspection's status allows it; e.g.
    ``check_move(inspection, "attach_photo")``: may a photo be added to it."""
    refused = refusal(inspection.status, move)
    if refused is not None:
        raise refused


def _move(session: Session, inspection: Inspection, move: str, **columns: Any) -> None:
    """Make ``move`` (refused unless MOVES lists it), setting ``columns`` with the status."""
    check_move(inspection, move)
    inspection.status = MOVES[(inspection.status, move)]
    for key, value in columns.items():
        setattr(inspection, key, value)
    _changed(session, inspection)


def _changed(session: Session, inspection: Inspection) -> None:
    """A new version, logged so the phones pull it."""
    inspection.version += 1
    log_change(session, "inspection", inspection)


# What one push's mutations share (``ctx.cache``, kept for the batch): a checklist of answers
# then costs no round trip per answer for what the batch already knows. The session's identity
# map holds records only weakly, so without these each answer.set would load its inspection,
# item and answer again; and a change row per answer would repeat the one the batch has.
_INSPECTION = "inspections.inspection"  # id → the Inspection
_TEMPLATE = "inspections.template"  # id → the ChecklistTemplate
_ITEMS = "inspections.items"  # template id → {item id: ChecklistItem}
_ANSWERS = "inspections.answers"  # inspection id → {item id: Answer}
_LOGGED = "inspections.logged"  # inspection ids whose change row this batch wrote


def _real(session: Session | scoped_session[Session]) -> Session:
    return session() if isinstance(session, scoped_session) else session


def _in_savepoint(session: Session) -> bool:
    """In push's slow pass (a savepoint per mutation), not its fast one."""
    return _real(session).in_nested_transaction()


def _held(session: Session, record: Any) -> Any:
    """``record`` when it is still in the session: one made in a savepoint since rolled back
    (push's slow path) is not, and must not be used again."""
    return record if record is not None and record in _real(session) else None


def _template(ctx: MutationContext, template_id: str | None) -> ChecklistTemplate | None:
    if template_id is None:
        return None
    template = _held(ctx.session, ctx.cache.get((_TEMPLATE, template_id)))
    if template is None:
        template = ctx.session.get(ChecklistTemplate, template_id)
        if template is None:
            raise not_found("checklist")
        ctx.cache[(_TEMPLATE, template_id)] = template
    return template


def _items(ctx: MutationContext, template_id: str) -> dict[str, ChecklistItem]:
    """The checklist's items by id, loaded once per push (items never change in a push)."""
    items = ctx.cache.get((_ITEMS, template_id))
    if items is None:
        query = select(ChecklistItem).where(ChecklistItem.template_id == template_id)
        with ctx.session.no_autoflush:  # nothing pending changes a checklist
            items = {item.id: item for item in ctx.session.scalars(query)}
        ctx.cache[(_ITEMS, template_id)] = items
    return items


def _answers(ctx: MutationContext, inspection: Inspection) -> dict[str, Answer]:
    """The inspection's answers by item id, loaded once per push (none for one it created)."""
    answers = ctx.cache.get((_ANSWERS, inspection.id))
    if answers is None:
        query = select(Answer).where(Answer.inspection_id == inspection.id)
        # answers are made only by set_answer, which keeps them here from the first on
        with ctx.session.no_autoflush:
            answers = {answer.item_id: answer for answer in ctx.session.scalars(query)}
        ctx.cache[(_ANSWERS, inspection.id)] = answers
    return answers


def _template_id(inspection: Inspection) -> str | None:
    """Its checklist's id, also when this push set the checklist and has not flushed since."""
    if "template" in inspection.__dict__:
        template = inspection.__dict__["template"]
        return None if template is None else template.id
    return inspection.template_id


def _own_draft(ctx: MutationContext, inspection_id: str) -> Inspection:
    """The user's own inspection, still a draft (submitted ones are immutable)."""
    inspection = _held(ctx.session, ctx.cache.get((_INSPECTION, inspection_id)))
    if inspection is None:
        inspection = ctx.session.get(Inspection, inspection_id)
    # one created in this push is not flushed yet: its foreign keys are its relationships
    if inspection is None or foreign_key(inspection, "inspector") != ctx.user.id:
        raise not_found("inspection")
    check_move(inspection, "edit")
    ctx.cache[(_INSPECTION, inspection_id)] = inspection
    return inspection


def _edited(ctx: MutationContext, inspection: Inspection) -> None:
    """A draft's edit: a new version, and a change row unless this push already wrote one for
    it. One row per record and transaction is enough: pull sends the record as it is when it
    reads the row, and the batch commits whole. Only in push's fast pass (no savepoint): in its
    slow pass a savepoint that wrote the row may since have been rolled back."""
    logged: set[str] = ctx.cache.setdefault(_LOGGED, set())
    if inspection.id in logged and not _in_savepoint(ctx.session):
        inspection.version += 1
        return
    _changed(ctx.session, inspection)
    if not _in_savepoint(ctx.session):
        logged.add(inspection.id)


def _check_correctable(ctx: MutationContext, inspection_id: str) -> None:
    old = ctx.session.get(Inspection, inspection_id)
    if old is None or old.inspector_id != ctx.user.id:
        raise not_found("corrected_inspection")
    if old.status not in CORRECTABLE:
        raise Rejected("not_submitted")


def create(ctx: MutationContext, args: Mapping[str, Any]) -> Inspection | None:
    """A new draft of a project the user sees (a correction with ``replaces_id``); None when
    this user already created it (a replay)."""
    if ctx.user.role not in INSPECTING_ROLES:
        raise forbidden("forbidden.new_inspection")
    if check_new_id(ctx, Inspection, args["id"], "inspection") is not None:
        return None
    project = visible_project(ctx, args["project_id"])
    template = _template(ctx, args.get("template_id"))
    check_for_project(template, project)
    replaces = args.get("replaces_id")
    if replaces is not None:
        _check_correctable(ctx, replaces)
    started_at, skewed = claimed_time(ctx, args["started_at"])
    inspection = Inspection(
        id=args["id"],
        project=project,
        kind=args["kind"],
        status=EDITABLE,
        version=1,
        template=template,
        inspector=ctx.user,
        started_at=started_at,
        received_at=ctx.now,
        clock_skew=skewed,
        notes=args.get("notes"),
        replaces_id=replaces,
        **location_columns(args.get("location")),
    )
    ctx.session.add(inspection)
    log_change(ctx.session, "inspection", inspection, new=True)
    ctx.cache[(_INSPECTION, inspection.id)] = inspection
    ctx.cache[(_ANSWERS, inspection.id)] = {}
    if not _in_savepoint(ctx.session):
        ctx.cache.setdefault(_LOGGED, set()).add(inspection.id)
    return inspection


def update(ctx: MutationContext, inspection_id: str, changes: Mapping[str, Any]) -> Inspection:
    """Change a draft's notes, kind, checklist (not once answered) or location."""
    inspection = _own_draft(ctx, inspection_id)
    if "notes" in changes:
        inspection.notes = changes["notes"]
    if "kind" in changes:
        inspection.kind = changes["kind"]
    if "template_id" in changes:
        if inspection.answers and changes["template_id"] != _template_id(inspection):
            raise Rejected("template_locked")
        inspection.template = _template(ctx, changes["template_id"])
        check_for_project(inspection.template, inspection.project)
    if changes.get("location"):
        for key, value in location_columns(changes["location"]).items():
            setattr(inspection, key, value)
    _edited(ctx, inspection)
    return inspection


def set_answer(
    ctx: MutationContext, inspection_id: str, item_id: str, value: Any, note: str | None
) -> Answer:
    """Answer one item of the draft's checklist (the last answer wins; None clears it)."""
    inspection = _own_draft(ctx, inspection_id)
    item = None
    template_id = _template_id(inspection)
    if template_id is not None:
        item = _items(ctx, template_id).get(item_id)
    if item is None:
        raise not_found("checklist_item")
    value = check_answer_value(item, value)
    answers = _answers(ctx, inspection)
    answer = _held(ctx.session, answers.get(item.id))
    if answer is None:
        answer = Answer(inspection=inspection, item=item)
        ctx.session.add(answer)
        answers[item.id] = answer
    answered_at, skewed = action_time(ctx, created_at=inspection.started_at)
    answer.value, answer.note, answer.answered_at = value, note, answered_at
    answer.received_at, answer.clock_skew = ctx.now, skewed
    _edited(ctx, inspection)
    return answer


def submit(ctx: MutationContext, inspection_id: str) -> Inspection:
    """Submit a draft whose required items are all answered; it completes the inspector's
    tasks for its project and kind."""
    inspection = _own_draft(ctx, inspection_id)
    if inspection.template is not None:
        answered = {a.item_id for a in inspection.answers if a.value not in (None, "", [])}
        missing = [
            i.label for i in inspection.template.items if i.required and i.id not in answered
        ]
        if missing:
            raise Rejected("incomplete", items=listed(missing))
        values = {a.item_id: a.value for a in inspection.answers}
        short = photo_shortfalls(inspection.template.items, values)
        if short:
            raise Rejected("photo_min_count", items=listed(_at_least(i) for i in short))
    submitted_at, skewed = action_time(ctx, created_at=inspection.started_at)
    _move(
        ctx.session,
        inspection,
        "submit",
        submitted_at=submitted_at,
        received_at=ctx.now,
        clock_skew=inspection.clock_skew or skewed,
    )
    complete_tasks(ctx.session, inspection)
    return inspection


def _at_least(item: ChecklistItem) -> str:
    return f"{item.label}（≥{item.min_count}）"


def review(
    session: Session,
    user: User,
    inspection: Inspection,
    move: str,
    note: str | None,
    now: datetime,
) -> Inspection:
    """The office approves a submitted inspection or returns it with ``note`` (the reason the
    phone shows); a draft or one already reviewed is refused. The caller has locked the row
    and checked the user may review it."""
    if move not in REVIEW_MOVES or not user.is_office:
        raise forbidden()
    _move(session, inspection, move, reviewed_by_id=user.id, reviewed_at=now, review_note=note)
    return inspection
