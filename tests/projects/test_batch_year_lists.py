"""Batch years (年度) in the ledger's answers: each project says its batch, the list filters by
one, and the facets offer every year with projects and the one to show first."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from server.projects.records import serialize_project
from server.projects.status import today
from tests.bulletins.conftest import client_for


@pytest.fixture
def office(app, make_user, county):  # type: ignore[no-untyped-def]
    return client_for(app, make_user("supervisor", region=county))


@pytest.fixture
def batches(make_project):  # type: ignore[no-untyped-def]
    """Two projects of the 2023 batch and one of 2024."""
    return [make_project(code=code, batch_year=year) for code, year in
            (("Y23-1", 2023), ("Y23-2", 2023), ("Y24-1", 2024))]  # fmt: skip


def test_a_list_item_says_its_batch_year(office, batches) -> None:  # type: ignore[no-untyped-def]
    items = office.get("/api/v1/projects?as_of=2024-06-30").get_json()["items"]
    assert {p["code"]: p["batch_year"] for p in items} == {
        "Y23-1": 2023,
        "Y23-2": 2023,
        "Y24-1": 2024,
    }


def test_the_list_filters_by_batch_year(office, batches) -> None:  # type: ignore[no-untyped-def]
    body = office.get("/api/v1/projects?batch_year=2023&as_of=2024-06-30").get_json()
    assert (sorted(p["code"] for p in body["items"]), body["batch_year"]) == (
        ["Y23-1", "Y23-2"],
        2023,
    )
    assert sum(body["counts"].values()) == 2  # the counts are the year's too


def test_without_a_batch_year_the_list_holds_every_year(office, batches) -> None:  # type: ignore[no-untyped-def]
    body = office.get("/api/v1/projects?as_of=2024-06-30").get_json()
    assert (body["total"], body["batch_year"]) == (3, None)


def test_a_batch_year_out_of_range_is_refused_in_chinese(office) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/projects?batch_year=1999")
    assert response.status_code == 422
    assert response.get_json()["errors"]["batch_year"] == ["年度应在 2000–2100 之间"]


def test_the_detail_says_its_batch_year(office, batches) -> None:  # type: ignore[no-untyped-def]
    body = office.get(f"/api/v1/projects/{batches[2].id}").get_json()
    assert body["batch_year"] == 2024


def test_the_phones_copy_says_its_batch_year(make_user, batches) -> None:  # type: ignore[no-untyped-def]
    inspector = make_user("inspector")
    assert serialize_project(batches[0], inspector)["batch_year"] == 2023


def test_facets_offer_every_batch_year_newest_first(office, batches) -> None:  # type: ignore[no-untyped-def]
    assert office.get("/api/v1/projects/facets").get_json()["batch_years"] == [2024, 2023]


def test_the_default_batch_is_the_latest_without_projects_this_year(office, batches) -> None:  # type: ignore[no-untyped-def]
    assert today().year not in (2023, 2024)  # the office's clock runs in a later year
    assert office.get("/api/v1/projects/facets").get_json()["batch_year"] == 2024


def test_the_default_batch_is_this_year_s_when_it_has_projects(
    office, batches, make_project
) -> None:  # type: ignore[no-untyped-def]
    make_project(code="NOW-1", batch_year=today().year)
    make_project(code="NEXT-1", batch_year=today().year + 1)
    facets = office.get("/api/v1/projects/facets").get_json()
    assert facets["batch_year"] == today().year
    assert facets["batch_years"][:2] == [today().year + 1, today().year]


def test_facets_years_are_only_those_the_user_sees(app, make_user, batches, make_region) -> None:  # type: ignore[no-untyped-def]
    other = make_region("乙县")
    office = client_for(app, make_user("supervisor", region=other))
    facets = office.get("/api/v1/projects/facets").get_json()
    assert (facets["batch_years"], facets["batch_year"]) == ([], today().year)


def test_the_export_holds_the_chosen_batch_only(office, batches) -> None:  # type: ignore[no-untyped-def]
    response = office.get("/api/v1/projects/export?batch_year=2024&as_of=2024-06-30")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    rows = [
        [str(c) if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert any("Y24-1" in row for row in rows)
    assert not any(code in row for row in rows for code in ("Y23-1", "Y23-2"))
