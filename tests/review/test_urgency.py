"""Urgency and queue order as pure functions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from server.review.urgency import photo_flags, queue_order, raised, urgency_reasons

WARN = {"code": "far_from_project", "severity": "warning"}
INFO = {"code": "no_exif_time", "severity": "info"}


@dataclass
class E:
    id: str
    urgent: bool
    submitted_at: datetime | None


def at(hour: int) -> datetime:
    return datetime(2023, 7, 31, hour, tzinfo=UTC)


def test_reasons() -> None:
    assert urgency_reasons(["low", "medium"], [INFO]) == []
    assert urgency_reasons(["high"], []) == ["high_problem"]
    assert urgency_reasons([], [INFO, WARN]) == ["evidence_flag"]
    assert urgency_reasons(["high"], [WARN]) == ["high_problem", "evidence_flag"]


def test_flags_of_a_pending_photo_are_none() -> None:
    assert photo_flags(None) == []
    assert photo_flags({"flags": [WARN, "junk"]}) == [WARN]
    assert raised([WARN, INFO]) == [WARN]


def test_order_urgent_first_newest_first_ties_by_id() -> None:
    entries = [
        E("a", False, at(9)),
        E("b", True, at(8)),
        E("c", False, at(10)),
        E("e", True, at(8)),
        E("d", True, at(8)),
        E("f", False, None),
    ]
    assert [e.id for e in queue_order(entries)] == ["b", "d", "e", "c", "a", "f"]
