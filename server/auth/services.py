"""Accounts, logins, sessions and throttling."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from server.auth import throttle
from server.auth.models import ROLES, AuthSession, LoginAttempt, User
from server.auth.passwords import DUMMY_HASH, hash_password, needs_rehash, verify_password
from server.auth.roles import check_role_fields
from server.db import db, utcnow
from server.errors import AppError
from server.regions.models import Region, Unit

MIN_PASSWORD_LENGTH = 8
# a one-time password is read off paper: no 0/O, 1/l/I
_ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ONE_TIME_LENGTH = 10


def _validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AppError(
            "validation_error",
            status=422,
            errors={"password": [f"密码至少 {MIN_PASSWORD_LENGTH} 位"]},
        )


def create_user(
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    unit: Unit | None = None,
    region: Region | None = None,
    townships: Sequence[Region] = (),
    must_change_password: bool = False,
) -> User:
    """Add an account, checking that its role has what it needs and nothing it does not;
    ``must_change_password`` for a one-time password the user replaces at first login."""
    if role not in ROLES:
        raise AppError("validation_error", errors={"role": ["未知角色"]}, status=422)
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise AppError("username_taken", errors={"username": ["用户名已存在"]})
    check_role_fields(role, unit, region, townships)
    _validate_password(password)
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        password_hash=hash_password(password),
        unit=unit,
        region=region,
        townships=list(townships),
        must_change_password=must_change_password,
    )
    db.session.add(user)
    db.session.flush()
    return user


def set_password(user: User, password: str) -> None:
    _validate_password(password)
    user.password_hash = hash_password(password)
    end_all_sessions(user)


def one_time_password() -> str:
    """A random password to hand over on paper (the user must replace it)."""
    return "".join(secrets.choice(_ONE_TIME_ALPHABET) for _ in range(ONE_TIME_LENGTH))


def reset_password(user: User) -> str:
    """Give the account a one-time password, log it out everywhere, and require a new password
    at its next login; returns the one-time password (shown once, never stored)."""
    password = one_time_password()
    set_password(user, password)
    user.must_change_password = True
    return password


def change_own_password(user: User, current: str, new: str, session_token: str) -> None:
    """The user replaces their password (checking the current one); other sessions end, this
    one goes on, and a required change is done."""
    if not verify_password(user.password_hash, current):
        raise AppError("wrong_password", errors={"current_password": ["当前密码不正确"]})
    if new == current:
        raise AppError("password_unchanged", errors={"new_password": ["新密码不能与当前密码相同"]})
    _validate_password(new)
    user.password_hash = hash_password(new)
    user.must_change_password = False
    end_all_sessions(user, keep=session_token)


def end_all_sessions(user: User, keep: str | None = None) -> None:
    """Log the user out everywhere (after a password change or deactivation), except the
    session of the token ``keep``."""
    query = delete(AuthSession).where(AuthSession.user_id == user.id)
    if keep is not None:
        query = query.where(AuthSession.id != _token_id(keep))
    db.session.execute(query)


def _token_id(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(username: str, password: str, ip: str, device: str | None = None) -> User:
    """Check a username and password, refusing (429) while this origin, IP or account is
    throttled; ``device`` is the known-device id when the browser logged in as ``username``."""
    reservation = throttle.reserve(username, ip, device)
    user = db.session.scalar(select(User).where(User.username == username))
    stored = user.password_hash if user else DUMMY_HASH
    # end the transaction before the slow hash: no pooled connection sits idle in transaction
    db.session.commit()
    ok = verify_password(stored, password)
    if user is None or not ok:
        db.session.add(LoginAttempt(username=username, ip=ip, succeeded=False))
        throttle.record_failure(reservation)  # commits: the failure counts though the request fails
        raise AppError("invalid_credentials")
    # the give-back commits on its own: every phone behind one carrier NAT shares the IP
    # counter's row, and a login holding its lock until the session is written queues the rest
    throttle.record_success(reservation)
    db.session.add(LoginAttempt(username=username, ip=ip, succeeded=True))
    if not user.active:
        db.session.commit()
        raise AppError("account_disabled")
    if needs_rehash(stored):
        user.password_hash = hash_password(password)
    user.last_login_at, user.last_login_ip = utcnow(), ip
    return user


def start_session(user: User, ip: str | None, user_agent: str | None) -> tuple[str, AuthSession]:
    """Open a session; returns the token for the cookie and the stored row."""
    token = secrets.token_urlsafe(32)
    max_days = current_app.config["SESSION_MAX_DAYS"]
    row = AuthSession(
        id=_token_id(token),
        user=user,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=utcnow() + timedelta(days=max_days),
        ip=ip,
        user_agent=(user_agent or "")[:255],
    )
    db.session.add(row)
    return token, row


def load_session(token: str) -> AuthSession | None:
    """The live session for a cookie token; expired or idle sessions count as none."""
    # the user with the session, in one query: every request of every phone starts here
    row = db.session.get(AuthSession, _token_id(token), options=[joinedload(AuthSession.user)])
    if row is None:
        return None
    now = utcnow()
    idle_limit = timedelta(days=current_app.config["SESSION_IDLE_DAYS"])
    if row.expires_at <= now or now - row.last_seen_at > idle_limit or not row.user.active:
        return None
    if now - row.last_seen_at > timedelta(minutes=5):
        row.last_seen_at = now
    return row


def end_session(token: str) -> None:
    db.session.execute(delete(AuthSession).where(AuthSession.id == _token_id(token)))


def prune_login_attempts(older_than: datetime) -> int:
    result = db.session.execute(delete(LoginAttempt).where(LoginAttempt.at < older_than))
    return result.rowcount or 0
