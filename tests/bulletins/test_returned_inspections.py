"""A returned inspection (退回) is not counted in a bulletin until it is resubmitted; then the
visit counts once, in the period of its resubmission."""

from __future__ import annotations

from server.db import db
from tests.bulletins.conftest import JULY, utc

AUGUST = ("2023-08-01", "2023-08-31")


def _returned(make_project, make_inspection):  # type: ignore[no-untyped-def]
    project = make_project(code="RET")
    returned = make_inspection(project, "random", utc(2023, 7, 10, 3))
    returned.status = "returned"
    db.session.commit()
    return project, returned


def test_a_returned_inspection_is_not_counted(make_project, make_inspection, bulletin) -> None:  # type: ignore[no-untyped-def]
    _returned(make_project, make_inspection)
    assert bulletin(*JULY)["inspections"]["kinds"]["random"] == 0


def test_its_correction_counts_once_when_resubmitted(
    make_project, make_inspection, bulletin
) -> None:  # type: ignore[no-untyped-def]
    project, returned = _returned(make_project, make_inspection)
    make_inspection(project, "random", utc(2023, 8, 2, 3), replaces_id=returned.id)
    assert bulletin(*JULY)["inspections"]["kinds"]["random"] == 0
    assert bulletin(*AUGUST)["inspections"]["kinds"]["random"] == 1


def test_an_approved_inspection_is_counted(make_project, make_inspection, bulletin) -> None:  # type: ignore[no-untyped-def]
    approved = make_inspection(make_project(code="OK"), "revisit", utc(2023, 7, 10, 3))
    approved.status = "approved"
    db.session.commit()
    assert bulletin(*JULY)["inspections"]["kinds"]["revisit"] == 1
