"""Sync bookkeeping: clients, the mutation record, and the change log pull reads."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import FunctionElement

from core.orm import Base, UTCDateTime, utcnow


class CurrentTransactionId(FunctionElement[int]):
    """The writing transaction's id as a bigint on PostgreSQL (the top-level one, also inside a
    savepoint); 0 on SQLite, whose single writer already commits in sequence order."""

    type = BigInteger()
    inherit_cache = True


@compiles(CurrentTransactionId)
def _current_xid_default(element: CurrentTransactionId, compiler: Any, **kw: Any) -> str:
    return "0"


@compiles(CurrentTransactionId, "postgresql")
def _current_xid_postgresql(element: CurrentTransactionId, compiler: Any, **kw: Any) -> str:
    return "(pg_current_xact_id()::text::bigint)"


# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit sequence.
SeqType = BigInteger().with_variant(Integer(), "sqlite")


class SyncClient(Base):
    """One install of the app, bound to one user; ``last_mutation_id`` only grows."""

    __tablename__ = "sync_clients"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    last_mutation_id: Mapped[int] = mapped_column(BigInteger, default=0)
    scope_fingerprint: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_push_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_pull_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MutationRecord(Base):
    """What became of a mutation that was not simply applied: rejected, or a conflict."""

    __tablename__ = "mutation_records"
    __table_args__ = (
        UniqueConstraint("client_id", "mutation_id"),
        CheckConstraint("status IN ('rejected', 'conflict')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("sync_clients.id", ondelete="CASCADE"))
    mutation_id: Mapped[int] = mapped_column(BigInteger)
    name: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64))
    message: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)
    args: Mapped[Any] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ChangeLog(Base):
    """One change to one synced entity, with the scope it was visible in at the time.

    A row's place in the log is ``(xid, seq)``: on PostgreSQL ``xid`` is the writing
    transaction's id (``pg_current_xact_id()``, filled in by the database), elsewhere 0 (see
    sync.changes for why that order is final). Pull reads ``(xid, seq) >= cookie`` through
    ``ix_change_log_position``, so its cost follows the delta, not the history. A change that
    moves an entity out of a scope writes a ``del`` in the old scope first.
    """

    __tablename__ = "change_log"
    __table_args__ = (
        CheckConstraint("op IN ('put', 'del')", name="op"),
        Index("ix_change_log_entity_seq", "entity_type", "entity_id", "seq"),
        Index("ix_change_log_position", "xid", "seq"),
    )

    seq: Mapped[int] = mapped_column(SeqType, primary_key=True, autoincrement=True)
    # the database fills it in; rows from before migration 0018 read 0 and come first
    xid: Mapped[int] = mapped_column(BigInteger, server_default=CurrentTransactionId())
    entity_type: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    region_path: Mapped[str | None] = mapped_column(String(255))
    township_id: Mapped[int | None] = mapped_column(Integer)
    unit_id: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[int | None] = mapped_column(Integer)
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    everyone: Mapped[bool] = mapped_column(Boolean, default=False)
