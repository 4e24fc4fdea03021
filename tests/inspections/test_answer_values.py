"""An answer's value against its item: the kinds the designer added (multiple choice, date) and
a number's range and wholeness (server/inspections/values.py)."""

from __future__ import annotations

from typing import Any

import pytest

from server.inspections.models import ChecklistItem
from server.inspections.values import check_answer_value, photo_shortfalls
from sync.errors import Rejected


def item(kind: str, **fields: Any) -> ChecklistItem:
    return ChecklistItem(id=f"{kind}-1", position=1, kind=kind, label="检查项", **fields)


def refused(it: ChecklistItem, value: Any) -> Rejected:
    with pytest.raises(Rejected) as caught:
        check_answer_value(it, value)
    return caught.value


def test_a_number_inside_its_range_is_kept() -> None:
    assert check_answer_value(item("number", minimum=0, maximum=100), 100) == 100


@pytest.mark.parametrize(
    ("bounds", "value", "said"),
    [
        ({"minimum": 0, "maximum": 100}, 101, "「检查项」应在 0–100 之间"),
        ({"minimum": 0, "maximum": 100}, -1, "「检查项」应在 0–100 之间"),
        ({"minimum": 1.5}, 1, "「检查项」应不小于 1.5"),
        ({"maximum": 20}, 21, "「检查项」应不大于 20"),
    ],
)
def test_a_number_outside_its_range_is_refused(bounds, value, said) -> None:
    refusal = refused(item("number", **bounds), value)
    assert (refusal.key, refusal.message) == ("invalid_value.range", said)


def test_an_integer_item_refuses_a_fraction() -> None:
    it = item("number", integer=True)
    assert check_answer_value(it, 3.0) == 3.0
    assert refused(it, 2.5).key == "invalid_value.integer"


def test_multiple_choice_takes_a_list_of_its_options_each_once() -> None:
    it = item("multiple_choice", options=["厕所", "饮水", "照明"])
    assert check_answer_value(it, ["厕所", "照明"]) == ["厕所", "照明"]
    assert check_answer_value(it, []) == []
    for wrong in ("厕所", ["厕所", "厕所"], ["电梯"], [1]):
        assert refused(it, wrong).key == "invalid_value.multiple_choice", wrong


def test_a_date_is_a_real_day_written_yyyy_mm_dd() -> None:
    it = item("date")
    assert check_answer_value(it, "2026-12-07") == "2026-12-07"
    for wrong in ("2026-02-30", "2026/12/07", "20261207", 20261207, "2026-12-07T00:00"):
        assert refused(it, wrong).key == "invalid_value.date", wrong


def test_a_photo_item_short_of_its_count_is_listed() -> None:
    two = item("photo", min_count=2, required=True)
    optional = ChecklistItem(id="p2", position=2, kind="photo", label="细部", min_count=1)
    assert photo_shortfalls([two, optional], {two.id: ["a"]}) == [two]
    assert photo_shortfalls([two, optional], {two.id: ["a", "b"]}) == []
    # an optional photo item not taken is not short; taken, it needs its count
    assert photo_shortfalls([optional], {optional.id: []}) == []
