"""A problem found in an inspection the office returned (退回) is marked 所属检查已退回 in the
ledger until the inspector resubmits the inspection (README: 退回)."""

from __future__ import annotations

import uuid

import pytest

from core.orm import utcnow
from server.db import db
from server.inspections.models import Inspection


def _inspection(cast, status: str, replaces_id: str | None = None) -> Inspection:  # type: ignore[no-untyped-def]
    inspection = Inspection(
        id=str(uuid.uuid4()),
        project_id=cast["east_project"].id,
        kind="revisit",
        inspector_id=cast["inspector"].id,
        started_at=utcnow(),
        submitted_at=utcnow(),
        status=status,
        replaces_id=replaces_id,
    )
    db.session.add(inspection)
    db.session.commit()
    return inspection


@pytest.fixture
def returned(cast, make_issue):  # type: ignore[no-untyped-def]
    inspection = _inspection(cast, "returned")
    issue = make_issue()
    issue.inspection_id = inspection.id
    db.session.commit()
    return inspection, issue


def _listed(office, issue_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    body = office.get("/api/v1/issues").get_json()
    return next(item for item in body["items"] if item["id"] == issue_id)


def test_a_problem_of_a_returned_inspection_is_marked(cast, as_user, returned) -> None:  # type: ignore[no-untyped-def]
    _, issue = returned
    office = as_user(cast["office"])
    assert _listed(office, issue.id)["inspection_returned"] is True
    assert office.get(f"/api/v1/issues/{issue.id}").get_json()["inspection_returned"] is True


def test_the_mark_goes_once_the_inspection_is_resubmitted(cast, as_user, returned) -> None:  # type: ignore[no-untyped-def]
    inspection, issue = returned
    _inspection(cast, "draft", replaces_id=inspection.id)  # a correction being written: still
    office = as_user(cast["office"])
    assert _listed(office, issue.id)["inspection_returned"] is True
    _inspection(cast, "submitted", replaces_id=inspection.id)
    assert _listed(office, issue.id)["inspection_returned"] is False


def test_a_problem_of_an_accepted_inspection_is_not_marked(cast, as_user, make_issue) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    issue.inspection_id = _inspection(cast, "approved").id
    db.session.commit()
    plain = make_issue(title="没有检查的问题")
    office = as_user(cast["office"])
    assert _listed(office, issue.id)["inspection_returned"] is False
    assert _listed(office, plain.id)["inspection_returned"] is False
