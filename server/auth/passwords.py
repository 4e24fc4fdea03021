"""Argon2id password hashing that cannot starve sync.

The parameters are OWASP's first argon2id recommendation (m = 19 MiB, t = 2, p = 1): a login costs
one core for tens of milliseconds, not four lanes of 64 MiB × 3 passes. On the 2-core hosts we run
on, a morning wave of 200 logins with the old parameters took both cores for seconds while phones
waited to sync. Hashing also runs under a per-process semaphore (``PASSWORD_HASH_CONCURRENCY``,
default 1), so however many logins arrive at once, the other request threads keep a core.
A stored hash with other parameters still verifies and is rehashed at the next good login.
"""

from __future__ import annotations

import threading

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app, has_app_context

TIME_COST = 2
MEMORY_COST_KIB = 19 * 1024
PARALLELISM = 1

_DEFAULT = PasswordHasher(time_cost=TIME_COST, memory_cost=MEMORY_COST_KIB, parallelism=PARALLELISM)
_slots_lock = threading.Lock()
_slots: dict[int, threading.BoundedSemaphore] = {}


def _hasher() -> PasswordHasher:
    if not has_app_context():
        return _DEFAULT
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config.get("ARGON2_PARALLELISM", PARALLELISM),
    )


def _slot() -> threading.BoundedSemaphore:
    """The semaphore bounding how many hashes this process computes at once."""
    size = int(current_app.config.get("PASSWORD_HASH_CONCURRENCY", 1)) if has_app_context() else 1
    with _slots_lock:
        return _slots.setdefault(size, threading.BoundedSemaphore(size))


def hash_password(password: str) -> str:
    """The argon2id hash to store."""
    with _slot():
        return _hasher().hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches the stored hash (False for a malformed hash)."""
    try:
        with _slot():
            return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Whether a stored hash was made with other parameters than today's."""
    try:
        return _hasher().check_needs_rehash(password_hash)
    except InvalidHashError:
        return True


# Verified against when the user does not exist, so timing does not reveal usernames.
DUMMY_HASH = _DEFAULT.hash("not-a-real-password")
