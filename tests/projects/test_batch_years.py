"""Each year's projects apart (年度): the import files a project under its batch year, the same
code may appear once per year, and a later year's import never changes an earlier bulletin."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from server.db import db
from server.projects.models import Project
from tests.projects.ledger.factories import ledger_xlsx
from tests.projects.test_import_api import post_import


@pytest.fixture
def office(make_user, login, county):  # type: ignore[no-untyped-def]
    return login(make_user("supervisor", region=county))


def rows_of(code: str) -> list[Project]:
    return list(
        db.session.scalars(select(Project).where(Project.code == code).order_by(Project.batch_year))
    )


def line(code: str, **more: object) -> dict[str, object]:
    return {"项目编号": code, "项目名称": f"项目{code}", "层级": "县级", **more}


def test_a_year_column_files_each_row_under_its_batch(client, office, county) -> None:
    data = ledger_xlsx(line("A-1", 年度="2023年"), line("A-2", 年度=2024))
    response = post_import(client, office, data, county.id, report_date="2024-03-01")
    assert response.status_code == 200, response.get_json()
    assert [(p.code, p.batch_year) for p in rows_of("A-1") + rows_of("A-2")] == [
        ("A-1", 2023),
        ("A-2", 2024),
    ]
    assert rows_of("A-2")[0].added_on == date(2024, 3, 1)


def test_a_code_carried_into_the_next_batch_is_a_new_linked_row(client, office, county) -> None:
    post_import(client, office, ledger_xlsx(line("B-1", 年度=2023)), county.id)
    response = post_import(client, office, ledger_xlsx(line("B-1")), county.id, year="2024")
    assert response.get_json()["created"] == 1
    old, new = rows_of("B-1")
    assert (old.batch_year, new.batch_year, new.carried_from_id) == (2023, 2024, old.id)


def test_without_a_year_a_known_code_updates_its_latest_batch(client, office, county) -> None:
    post_import(client, office, ledger_xlsx(line("C-1", 年度=2023)), county.id)
    data = ledger_xlsx(line("C-1", 形象进度=50), line("C-2"))
    response = post_import(client, office, data, county.id, report_date="2025-01-10")
    assert (response.get_json()["updated"], response.get_json()["created"]) == (1, 1)
    assert [p.batch_year for p in rows_of("C-1")] == [2023]
    assert [p.batch_year for p in rows_of("C-2")] == [2025]  # a new code: the as-of day's year


def test_a_row_whose_year_differs_from_the_chosen_one_imports_nothing(
    client, office, county
) -> None:
    data = ledger_xlsx(line("D-1"), line("D-2", 年度=2023))
    response = post_import(client, office, data, county.id, year="2024")
    errors = response.get_json()["errors"]
    assert [(e["row"], e["column"], e["code"]) for e in errors] == [(3, "年度", "year_mismatch")]
    assert "与导入时选择的年度 2024 不一致" in errors[0]["message"]
    assert rows_of("D-1") == []


def test_a_year_that_is_not_one_is_refused_in_chinese(client, office, county) -> None:
    response = post_import(client, office, ledger_xlsx(line("E-1", 年度="明年")), county.id)
    [error] = response.get_json()["errors"]
    assert (error["column"], error["code"]) == ("年度", "invalid_year")
    assert "不是有效的年度" in error["message"]
