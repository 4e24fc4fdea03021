"""What makes a submission urgent, and the order of the review queue (pure, unit-tested).

An inspection is **urgent** when it found a high-severity problem (``high_problem``) or one of
its photos raised an evidence flag of severity ``warning`` (``evidence_flag``: taken far from the
project, EXIF place or time far from the phone's fix, no location at all, the same or a nearly
identical photo used elsewhere). ``info`` flags (poor accuracy, no EXIF time, project without a
location) are shown but do not make it urgent.

The queue: urgent submissions first, then the rest; within each group the newest submission
first (``submitted_at`` descending), then by id so the order is stable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, Protocol, TypeVar

URGENT_SEVERITY = "high"
REASON_LABELS = {
    "high_problem": ("发现严重问题", "A high-severity problem was found"),
    "evidence_flag": ("照片存疑", "A photo raised an evidence flag"),
}


def photo_flags(evidence: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The flags recorded for one photo (none while its bytes are pending)."""
    if not evidence:
        return []
    return [f for f in evidence.get("flags") or [] if isinstance(f, dict)]


def raised(flags: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The flags that count as raised (severity ``warning``)."""
    return [f for f in flags if f.get("severity") == "warning"]


def urgency_reasons(severities: Iterable[str], flags: Iterable[dict[str, Any]]) -> list[str]:
    """Why a submission is urgent, in a fixed order (empty: not urgent)."""
    reasons = []
    if URGENT_SEVERITY in set(severities):
        reasons.append("high_problem")
    if raised(flags):
        reasons.append("evidence_flag")
    return reasons


class Queued(Protocol):
    @property
    def urgent(self) -> bool: ...
    @property
    def submitted_at(self) -> datetime | None: ...
    @property
    def id(self) -> str: ...


Q = TypeVar("Q", bound=Queued)


def queue_order(entries: Sequence[Q]) -> list[Q]:
    """Urgent first; newest submission first within each group; id breaks ties."""
    by_id = sorted(entries, key=lambda e: e.id)
    newest = sorted(
        by_id, key=lambda e: e.submitted_at.timestamp() if e.submitted_at else 0.0, reverse=True
    )
    return sorted(newest, key=lambda e: not e.urgent)
