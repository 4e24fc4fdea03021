"""Problems of a returned inspection (退回): until the inspector resubmits it, the office sees them
marked 所属检查已退回 in the ledger and the lists (README: 退回)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import aliased

from server.db import db
from server.inspections.models import Inspection


def returned_inspections(inspection_ids: Iterable[str | None]) -> set[str]:
    """Those of the inspections that are returned and not yet resubmitted (no correction of
    theirs is submitted or approved)."""
    ids = {i for i in inspection_ids if i}
    if not ids:
        return set()
    correction = aliased(Inspection)
    resubmitted = (
        select(correction.id)
        .where(
            correction.replaces_id == Inspection.id,
            correction.status.in_(("submitted", "approved")),
        )
        .exists()
    )
    query = select(Inspection.id).where(
        Inspection.id.in_(ids), Inspection.status == "returned", ~resubmitted
    )
    return set(db.session.scalars(query))


def mark_returned(issues: Iterable[object]) -> None:
    """Set ``inspection_returned`` on each problem (what the schemas send)."""
    issues = list(issues)
    waiting = returned_inspections(getattr(i, "inspection_id", None) for i in issues)
    for issue in issues:
        issue.inspection_returned = getattr(issue, "inspection_id", None) in waiting  # type: ignore[attr-defined]
