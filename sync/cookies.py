"""Pull cookies: where a client stands in the change log, signed so that only the server makes them.

A place in the log is a position ``(xid, seq)`` (sync.changes explains the order). A cookie
reads ``3.c.<xid>.<seq>.<rejection>.<scope>.<mac>`` after an incremental pull: the first
position the client has not read. While a full copy is being paged it reads
``3.f.<xid>.<seq>.<cursor>.<rejection>.<scope>.<mac>``: the copy holds every record's latest
change before that position, and the incremental pulls go on from it. ``mac`` is an
HMAC-SHA256 of the rest and of the client id, keyed from the app's secret: a cookie that was
edited, made up, or issued to another install does not verify and earns a full copy.

Version 2 cookies (a sequence number, from before positions) still work: their rows all read
xid 0, so "after seq S" is the position ``(0, S + 1)``. Version 1 cookies (unsigned, before
the signature) earn a full copy.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

VERSION = "3"
_PREVIOUS = "2"  # a sequence number instead of a position
_PURPOSE = b"xianchang sync pull cookie v2"  # the body names its version, so one key serves both


@dataclass(frozen=True, order=True)
class Position:
    """A place in the change log: rows sort by the writing transaction's id, then sequence."""

    xid: int
    seq: int


@dataclass(frozen=True)
class Cookie:
    full: bool
    position: Position  # incremental: the first place not yet read; full copy: where it ends
    cursor: int = 0  # full copy: records whose latest change's seq is after this
    rejection: int = 0
    scope: str = ""

    def body(self) -> str:
        xid, seq = self.position.xid, self.position.seq
        if self.full:
            return f"{VERSION}.f.{xid}.{seq}.{self.cursor}.{self.rejection}.{self.scope}"
        return f"{VERSION}.c.{xid}.{seq}.{self.rejection}.{self.scope}"

    def render(self, secret: bytes, client_id: str) -> str:
        body = self.body()
        return f"{body}.{_mac(secret, client_id, body)}"


def _mac(secret: bytes, client_id: str, body: str) -> str:
    key = hmac.new(secret, _PURPOSE, hashlib.sha256).digest()  # not the session's own key
    return hmac.new(key, f"{client_id}|{body}".encode(), hashlib.sha256).hexdigest()


def parse_cookie(raw: str | None, secret: bytes, client_id: str) -> Cookie | None:
    """The cookie, or None when it is missing, unreadable or not signed by this server for
    this client (the client then gets a full copy)."""
    if not raw:
        return None
    body, _, mac = raw.rpartition(".")
    if not body or not hmac.compare_digest(mac.encode(), _mac(secret, client_id, body).encode()):
        return None
    parts = body.split(".")
    try:
        numbers = [int(part) for part in parts[2:-1]]
    except ValueError:
        return None
    if any(number < 0 for number in numbers):
        return None
    kind, scope = parts[1] if len(parts) > 1 else "", parts[-1]
    if parts[0] == VERSION and kind == "c" and len(numbers) == 3:
        xid, seq, rejection = numbers
        return Cookie(False, Position(xid, seq), 0, rejection, scope)
    if parts[0] == VERSION and kind == "f" and len(numbers) == 4:
        xid, seq, cursor, rejection = numbers
        return Cookie(True, Position(xid, seq), cursor, rejection, scope)
    if parts[0] == _PREVIOUS and kind == "c" and len(numbers) == 2:
        seq, rejection = numbers
        return Cookie(False, Position(0, seq + 1), 0, rejection, scope)
    if parts[0] == _PREVIOUS and kind == "f" and len(numbers) == 3:
        snapshot, cursor, rejection = numbers
        return Cookie(True, Position(0, snapshot + 1), cursor, rejection, scope)
    return None


def legacy_rejection(raw: str | None) -> int:
    """The rejection number an unsigned version 1 cookie carried (0 for anything else), so a
    phone upgraded from it is not sent every old rejection again. Only the client's own
    rejections are ever sent, so a made-up number hides nothing from anyone else."""
    parts = (raw or "").split(".")
    position = {"c": 3, "f": 4}.get(parts[1]) if parts[0] == "1" and len(parts) > 1 else None
    if position is None or len(parts) != position + 2:
        return 0
    try:
        number = int(parts[position])
    except ValueError:
        return 0
    return number if 0 <= number < 2**63 else 0
