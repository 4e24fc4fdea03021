"""Writers take no chain lock: rows are written unsealed and sealed right after the commit, by
whoever holds the head; rows a skipped sealer left are taken by the next seal of their chain,
by ``flask audit seal`` and by a bulletin printing the head."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.audit import services
from server.db import db
from server.issues.models import Issue
from server.issues.services import record_event
from tests.audit.conftest import log_rows, sql


def _comment(issue, user, reason: str) -> None:  # type: ignore[no-untyped-def]
    if db.engine.dialect.name == "postgresql":  # were the commit to wait for a head: an error
        db.session.execute(text("SET LOCAL lock_timeout = '3s'"))
    record_event(db.session, issue, "comment", user.id, utcnow(), reason=reason)
    db.session.commit()


def _unsealed() -> int:
    return int(sql("SELECT count(*) AS n FROM audit_log WHERE seq IS NULL")[0]["n"])


@pytest.fixture
def head_held(app, county):  # type: ignore[no-untyped-def]
    """``held()``: a context in which another connection holds the county's chain head."""
    engine = create_engine(db.engine.url)

    class Held:
        def __enter__(self) -> None:
            self.conn = engine.connect()
            self.tx = self.conn.begin()
            self.conn.execute(
                text("SELECT seq FROM audit_chain_heads WHERE chain = :c FOR UPDATE"),
                {"c": county.id},
            )

        def __exit__(self, *exc: object) -> None:
            self.tx.rollback()
            self.conn.close()

    yield Held
    engine.dispose()


def test_no_row_is_left_unsealed_after_a_commit(cast, make_issue, county) -> None:  # type: ignore[no-untyped-def]
    issue = make_issue()
    _comment(issue, cast["office"], "现场复查")
    assert _unsealed() == 0
    seqs = [r["seq"] for r in log_rows(county.id)]
    assert seqs == list(range(1, len(seqs) + 1))


@pytest.mark.postgres_only
def test_a_writer_commits_while_another_holds_the_head(  # type: ignore[no-untyped-def]
    cast, make_issue, head_held
) -> None:
    issue = make_issue()
    with head_held():
        _comment(issue, cast["office"], "头被占用时提交")
        assert _unsealed() == 1  # the sealer skipped the held head: the row waits, committed


@pytest.mark.postgres_only
def test_the_next_seal_of_a_chain_takes_rows_left_waiting(  # type: ignore[no-untyped-def]
    cast, make_issue, head_held, county
) -> None:
    issue, office = make_issue(), cast["office"]
    with head_held():
        _comment(issue, office, "等待封存")
    assert _unsealed() == 1
    _comment(issue, office, "之后一条")
    assert _unsealed() == 0
    reasons = [r["data"] for r in log_rows(county.id)][-2:]
    assert '"reason":"等待封存"' in reasons[0] and '"reason":"之后一条"' in reasons[1]


@pytest.mark.postgres_only
def test_audit_seal_command_seals_and_verify_holds(  # type: ignore[no-untyped-def]
    cast, make_issue, head_held, runner, verify
) -> None:
    issue = make_issue()
    with head_held():
        _comment(issue, cast["office"], "进程在封存前被杀")
    result = runner.invoke(args=["audit", "seal"])
    assert result.exit_code == 0 and "已封存 1 条审计记录" in result.output
    assert _unsealed() == 0
    code, out = verify()
    assert code == 0, out


@pytest.mark.postgres_only
def test_a_printed_head_covers_rows_committed_but_unsealed(  # type: ignore[no-untyped-def]
    cast, make_issue, head_held, county
) -> None:
    issue = make_issue()
    with head_held():
        _comment(issue, cast["office"], "通报前一刻")
    seq, head = services.head_of_region(db.session, county)
    db.session.commit()
    last = log_rows(county.id)[-1]
    assert (seq, head) == (last["seq"], last["hash"])
    assert '"reason":"通报前一刻"' in last["data"]


@pytest.mark.postgres_only
def test_sealing_takes_no_second_connection(cast, make_issue) -> None:  # type: ignore[no-untyped-def]
    """A pool of one (PgBouncer's small pools): the seal waits for the commit's connection to
    come back instead of asking for another, which would time out."""
    issue_id = make_issue().id
    db.session.commit()
    engine = create_engine(db.engine.url, pool_size=1, max_overflow=0, pool_timeout=2)
    try:
        with Session(engine) as session:
            issue = session.get(Issue, issue_id)
            record_event(session, issue, "comment", cast["office"].id, utcnow(), reason="一个连接")
            session.commit()
    finally:
        engine.dispose()
    assert _unsealed() == 0
