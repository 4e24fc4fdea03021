"""A pull writes nothing unless something changed: the client's "last pulled" time moves at most
once a minute, so a pull is a read-only transaction (no WAL flush to wait for)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event

from core.orm import utcnow
from server.db import db
from sync.models import SyncClient
from sync.pull import PULL_SEEN_EVERY, pull


def _client(phone) -> SyncClient:  # type: ignore[no-untyped-def]
    db.session.expire_all()
    found = db.session.get(SyncClient, phone.client_id)
    assert found is not None
    return found


def _writes_during(action) -> list[str]:  # type: ignore[no-untyped-def]
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    return seen


def _pull_at(phone, user, moment) -> None:  # type: ignore[no-untyped-def]
    outcome = pull(
        db.session, user, phone.client_id, phone.cookie, now=moment, secret=b"test-secret-key"
    )
    phone.cookie = outcome.cookie


def test_a_second_pull_within_a_minute_writes_nothing(phone, inspector) -> None:  # type: ignore[no-untyped-def]
    p = phone(inspector)
    first = utcnow()
    _pull_at(p, inspector, first)
    assert _client(p).last_pull_at == first
    writes = _writes_during(lambda: _pull_at(p, inspector, first + timedelta(seconds=30)))
    assert writes == []
    assert _client(p).last_pull_at == first


def test_a_pull_a_minute_later_records_its_time(phone, inspector) -> None:  # type: ignore[no-untyped-def]
    p = phone(inspector)
    first = utcnow()
    _pull_at(p, inspector, first)
    later = first + PULL_SEEN_EVERY
    _pull_at(p, inspector, later)
    assert _client(p).last_pull_at == later
