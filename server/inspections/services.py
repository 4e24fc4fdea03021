"""What the inspections domain offers others: the lifecycle's statuses, moves, the check whether
a move or an edit (a photo attached) may be made, and the office's review command
(server/inspections/lifecycle.py)."""

from __future__ import annotations

from server.inspections.lifecycle import (  # noqa: F401  (re-exported: other domains import these from here)
    MOVES,
    REVIEW_MOVES,
    STATUSES,
    check_move,
    review,
)
