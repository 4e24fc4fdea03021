"""The contract of a problem's history: each ``IssueEvent.kind`` and the ``data`` it carries.

Writers (the state machine's moves, extensions, evidence waits, deputies' reports) write exactly
these; readers (notifications, bulletins, the history the PWA shows) read exactly these.
``reason`` is a column of its own (a move's reason, a comment's text, a refusal's message),
never a ``data`` key. Dates in ``data`` are ISO days (``2023-09-01``).

No ``from __future__ import annotations`` here: TypedDict reads ``Required``/``NotRequired``
from real annotations only (Python 3.11).
"""

from typing import Any, Literal, NotRequired, TypedDict

CREATED = "created"  # a problem recorded (issue.create) or made from a deputy's report (受理)
TRANSITION = "transition"  # a move of the state machine; from_state → to_state
COMMENT = "comment"  # a comment (the text is ``reason``)
CONFLICT = "conflict"  # a phone's move that lost a race, kept for the office (not applied)
EXTENSION_REQUESTED = "extension_requested"  # a unit asks for a later deadline (延期申请)
EXTENSION_APPROVED = "extension_approved"  # the office grants it: the deadline moves
EXTENSION_REFUSED = "extension_refused"  # the office refuses it, with a reason
EVIDENCE_WAITING = "evidence_waiting"  # a move citing photos still on their way (待照片)
EVIDENCE_REFUSED = "evidence_refused"  # such a move, refused when its photos arrived

KINDS = (
    CREATED,
    TRANSITION,
    COMMENT,
    CONFLICT,
    EXTENSION_REQUESTED,
    EXTENSION_APPROVED,
    EXTENSION_REFUSED,
    EVIDENCE_WAITING,
    EVIDENCE_REFUSED,
)


class FromReport(TypedDict):
    """``created`` from a deputy's report (受理); a problem recorded on a phone has no data."""

    via: Literal["report"]
    report_id: str


class Move(TypedDict):
    """``transition`` and ``conflict``: the move's arguments as sent, those left empty left out.
    A move to 已交办 (交办, 改派) has ``unit_id`` and ``deadline``, and adds the slip it issued
    and the ones it voided; 已整改 and 复核 have ``photo_ids``; 重复 has ``duplicate_of``; a
    销号 over doubtful photos lists the flags it overrode (its reason says why)."""

    expected_from: str
    unit_id: NotRequired[int]
    deadline: NotRequired[str]
    requirements: NotRequired[str]
    duplicate_of: NotRequired[str]
    photo_ids: NotRequired[list[str]]
    slip_id: NotRequired[int]
    slip_number: NotRequired[str]  # 督交〔2023〕17号
    voided_slips: NotRequired[list[str]]
    # 销号 over warning flags of the fix's photos (server/issues/closing.py): [{photo_id, code}]
    overridden_flags: NotRequired[list[dict[str, str]]]


class Rating(TypedDict):
    """A deputy's 不满意 on the problem made from their report: a ``comment`` on an open
    problem, or a ``transition`` 已销号 → 整改中 (``reopened``) with a new ``deadline``."""

    via: Literal["rating"]
    rating: Literal["dissatisfied"]
    report_id: str
    reopened: NotRequired[Literal[True]]
    deadline: NotRequired[str]


class Extension(TypedDict):
    """``extension_requested`` and ``extension_refused``."""

    proposed_deadline: str | None  # asked for
    previous_deadline: str | None  # in force when the step was taken


class ExtensionApproved(Extension):
    """``extension_approved``: the deadline now in force."""

    deadline: str


class EvidenceWaiting(TypedDict):
    """``evidence_waiting``: from_state/to_state are the waiting move's."""

    photo_ids: list[str]  # cited by the move
    waiting_for: list[str]  # those whose bytes have not arrived


class EvidenceRefused(TypedDict):
    """``evidence_refused``: the refusal's code (its message is ``reason``)."""

    code: str
    photo_ids: list[str]


# kind → the shapes its data takes (None: no data)
SHAPES: dict[str, tuple[type | None, ...]] = {
    CREATED: (None, FromReport),
    TRANSITION: (Move, Rating),
    COMMENT: (None, Rating),
    CONFLICT: (Move,),
    EXTENSION_REQUESTED: (Extension,),
    EXTENSION_APPROVED: (ExtensionApproved,),
    EXTENSION_REFUSED: (Extension,),
    EVIDENCE_WAITING: (EvidenceWaiting,),
    EVIDENCE_REFUSED: (EvidenceRefused,),
}


def conforms(kind: str, data: dict[str, Any] | None) -> bool:
    """Whether ``data`` is one of the shapes of ``kind`` (its keys, not their values)."""
    for shape in SHAPES.get(kind, ()):
        if shape is None:
            if data is None:
                return True
        elif data is not None:
            required, keys = shape.__required_keys__, set(data)  # type: ignore[attr-defined]
            if required <= keys <= required | shape.__optional_keys__:  # type: ignore[attr-defined]
                return True
    return False
