"""The ledger held against its audit rows.

Problem events (``issue_events``) are only ever inserted, so each must still say what its audit
row says: an event changed by raw SQL (its reason, time, kind ...), deleted, or inserted past the
trail (an event newer than the first audited one with no audit row) is named by ``check``. A
published bulletin must name a head the chain really had (``check_bulletins``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from server.audience import holds_clause
from server.audit.chain import GENESIS, canonical, county_of_path, jsonable, stamp
from server.audit.models import AuditEntry
from server.bulletins.models import Bulletin
from server.issues.models import Issue, IssueEvent
from server.regions.models import Region

TABLE = "issue_events"
_CHUNK = 1000


def content(ev: IssueEvent) -> tuple[str, int | None, datetime, dict[str, Any]]:
    """What the audit row of a problem event holds: action, actor, time, data."""
    data = {
        "issue_id": ev.issue_id,
        "from_state": ev.from_state,
        "to_state": ev.to_state,
        "reason": ev.reason,
        "data": ev.data,
        "client_id": ev.client_id,
        "mutation_id": ev.mutation_id,
        # the server's own receipt: what a phone's clock set back cannot move (server/clock.py)
        "received_at": ev.received_at,
        "clock_skew": ev.clock_skew,
    }
    return ev.kind, ev.actor_id, ev.at, data


def _matches(ev: IssueEvent, row: AuditEntry) -> bool:
    action, actor, at, data = content(ev)
    return (action, actor, stamp(at), canonical(jsonable(data))) == (
        row.action,
        row.actor_id,
        stamp(row.at),
        row.data,
    )


def _audited(session: Session, chain: int) -> Iterator[list[AuditEntry]]:
    query = (
        select(AuditEntry)
        .where(AuditEntry.chain == chain, AuditEntry.table_name == TABLE)
        .order_by(AuditEntry.seq.is_(None), AuditEntry.seq, AuditEntry.id)
        .execution_options(yield_per=_CHUNK)
    )
    yield from session.scalars(query).partitions(_CHUNK)


def check(session: Session, chain: int) -> tuple[AuditEntry | IssueEvent, str] | None:
    """The first problem event of ``chain`` that its audit row does not vouch for, and why."""
    seen: set[int] = set()
    for rows in _audited(session, chain):
        ids = [int(r.record_id) for r in rows]
        events = {
            e.id: e for e in session.scalars(select(IssueEvent).where(IssueEvent.id.in_(ids)))
        }
        for row in rows:
            ev = events.get(int(row.record_id))
            if ev is None:
                return row, f"问题事件 {row.record_id} 已被删除（台账与审计链不符）"
            if not _matches(ev, row):
                return row, f"问题事件 {row.record_id} 与审计记录不符（台账被改动）"
            seen.add(ev.id)
    first = session.scalar(
        select(func.min(AuditEntry.record_id.cast(IssueEvent.id.type))).where(
            AuditEntry.table_name == TABLE
        )
    )
    if first is None:
        return None
    later = select(IssueEvent, Issue.region_path).join(Issue).where(IssueEvent.id >= first)
    county = session.get(Region, chain) if chain else None
    if county is not None:
        later = later.where(holds_clause(county.path, Issue.region_path))
    for ev, path in session.execute(later.order_by(IssueEvent.id)):
        if ev.id not in seen and county_of_path(session, path) == chain:
            return ev, f"问题事件 {ev.id} 不在审计链中（台账被插入）"
    return None


def check_bulletins(session: Session, chain: int) -> tuple[Bulletin, str] | None:
    """The first published bulletin of ``chain`` whose printed head the chain does not hold."""
    printed = select(Bulletin).where(Bulletin.audit_head.is_not(None)).order_by(Bulletin.id)
    for bulletin in session.scalars(printed):
        if county_of_path(session, bulletin.region.path) != chain:
            continue
        seq = bulletin.audit_seq or 0
        held = (
            GENESIS
            if seq == 0
            else session.scalar(
                select(AuditEntry.hash).where(AuditEntry.chain == chain, AuditEntry.seq == seq)
            )
        )
        if held != bulletin.audit_head:
            return bulletin, f"通报 {bulletin.code} 印的审计指纹与链上第 {seq} 条不符"
    return None
