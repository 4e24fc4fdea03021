"""Sync clients: one per install, bound to one user, locked for the length of a mutation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sync.errors import SyncError
from sync.models import SyncClient


def _mismatch() -> SyncError:
    return SyncError("client_mismatch")


def lock_client(session: Session, client_id: str, user: Any, now: datetime) -> SyncClient:
    """The client's row, write-locked until the transaction ends (created on first use).

    The UPDATE comes first so that SQLite takes its write lock before anything is read, and
    PostgreSQL locks the row: two pushes for one client then apply each mutation once.
    """
    while True:
        touched = session.execute(
            update(SyncClient).where(SyncClient.id == client_id).values(last_push_at=now)
        ).rowcount
        if touched:
            client = session.scalar(
                select(SyncClient)
                .where(SyncClient.id == client_id)
                .execution_options(populate_existing=True)
            )
            assert client is not None
            if client.user_id != user.id:
                session.rollback()
                raise _mismatch()
            return client
        session.add(SyncClient(id=client_id, user_id=user.id, last_mutation_id=0, last_push_at=now))
        try:
            session.flush()
        except IntegrityError:
            session.rollback()  # another request created it meanwhile: lock the one that won
            continue
        session.commit()


def get_client(session: Session, client_id: str, user: Any) -> SyncClient:
    """The client's row for reading (created on first use)."""
    client = session.get(SyncClient, client_id)
    if client is None:
        client = SyncClient(id=client_id, user_id=user.id, last_mutation_id=0)
        session.add(client)
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            client = session.get(SyncClient, client_id)
            assert client is not None
    if client.user_id != user.id:
        raise _mismatch()
    return client
