"""The audit log and the head of each chain (see server/audit/chain.py for why per county)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from core.orm import Base, UTCDateTime


class AuditEntry(Base):
    """One ledger event: ``hash`` covers its content and ``prev_hash`` (the row before it in
    its chain). A writer inserts the row unsealed (no seq, no hashes); the sealer numbers and
    links it right after the writer commits, and nothing changes it after that.
    ``flask --app server audit verify`` walks the sealed rows."""

    __tablename__ = "audit_log"
    __table_args__ = (
        UniqueConstraint("chain", "seq"),
        Index(
            "ix_audit_log_unsealed",
            "chain",
            "id",
            postgresql_where=text("seq IS NULL"),
            sqlite_where=text("seq IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chain: Mapped[int] = mapped_column(Integer)  # the county's region id; 0: no county
    # 1, 2, 3 ... within the chain; None until sealed (server/audit/sealing.py)
    seq: Mapped[int | None] = mapped_column(Integer)
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the log stands alone
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    data: Mapped[str] = mapped_column(Text)  # canonical JSON (server/audit/chain.py)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str | None] = mapped_column(String(64))


class AuditChainHead(Base):
    """The last sealed row of a chain; its row lock lets one sealer at a time extend it."""

    __tablename__ = "audit_chain_heads"

    chain: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64))
