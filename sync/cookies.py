"""Pull cookies: where a client stands in the change log, signed so that only the server makes them.

A cookie reads ``2.c.<seq>.<rejection>.<scope>.<mac>`` after an incremental pull, or
``2.f.<snapshot>.<cursor>.<rejection>.<scope>.<mac>`` while a full copy is being paged. ``mac``
is an HMAC-SHA256 of the rest and of the client id, keyed from the app's secret: a cookie that
was edited, made up, or issued to another install does not verify and earns a full copy.
Version 1 cookies (unsigned, before the signature) are treated the same way.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

VERSION = "2"
_PURPOSE = b"xianchang sync pull cookie v2"


@dataclass(frozen=True)
class Cookie:
    full: bool
    seq: int  # incremental: changes after this; full copy: the snapshot
    cursor: int = 0  # full copy: records whose latest change is after this
    rejection: int = 0
    scope: str = ""

    def body(self) -> str:
        if self.full:
            return f"{VERSION}.f.{self.seq}.{self.cursor}.{self.rejection}.{self.scope}"
        return f"{VERSION}.c.{self.seq}.{self.rejection}.{self.scope}"

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
        if parts[:2] == [VERSION, "c"] and len(parts) == 5:
            return Cookie(False, int(parts[2]), 0, int(parts[3]), parts[4])
        if parts[:2] == [VERSION, "f"] and len(parts) == 6:
            return Cookie(True, int(parts[2]), int(parts[3]), int(parts[4]), parts[5])
    except ValueError:
        return None
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
