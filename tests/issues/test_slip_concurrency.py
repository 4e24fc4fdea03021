"""Two offices assigning at the same time get consecutive slip numbers: no gap, no twice."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from server.auth.models import User
from server.db import db
from server.issues import transitions as ledger
from server.issues.models import AssignmentSlip, Issue
from sync.errors import Conflict

pytestmark = pytest.mark.postgres_only  # SQLite serialises writers itself

NOW = datetime(2023, 8, 1, 2, 0, tzinfo=UTC)
PER_THREAD = 10


@pytest.fixture
def engine(app):  # type: ignore[no-untyped-def]
    engine = create_engine(db.engine.url)
    yield engine
    engine.dispose()


def _assign_all(engine, user_id, issue_ids, unit_id, barrier, errors) -> None:  # type: ignore[no-untyped-def]
    try:
        barrier.wait()
        for issue_id in issue_ids:
            with Session(engine) as session:
                user = session.get(User, user_id)
                args = {
                    "issue_id": issue_id,
                    "expected_from": "found",
                    "to": "assigned",
                    "unit_id": unit_id,
                    "deadline": date(2023, 9, 1),
                }
                ledger.transition(session, user, args, NOW)
                session.commit()
    except BaseException as error:
        errors.append(error)


@pytest.mark.parametrize("first_exists", [False, True], ids=["new-year", "counter-exists"])
def test_concurrent_assignments_number_without_gaps(engine, cast, make_issue, first_exists) -> None:
    if first_exists:  # the counter row exists: the threads queue on its lock
        ledger.transition(
            db.session,
            cast["office"],
            {
                "issue_id": make_issue().id,
                "expected_from": "found",
                "to": "assigned",
                "unit_id": cast["water"].id,
                "deadline": date(2023, 9, 1),
            },
            NOW,
        )
        db.session.commit()
    offices = [cast["office"].id, cast["admin"].id]
    batches = [[make_issue().id for _ in range(PER_THREAD)] for _ in offices]
    barrier, errors = threading.Barrier(2), []
    threads = [
        threading.Thread(
            target=_assign_all,
            args=(engine, user_id, batch, cast["water"].id, barrier, errors),
        )
        for user_id, batch in zip(offices, batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    numbers = sorted(db.session.scalars(select(AssignmentSlip.number)))
    expected = 2 * PER_THREAD + (1 if first_exists else 0)
    assert numbers == list(range(1, expected + 1))
    codes = [s.code for s in db.session.scalars(select(AssignmentSlip))]
    assert all(code.startswith("督交〔2023〕") for code in codes)


def test_two_offices_assigning_one_problem_issue_one_slip(engine, cast, make_issue) -> None:
    issue_id, unit_id = make_issue().id, cast["water"].id
    barrier, errors = threading.Barrier(2), []
    outcomes: list[str] = []

    def worker(user_id: int) -> None:
        with Session(engine) as session:
            user = session.get(User, user_id)
            barrier.wait()
            try:
                args = {
                    "issue_id": issue_id,
                    "expected_from": "found",
                    "to": "assigned",
                    "unit_id": unit_id,
                    "deadline": date(2023, 9, 1),
                }
                ledger.transition(session, user, args, NOW)
                session.commit()
                outcomes.append("applied")
            except Conflict:
                session.rollback()
                outcomes.append("conflict")
            except BaseException as error:
                errors.append(error)

    threads = [
        threading.Thread(target=worker, args=(u,)) for u in (cast["office"].id, cast["admin"].id)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sorted(outcomes) == ["applied", "conflict"]
    assert len(db.session.scalars(select(AssignmentSlip)).all()) == 1
    db.session.expire_all()
    assert db.session.get(Issue, issue_id).state == "assigned"
