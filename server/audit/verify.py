"""Walk a chain and name the first row that does not hold (edited, deleted, inserted, moved)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import ledger
from server.audit.chain import GENESIS, digest
from server.audit.models import AuditChainHead, AuditEntry
from server.bulletins.models import Bulletin
from server.issues.models import IssueEvent


@dataclass(frozen=True)
class Break:
    """The first bad row of a chain: an audit row (at the tail: the last one left) or a problem
    event the chain does not vouch for; None when the chain has no row at all."""

    chain: int
    seq: int
    row: AuditEntry | IssueEvent | Bulletin | None
    reason: str

    def named(self) -> tuple[int, str, datetime] | None:
        """The row's id, table and time."""
        if isinstance(self.row, AuditEntry):
            return self.row.id, self.row.table_name, self.row.at
        if isinstance(self.row, IssueEvent):
            return self.row.id, ledger.TABLE, self.row.at
        if isinstance(self.row, Bulletin) and self.row.published_at is not None:
            return self.row.id, "bulletins", self.row.published_at
        return None


@dataclass(frozen=True)
class Walked:
    count: int
    broken: Break | None


def _rows(session: Session, chain: int) -> Iterator[AuditEntry]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.chain == chain, AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq, AuditEntry.id)
        .execution_options(yield_per=2000)
    )
    yield from session.scalars(query)


def walk(session: Session, chain: int) -> Walked:
    """Check each sealed row's hash, its link to the row before, the numbering and the head
    (a row committed since the last seal is not linked yet: its content is still held
    against the ledger)."""
    expected, prev, count, last_row = 1, GENESIS, 0, None
    for row in _rows(session, chain):
        count += 1
        if row.seq < expected:
            return Walked(count, Break(chain, row.seq, row, "序号重复（多出一条记录）"))
        if row.seq > expected:
            missing = (
                f"第 {expected} 条"
                if row.seq == expected + 1
                else f"第 {expected}–{row.seq - 1} 条"
            )
            return Walked(count, Break(chain, row.seq, row, f"之前缺少{missing}（记录被删除）"))
        recomputed = digest(
            row.chain,
            row.seq,
            row.table_name,
            row.record_id,
            row.action,
            row.actor_id,
            row.at,
            row.data,
            row.prev_hash,
        )
        if recomputed != row.hash:
            return Walked(count, Break(chain, row.seq, row, "内容与哈希不符（记录被改动或调换）"))
        if row.prev_hash != prev:
            return Walked(
                count,
                Break(chain, row.seq, row, "与前一条衔接不上（前面的记录被改动、删除或插入）"),
            )
        expected, prev, last_row = row.seq + 1, row.hash, row
    tail = _tail(session, chain, expected - 1, prev, last_row)
    if tail is not None:
        return Walked(count, tail)
    bad = ledger.check(session, chain)
    if bad is not None:
        row, reason = bad
        seq = row.seq if isinstance(row, AuditEntry) else expected - 1
        return Walked(count, Break(chain, seq, row, reason))
    printed = ledger.check_bulletins(session, chain)
    if printed is not None:
        bulletin, reason = printed
        return Walked(count, Break(chain, bulletin.audit_seq or 0, bulletin, reason))
    return Walked(count, None)


def _tail(
    session: Session, chain: int, last: int, prev: str, last_row: AuditEntry | None
) -> Break | None:
    """The head must name the last row: rows deleted or added at the end show here."""
    head = session.get(AuditChainHead, chain)
    if head is None:
        return Break(chain, last, last_row, "链头缺失") if last else None
    if head.seq > last:
        return Break(
            chain, last + 1, last_row, f"链尾缺少第 {last + 1}–{head.seq} 条（记录被删除）"
        )
    if head.seq < last or head.hash != prev:
        return Break(chain, head.seq, last_row, "链头与最后一条不符（链尾被插入或改动）")
    return None


def chains(session: Session) -> list[int]:
    """Every chain with a row or a head."""
    found = set(session.scalars(select(AuditEntry.chain).distinct()))
    found |= set(session.scalars(select(AuditChainHead.chain)))
    return sorted(found)
