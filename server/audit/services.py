"""What other domains and the command line use of the audit trail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.audit import verify
from server.audit.chain import county_of_path
from server.audit.events import ACTOR_KEY, seal
from server.audit.sealing import seal_everything, seal_in
from server.regions.models import Region

FINGERPRINT_HEX = 16


@dataclass(frozen=True)
class Verified:
    count: int
    broken: verify.Break | None


def head_of_region(session: Session, region: Region) -> tuple[int, str]:
    """The last seq and hash of the chain of ``region``'s county (its own, if a county), every
    committed event and this transaction's so far included; the head stays locked until the
    transaction ends, so the chain cannot move past what the bulletin prints meanwhile."""
    session.flush()
    seal(session)
    return seal_in(session, county_of_path(session, region.path))


def fingerprint(head_hash: str | None) -> str | None:
    """What a printed bulletin shows of the chain head: its first 16 hex digits."""
    return head_hash[:FINGERPRINT_HEX] if head_hash else None


def act_as(session: Session, user_id: int | None) -> None:
    """Name the actor of a script's changes (a request's signed-in user is found by itself)."""
    session.info[ACTOR_KEY] = user_id


def find_county(session: Session, name: str) -> Region | None:
    return session.scalars(
        select(Region).where(Region.name == name, Region.level == "county").limit(1)
    ).first()


def seal_chains(session: Session) -> int:
    """Seal every committed unsealed row now (``flask audit seal``); the number sealed."""
    return seal_everything(session.get_bind())


def verify_chains(session: Session, chains: list[int] | None = None) -> Verified:
    """Seal what waits, then walk the given chains (all by default); stop at the first break."""
    seal_chains(session)
    session.rollback()  # a fresh snapshot that sees what was just sealed
    total = 0
    for chain in verify.chains(session) if chains is None else chains:
        walked = verify.walk(session, chain)
        total += walked.count
        if walked.broken is not None:
            return Verified(total, walked.broken)
    return Verified(total, None)
