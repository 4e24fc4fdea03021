"""Login throttling: slow an attacker down without locking the owner out.

Three counters, each counted atomically *before* the password is checked (one
``INSERT … ON CONFLICT DO UPDATE … RETURNING``), so parallel requests cannot check more passwords
than the limit allows:

- ``pair``: one account from one origin, the device when it is known (a signed cookie from an
  earlier login, see ``devices``), else the IP. An attacker elsewhere does not block the owner.
- ``ip``: every account from one IP (unknown devices only).
- ``account``: one account from every unknown device, the ceiling against many IPs.

A counter that reaches its limit within the window blocks its key for ``LOGIN_BLOCK_SECONDS``,
doubling with each block up to ``LOGIN_BLOCK_MAX_SECONDS``; a quiet window forgets the blocks.
``retry_after`` is the block's real remaining time, to the second.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, case, delete, literal, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from server.auth.models import LoginThrottle
from server.db import db, utcnow
from server.errors import AppError

# the clock, replaceable in tests
now: Callable[[], datetime] = utcnow

_LIMITS = {
    "pair": "LOGIN_MAX_FAILURES",
    "ip": "LOGIN_MAX_FAILURES_PER_IP",
    "account": "LOGIN_MAX_FAILURES_PER_ACCOUNT",
}


@dataclass(frozen=True)
class Counter:
    """One counter as this attempt left it."""

    scope: str
    key: str
    attempts: int
    blocked_until: datetime | None
    blocks: int

    @property
    def limit(self) -> int:
        return int(current_app.config[_LIMITS[self.scope]])


@dataclass(frozen=True)
class Reservation:
    """The counters one login attempt took a place in."""

    counters: tuple[Counter, ...]
    at: datetime


def counter_keys(username: str, ip: str, device: str | None) -> list[tuple[str, str]]:
    """(scope, key) for an attempt, always in the same order (so row locks never deadlock);
    the IP's counter last, so its row (shared by every phone behind one NAT) is locked only
    for the last statement and the commit."""
    origin = f"device:{device}" if device else f"ip:{ip}"
    pair = ("pair", f"{origin} {username}")
    return [pair] if device else [("account", username), pair, ("ip", ip)]


def _too_many(seconds: int) -> AppError:
    """How long to wait, as the block really lasts: seconds under a minute, else whole minutes."""
    extra = {"retry_after": seconds}
    if seconds < 60:
        return AppError("too_many_attempts.seconds", extra=extra, seconds=seconds)
    return AppError("too_many_attempts", extra=extra, minutes=math.ceil(seconds / 60))


def _without_waiting_for_disk() -> None:
    """Commit this transaction without waiting for its WAL flush (PostgreSQL): it only moves
    counters, whose loss in a crash a few milliseconds later costs nothing, and a shared IP's
    counter row stays locked for the flush otherwise (200 phones behind one NAT log in at 8 a.m.)."""
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))


def reserve(username: str, ip: str, device: str | None) -> Reservation:
    """Count this attempt everywhere, commit, and refuse (429) when a key is blocked or full."""
    at = now()
    _without_waiting_for_disk()
    counters = tuple(_count(scope, key, at) for scope, key in counter_keys(username, ip, device))
    ends = [_block_end(counter, at) for counter in counters if _refuses(counter, at)]
    db.session.commit()
    if ends:
        retry_after = max(1, math.ceil((max(ends) - at).total_seconds()))
        raise _too_many(retry_after)
    return Reservation(counters, at)


def record_failure(reservation: Reservation) -> None:
    """A wrong password: block every key whose limit this attempt reached."""
    at = now()
    for counter in reservation.counters:
        if counter.attempts >= counter.limit:
            _block(counter, at)
    db.session.commit()


def record_success(reservation: Reservation) -> None:
    """The right password: the account's own origin starts afresh; others give the place back.
    Commits (on its own: nothing else may hold the counters' row locks meanwhile)."""
    table = LoginThrottle.__table__
    _without_waiting_for_disk()
    for counter in reservation.counters:
        where = (table.c.scope == counter.scope, table.c.key == counter.key)
        if counter.scope == "pair":
            values = {"attempts": 0, "blocks": 0, "blocked_until": None}
        else:
            values = {"attempts": case((table.c.attempts > 0, table.c.attempts - 1), else_=0)}
        db.session.execute(update(table).where(*where).values(**values))
    db.session.commit()


def _block_seconds(blocks: int) -> int:
    config = current_app.config
    first, most = config["LOGIN_BLOCK_SECONDS"], config["LOGIN_BLOCK_MAX_SECONDS"]
    return int(min(most, first * 2 ** min(blocks, 32)))


def _refuses(counter: Counter, at: datetime) -> bool:
    blocked = counter.blocked_until is not None and counter.blocked_until > at
    return blocked or counter.attempts > counter.limit


def _block_end(counter: Counter, at: datetime) -> datetime:
    """When a refusing key is free: its block's end; a key full but not blocked (the tries over
    the limit were refused elsewhere, or raced the one that reached it) is blocked now."""
    if counter.blocked_until is not None and counter.blocked_until > at:
        return counter.blocked_until
    return _block(counter, at)


def _block(counter: Counter, at: datetime) -> datetime:
    """Block the key from ``at`` unless it already is; returns the block's end."""
    table = LoginThrottle.__table__
    key = (table.c.scope == counter.scope, table.c.key == counter.key)
    free = or_(table.c.blocked_until.is_(None), table.c.blocked_until <= at)
    blocked_until = db.session.scalar(
        update(table)
        .where(*key, free)
        .values(
            blocked_until=at + timedelta(seconds=_block_seconds(counter.blocks)),
            blocks=table.c.blocks + 1,
        )
        .returning(table.c.blocked_until)
    )
    if blocked_until is None:  # another attempt blocked it first
        blocked_until = db.session.scalar(select(table.c.blocked_until).where(*key))
    return blocked_until


def _count(scope: str, key: str, at: datetime) -> Counter:
    """Add this attempt to one counter in a single statement; returns the counter after it."""
    table = LoginThrottle.__table__
    window_ago = at - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    blocked = table.c.blocked_until > at
    block_over = table.c.blocked_until <= at
    quiet = and_(table.c.blocked_until.is_(None), table.c.window_started_at <= window_ago)
    # a block that ended a whole window ago, or a window without one, forgets earlier blocks
    forget = or_(quiet, table.c.blocked_until <= window_ago)
    fresh = or_(block_over, quiet)
    insert = postgresql.insert if db.engine.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table).values(
        scope=scope, key=key, attempts=1, window_started_at=at, blocked_until=None, blocks=0
    )
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.scope, table.c.key],
        set_={
            "attempts": case(
                (blocked, table.c.attempts + 1), (fresh, literal(1)), else_=table.c.attempts + 1
            ),
            "window_started_at": case(
                (blocked, table.c.window_started_at),
                (fresh, literal(at, LoginThrottle.window_started_at.type)),
                else_=table.c.window_started_at,
            ),
            "blocked_until": case((block_over, None), else_=table.c.blocked_until),
            "blocks": case((forget, literal(0)), else_=table.c.blocks),
        },
    ).returning(table.c.attempts, table.c.blocked_until, table.c.blocks)
    row = db.session.execute(statement).one()
    return Counter(scope, key, row.attempts, row.blocked_until, row.blocks)


def forget_quiet_counters(at: datetime) -> int:
    """Delete counters a next attempt would start afresh anyway (a quiet window, or a block over
    a whole window ago), so tries at many names or from many addresses leave no lasting rows."""
    table = LoginThrottle.__table__
    window_ago = at - timedelta(seconds=current_app.config["LOGIN_WINDOW_SECONDS"])
    quiet = and_(table.c.blocked_until.is_(None), table.c.window_started_at <= window_ago)
    result = db.session.execute(
        delete(table).where(or_(quiet, table.c.blocked_until <= window_ago))
    )
    return result.rowcount or 0
