"""Known devices: a signed, long-lived cookie naming the accounts that logged in on a browser.

Login throttling counts a known device's failures on their own, so an attacker elsewhere (even
behind the same office IP) cannot keep the owner out of the account from their own phone or PC.
"""

from __future__ import annotations

import secrets

from flask import Response, current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

DEVICE_COOKIE = "xc_device"
_SALT = "xianchang-known-device"
_MAX_ACCOUNTS = 8  # a shared office PC remembers this many accounts


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def _max_age() -> int:
    return int(current_app.config["KNOWN_DEVICE_DAYS"]) * 24 * 3600


def _read() -> dict | None:
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw:
        return None
    try:
        data = _serializer().loads(raw, max_age=_max_age())
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), str):
        return None
    if not isinstance(data.get("u"), list):
        return None
    return data


def known_device(username: str) -> str | None:
    """This browser's device id when ``username`` logged in on it before, else None."""
    data = _read()
    if data is None or username not in data["u"]:
        return None
    return data["d"]


def remember_device(response: Response, username: str) -> Response:
    """Add ``username`` to this browser's known-device cookie (a new device id the first time)."""
    data = _read() or {"d": secrets.token_urlsafe(16), "u": []}
    accounts = [name for name in data["u"] if name != username][-(_MAX_ACCOUNTS - 1) :]
    value = _serializer().dumps({"d": data["d"], "u": [*accounts, username]})
    response.set_cookie(
        DEVICE_COOKIE,
        value,
        max_age=_max_age(),
        path="/api/v1/auth",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response
