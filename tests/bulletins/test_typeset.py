"""Chinese line breaking for the bulletin PDF (server/bulletins/typeset.py), one character one
unit wide so the lines are easy to read off."""

from __future__ import annotations

import pytest

from server.bulletins.typeset import break_lines, full_width, tokens


def width(text: str) -> float:
    return float(len(text))


def test_codes_amounts_and_percentages_are_single_tokens() -> None:
    assert tokens("TS2023-S022完成84.46%，下达53,253.00万元") == [
        "TS2023-S022",
        "完",
        "成",
        "84.46%，",
        "下",
        "达",
        "53,253.00",
        "万",
        "元",
    ]


def test_a_percentage_moves_whole_to_the_next_line() -> None:
    lines = break_lines("资金下达占计划的84.46%；已完成", width, 10, 10)
    assert lines == ["资金下达占计划的", "84.46%；已完成"]


def test_closing_punctuation_never_starts_a_line() -> None:
    lines = break_lines("一二三四五，六七", width, 5, 5)
    assert lines == ["一二三四", "五，六七"]


def test_opening_punctuation_never_ends_a_line() -> None:
    lines = break_lines("一二三四（五）六", width, 5, 5)
    assert lines == ["一二三四", "（五）六"]


def test_the_first_line_has_its_own_width() -> None:
    assert break_lines("一二三四五六七八", width, 3, 5) == ["一二三", "四五六七八"]


@pytest.mark.parametrize(
    ("ascii", "wide"),
    [
        ("81个,已完成35个", "81个，已完成35个"),
        ("县(区)级", "县（区）级"),
        ("评价:满意;其他", "评价：满意；其他"),
        ("TS2023-S022 (2023)", "TS2023-S022 (2023)"),
    ],
)
def test_full_width_punctuation_next_to_han(ascii: str, wide: str) -> None:
    assert full_width(ascii) == wide
