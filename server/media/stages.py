"""A photo's stage: what it shows in the life of the record it belongs to.

- ``inspection``: a checklist photo of an inspection (not a problem's);
- ``found`` (发现): the inspector's or the office's photo of a problem before the unit reported it
  fixed;
- ``rectify`` (整改): the responsible unit's photo of its fix;
- ``verify`` (复核): the inspector's or the office's photo once the unit reported 已整改;
- ``report`` (代表): the deputy's photo sent with a report.

Decided when the photo is attached, from its owner, its uploader's side and the problem's state
then (``derived_stage``); a move citing photos fixes theirs (``cited_stage``). Pure.
"""

from __future__ import annotations

PHOTO_STAGES = ("inspection", "found", "rectify", "verify", "report")
# the problem's states in which the office's photo is a check of the unit's fix (复核)
VERIFYING_STATES = frozenset({"rectified", "verified", "closed"})
OFFICE_SIDE = frozenset({"inspector", "supervisor", "admin"})


def side_of(role: str) -> str:
    """The side a role speaks for: ``office`` (inspectors too), ``unit`` or ``deputy``."""
    return "office" if role in OFFICE_SIDE else role


def derived_stage(owner_type: str, role: str, issue_state: str | None = None) -> str:
    """The stage of a photo attached to ``owner_type`` by a user of ``role`` while the problem
    (for a problem's or its event's photo) is in ``issue_state``."""
    if owner_type in ("inspection", "report"):
        return owner_type
    side = side_of(role)
    if side == "unit":
        return "rectify"
    if side == "deputy":
        return "report"
    return "verify" if issue_state in VERIFYING_STATES else "found"


def allowed_stages(owner_type: str, role: str) -> frozenset[str]:
    """The stages the phone may ask for: those of the uploader's side on this owner."""
    if owner_type in ("inspection", "report"):
        return frozenset({owner_type})
    side = side_of(role)
    if side == "unit":
        return frozenset({"rectify"})
    if side == "deputy":
        return frozenset({"report"})
    return frozenset({"found", "verify"})


def cited_stage(from_state: str, to_state: str) -> str | None:
    """The stage a move gives the photos it cites: the unit's 已整改 → ``rectify``; a check of
    the fix (复核 passed, or sent back to 整改中) → ``verify``; other moves leave them be."""
    if to_state == "rectified":
        return "rectify"
    if from_state == "rectified" and to_state in ("verified", "rectifying"):
        return "verify"
    return None
