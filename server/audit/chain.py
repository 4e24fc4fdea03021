"""Hash chains: the canonical content of a row, its digest, and appending under the head's lock.

One chain per county (keyed by the county's region id; 0 for a record with no county), not one
for the whole system. Appending reads the chain's head with ``SELECT ... FOR UPDATE`` and holds
that row lock until the transaction ends, so a chain's rows are numbered in commit order and stay
linear. One global chain would make every writer in the province wait on one row (200 phones
pushing at once, issue 16); per-county chains keep counties apart, and a bulletin (per county)
can name the head of exactly the chain it reports on. SQLite serialises writers anyway.

The head is locked when the transaction commits (server/audit/events.py queues the events until
then; a savepoint's release chains its own), so it is the last lock a transaction takes and is
held only for the commit: a transaction holding it waits for no other row, no deadlock.

A row's hash is SHA-256 over the stable JSON (sorted keys, no whitespace, UTF-8) of its chain,
seq, table, record id, action, actor, time, data and the previous row's hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from server.audit.models import AuditChainHead, AuditEntry
from server.regions.models import Region

GENESIS = "0" * 64
NO_COUNTY = 0
_HEADS = "audit_heads"  # session.info: chain -> (seq, hash) while this transaction holds the lock
_COUNTIES = "audit_counties"  # session.info: region path -> county id


def jsonable(value: Any) -> Any:
    """``value`` as plain JSON types: times in UTC ISO form, days ISO, decimals as text."""
    if isinstance(value, datetime):
        return stamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def digest(
    chain: int,
    seq: int,
    table: str,
    record_id: str,
    action: str,
    actor_id: int | None,
    at: datetime,
    data: str,
    prev_hash: str,
) -> str:
    """The hash of one row (``data`` is the stored canonical JSON text)."""
    content = {
        "chain": chain,
        "seq": seq,
        "table": table,
        "record": record_id,
        "action": action,
        "actor": actor_id,
        "at": stamp(at),
        "data": json.loads(data),
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


@dataclass
class Event:
    """A ledger event to append."""

    chain: int
    table: str
    record_id: str
    action: str
    actor_id: int | None
    at: datetime
    data: dict[str, Any]


def county_of_path(session: Session, path: str | None) -> int:
    """The county region on ``path`` (``/1/7/42/``), or ``NO_COUNTY``."""
    if not path:
        return NO_COUNTY
    known: dict[str, int] = session.info.setdefault(_COUNTIES, {})
    if path not in known:
        ids = [int(part) for part in path.strip("/").split("/") if part.isdigit()]
        found = session.scalar(
            select(Region.id).where(Region.id.in_(ids), Region.level == "county").limit(1)
        )
        known[path] = found if found is not None else NO_COUNTY
    return known[path]


def _upsert_head(conn: Connection, chain: int) -> None:
    table = AuditChainHead.__table__
    module = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(
        module.insert(table)
        .values(chain=chain, seq=0, hash=GENESIS)
        .on_conflict_do_nothing(index_elements=["chain"])
    )


def _locked_head(session: Session, conn: Connection, chain: int) -> tuple[int, str]:
    """The chain's head, locked until the transaction ends (created when new)."""
    heads: dict[int, tuple[int, str]] = session.info.setdefault(_HEADS, {})
    if chain in heads:
        return heads[chain]
    table = AuditChainHead.__table__
    query = select(table.c.seq, table.c.hash).where(table.c.chain == chain).with_for_update()
    row = conn.execute(query).first()
    if row is None:
        _upsert_head(conn, chain)
        row = conn.execute(query).one()
    heads[chain] = (row.seq, row.hash)
    return heads[chain]


def append(session: Session, events: list[Event]) -> None:
    """Append ``events`` (in their order within each chain) in the session's transaction."""
    conn = session.connection()
    by_chain: dict[int, list[Event]] = {}
    for ev in events:
        by_chain.setdefault(ev.chain, []).append(ev)
    for chain in sorted(by_chain):  # one order of locks, so two writers cannot deadlock here
        seq, prev = _locked_head(session, conn, chain)
        rows = []
        for ev in by_chain[chain]:
            seq += 1
            data = canonical(jsonable(ev.data))
            at = ev.at
            this = digest(
                chain, seq, ev.table, ev.record_id, ev.action, ev.actor_id, at, data, prev
            )
            rows.append(
                {
                    "chain": chain,
                    "seq": seq,
                    "table_name": ev.table,
                    "record_id": ev.record_id,
                    "action": ev.action,
                    "actor_id": ev.actor_id,
                    "at": at,
                    "data": data,
                    "prev_hash": prev,
                    "hash": this,
                }
            )
            prev = this
        conn.execute(insert(AuditEntry.__table__), rows)
        table = AuditChainHead.__table__
        conn.execute(update(table).where(table.c.chain == chain).values(seq=seq, hash=prev))
        session.info[_HEADS][chain] = (seq, prev)


def forget_heads(session: Session) -> None:
    """A transaction or savepoint ended: the next append reads (and locks) the head again."""
    session.info.pop(_HEADS, None)
    session.info.pop(_COUNTIES, None)


def head(session: Session, chain: int) -> tuple[int, str]:
    """The chain's last seq and hash as this transaction sees it ((0, GENESIS) when empty)."""
    session.flush()
    row = session.execute(
        select(AuditChainHead.seq, AuditChainHead.hash).where(AuditChainHead.chain == chain)
    ).first()
    return (row.seq, row.hash) if row is not None else (0, GENESIS)
