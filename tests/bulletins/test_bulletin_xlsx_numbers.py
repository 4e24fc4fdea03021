"""The bulletin XLSX keeps figures as numbers a clerk can sum and sort: counts and 万元 as
numbers, percentages as fractions formatted 0.00%, each with its number format (never text)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.bulletins.test_bulletin_files import (  # noqa: F401  (fixtures)
    office,
    qingtian,
    workbook,
)


def total_cells(sheet):  # type: ignore[no-untyped-def]
    return next(row for row in sheet.iter_rows() if row[0].value == "合计")


def test_amounts_are_numbers_in_wan_with_two_decimals_shown(workbook) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    planned, released, spent = total_cells(workbook["资金情况"])[1:4]
    for cell in (planned, released, spent):
        assert cell.data_type == "n"
        assert cell.number_format == "#,##0.00"


def test_percentages_are_fractions_with_a_percent_format(workbook, qingtian) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    share = total_cells(workbook["资金情况"])[4]
    rate = total_cells(workbook["项目完成情况"])[3]
    assert (share.data_type, share.number_format) == ("n", "0.00%")
    assert (rate.data_type, rate.number_format) == ("n", "0.00%")
    assert Decimal(str(share.value)) == Decimal(qingtian["funds"]["total"]["released_share"]) / 100
    assert Decimal(str(rate.value)) == Decimal(qingtian["projects"]["total"]["rate"]) / 100


def test_counts_and_progress_are_numbers(workbook) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    counts = total_cells(workbook["序时进度"])[1:]
    assert all(c.data_type == "n" and isinstance(c.value, int) for c in counts)
    lagging = list(workbook["滞后项目"].iter_rows(min_row=3))[:-1]
    assert lagging
    for row in lagging:
        progress = row[5]
        assert progress.data_type == "n" and progress.number_format.endswith("%")
        assert 0 < progress.value < 1


@pytest.mark.parametrize("sheet", ["项目完成情况", "序时进度", "资金情况", "问题整改", "督查检查"])
def test_no_figure_is_stored_as_text(workbook, sheet: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    rows = list(workbook[sheet].iter_rows(min_row=3))
    figures = [c for row in rows for c in row[1:] if c.value not in (None, "")]
    assert figures
    assert [c.coordinate for c in figures if c.data_type != "n"] == []
