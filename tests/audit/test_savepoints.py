"""Events queue until commit: a savepoint rolled back takes its queued events with it, a released
one keeps them, a rolled-back transaction leaves nothing; the chain stays whole."""

from __future__ import annotations

from core.orm import utcnow
from server.db import db
from server.issues.services import record_event
from tests.audit.conftest import log_rows


def _comment(issue, user, text: str) -> None:  # type: ignore[no-untyped-def]
    record_event(db.session, issue, "comment", user.id, utcnow(), reason=text)
    db.session.flush()


def test_a_rolled_back_savepoint_leaves_no_audit_row(cast, make_issue, verify) -> None:  # type: ignore[no-untyped-def]
    issue, office = make_issue(), cast["office"]
    before = len(log_rows())
    kept = db.session.begin_nested()
    _comment(issue, office, "留下")
    kept.commit()
    dropped = db.session.begin_nested()
    _comment(issue, office, "撤回")
    dropped.rollback()
    _comment(issue, office, "之后")
    db.session.commit()
    rows = log_rows()[before:]
    reasons = [r["data"] for r in rows]
    assert len(rows) == 2
    assert '"reason":"留下"' in reasons[0] and '"reason":"之后"' in reasons[1]
    code, out = verify()
    assert code == 0, out


def test_a_rolled_back_transaction_leaves_no_audit_row(cast, make_issue, verify) -> None:  # type: ignore[no-untyped-def]
    issue, office = make_issue(), cast["office"]
    before = len(log_rows())
    _comment(issue, office, "不算")
    db.session.rollback()
    issue = db.session.merge(issue)
    _comment(issue, office, "算")
    db.session.commit()
    rows = log_rows()[before:]
    assert len(rows) == 1 and '"reason":"算"' in rows[0]["data"]
    assert verify()[0] == 0
