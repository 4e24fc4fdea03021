"""Sealing: numbering and linking the committed unsealed rows of a chain under its head's lock.

A writer inserts its audit rows unsealed and commits without waiting for anyone
(server/audit/chain.py). Right after its commit it tries to take the head of each chain it
wrote (``FOR UPDATE SKIP LOCKED``, never waiting) and seals every unsealed row it can see, its
own and any other writer's, oldest id first. When another sealer holds the head, the writer
leaves: that sealer looks again for unsealed rows after it has released the head, and the
writer committed before it found the head taken, so the look sees its rows and seals them (or
hands them to the next sealer the same way). No row is left behind by a race; a process killed
between its commit and its seal leaves rows that the next seal of that chain takes, and
``flask audit seal`` (cron), ``audit verify`` and a bulletin's publication seal first.

Between its commit and its seal (milliseconds) a row is not yet linked: the chain vouches for a
row from its seal on, as a certificate-transparency log vouches for an entry once merged. On
SQLite, one writer at a time, rows are sealed in the writer's own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Connection, Engine, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.audit.chain import GENESIS, HEADS, digest
from server.audit.models import AuditChainHead, AuditEntry

log = logging.getLogger(__name__)

BATCH = 2000  # rows linked per statement round; a pass takes every unsealed row it sees


def _ensure_head(conn: Connection, chain: int) -> None:
    table = AuditChainHead.__table__
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        module.insert(table)
        .values(chain=chain, seq=0, hash=GENESIS)
        .on_conflict_do_nothing(index_elements=["chain"])
    )


def lock_head(conn: Connection, chain: int, wait: bool = True) -> tuple[int, str] | None:
    """The chain's head, locked until the transaction ends (created when new); None when
    ``wait`` is False and another transaction holds it."""
    table = AuditChainHead.__table__
    query = select(table.c.seq, table.c.hash).where(table.c.chain == chain)
    query = query.with_for_update() if wait else query.with_for_update(skip_locked=True)
    row = conn.execute(query).first()
    if row is None:
        exists = conn.execute(select(table.c.chain).where(table.c.chain == chain)).first()
        if exists is not None:
            return None  # there, but locked by another sealer (skip_locked)
        _ensure_head(conn, chain)
        row = conn.execute(query).first()
        if row is None:
            return None
    return int(row.seq), str(row.hash)


def link(conn: Connection, chain: int, head: tuple[int, str]) -> tuple[int, str]:
    """Number and link every unsealed row of ``chain`` this transaction sees (their ids in
    order) after ``head``, which the caller has locked; returns the new head."""
    seq, prev = head
    table = AuditEntry.__table__
    pending = (
        select(
            table.c.id,
            table.c.table_name,
            table.c.record_id,
            table.c.action,
            table.c.actor_id,
            table.c.at,
            table.c.data,
        )
        .where(table.c.chain == chain, table.c.seq.is_(None))
        .order_by(table.c.id)
        .limit(BATCH)
    )
    sealed = update(table).where(table.c.id == bindparam("row_id"))
    while True:
        rows = conn.execute(pending).all()
        if not rows:
            break
        values = []
        for row in rows:
            seq += 1
            this = digest(
                chain, seq, row.table_name, row.record_id, row.action, row.actor_id, row.at,
                row.data, prev,
            )  # fmt: skip
            values.append({"row_id": row.id, "seq": seq, "prev_hash": prev, "hash": this})
            prev = this
        conn.execute(
            sealed.values(
                seq=bindparam("seq"), prev_hash=bindparam("prev_hash"), hash=bindparam("hash")
            ),
            values,
        )
        if len(rows) < BATCH:
            break
    if (seq, prev) != head:
        heads = AuditChainHead.__table__
        conn.execute(update(heads).where(heads.c.chain == chain).values(seq=seq, hash=prev))
    return seq, prev


def seal_in(session: Session, chain: int) -> tuple[int, str]:
    """Seal ``chain`` in the session's transaction, waiting for its head, and keep the head
    locked until the transaction ends (a bulletin printing the head it publishes)."""
    heads: dict[int, tuple[int, str]] = session.info.setdefault(HEADS, {})
    conn = session.connection()
    held = heads.get(chain) or lock_head(conn, chain, wait=True)
    assert held is not None  # waiting for the lock always returns the head
    heads[chain] = link(conn, chain, held)
    return heads[chain]


def unsealed_chains(conn: Connection) -> list[int]:
    """The chains with an unsealed row this transaction sees."""
    table = AuditEntry.__table__
    return sorted(conn.scalars(select(table.c.chain).where(table.c.seq.is_(None)).distinct()))


def _has_unsealed(engine: Engine, chain: int) -> bool:
    table = AuditEntry.__table__
    query = select(table.c.id).where(table.c.chain == chain, table.c.seq.is_(None)).limit(1)
    with engine.connect() as conn:
        return conn.execute(query).first() is not None


def seal_after_commit(engine: Engine, chains: Iterable[int]) -> None:
    """Seal each chain unless another sealer holds it (that sealer looks again after it lets
    go); loop while rows committed during a pass wait."""
    for chain in sorted(set(chains)):
        while True:
            with engine.begin() as conn:
                head = lock_head(conn, chain, wait=False)
                if head is None:
                    break  # another sealer holds it, and will look again after releasing it
                link(conn, chain, head)
            if not _has_unsealed(engine, chain):
                break


def seal_everything(engine: Engine) -> int:
    """Seal every chain with an unsealed row, waiting for each head (``flask audit seal``,
    verification); returns the number of rows sealed."""
    count = 0
    with engine.connect() as conn:
        chains = unsealed_chains(conn)
    for chain in chains:
        with engine.begin() as conn:
            head = lock_head(conn, chain, wait=True)
            assert head is not None
            count += link(conn, chain, head)[0] - head[0]
    return count
