"""Schedule status (序时进度): pure rules, no database.

Planned progress is the elapsed share of the planned period (start → planned completion).
Reported progress is compared with it inside a band (default ±10 points):

- ``postponed`` 暂缓: the project carries a postponement reason and is not completed.
- ``completed_early`` 提前完成 / ``completed`` 已完成: completed on or before ``as_of``;
  early when the completion date is before the planned completion date.
- ``behind`` 滞后: past the planned completion date and not completed, or
  reported − planned < −band.
- ``ahead`` 超序时: reported − planned > band.
- ``on_schedule`` 按序时: otherwise (the band's edges count as on schedule).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

COMPLETED_EARLY = "completed_early"
COMPLETED = "completed"
AHEAD = "ahead"
ON_SCHEDULE = "on_schedule"
BEHIND = "behind"
POSTPONED = "postponed"

STATUS_CODES = (COMPLETED_EARLY, COMPLETED, AHEAD, ON_SCHEDULE, BEHIND, POSTPONED)
STATUS_LABELS_ZH = {
    COMPLETED_EARLY: "提前完成",
    COMPLETED: "已完成",
    AHEAD: "超序时",
    ON_SCHEDULE: "按序时",
    BEHIND: "滞后",
    POSTPONED: "暂缓",
}
STATUS_LABELS_EN = {
    COMPLETED_EARLY: "Completed early",
    COMPLETED: "Completed",
    AHEAD: "Ahead of schedule",
    ON_SCHEDULE: "On schedule",
    BEHIND: "Behind schedule",
    POSTPONED: "Postponed",
}
DEFAULT_BAND = Decimal(10)


@dataclass(frozen=True)
class ScheduleFacts:
    """What the rules need to know about one project as of one day."""

    start_date: date | None
    planned_completion_date: date | None
    completed_on: date | None
    progress_pct: Decimal | None
    postponed_reason: str | None = None


@dataclass(frozen=True)
class ScheduleResult:
    status: str
    planned_progress_pct: Decimal | None


def planned_progress(start: date | None, planned_end: date | None, as_of: date) -> Decimal | None:
    """Elapsed share of the planned period in percent (0–100, one decimal), or None without dates."""
    if start is None or planned_end is None:
        return None
    if as_of >= planned_end:
        return Decimal(100)
    if as_of <= start:
        return Decimal(0)
    share = Decimal((as_of - start).days * 100) / Decimal((planned_end - start).days)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def schedule_status(
    facts: ScheduleFacts, as_of: date, band: Decimal = DEFAULT_BAND
) -> ScheduleResult:
    """Compute the schedule status of one project as of ``as_of``."""
    planned = planned_progress(facts.start_date, facts.planned_completion_date, as_of)
    completed_on = facts.completed_on
    if completed_on is not None and completed_on <= as_of:
        early = (
            facts.planned_completion_date is not None
            and completed_on < facts.planned_completion_date
        )
        return ScheduleResult(COMPLETED_EARLY if early else COMPLETED, planned)
    if completed_on is None and (facts.progress_pct or 0) >= 100:
        return ScheduleResult(COMPLETED, planned)
    if facts.postponed_reason:
        return ScheduleResult(POSTPONED, planned)
    if facts.planned_completion_date is not None and as_of > facts.planned_completion_date:
        return ScheduleResult(BEHIND, planned)
    if planned is None:
        return ScheduleResult(ON_SCHEDULE, None)
    diff = (facts.progress_pct or Decimal(0)) - planned
    if diff > band:
        return ScheduleResult(AHEAD, planned)
    if diff < -band:
        return ScheduleResult(BEHIND, planned)
    return ScheduleResult(ON_SCHEDULE, planned)
