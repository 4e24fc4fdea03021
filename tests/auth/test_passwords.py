"""Password hashing: OWASP's argon2id parameters, rehash of old hashes, no open transaction
and a bounded number of hashes at once while logins wave in."""

import threading
import time

from argon2 import PasswordHasher

from server.auth import passwords, services
from server.auth.models import User
from server.config import BASE_CONFIG
from server.db import db
from tests.conftest import PASSWORD


def _login(client, username: str, password: str = PASSWORD):
    return client.post("/api/v1/auth/login", json={"username": username, "password": password})


def test_production_parameters_meet_owasps_argon2id_minimum() -> None:
    # OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1 (or stronger)
    assert BASE_CONFIG["ARGON2_MEMORY_COST"] >= 19 * 1024
    assert BASE_CONFIG["ARGON2_TIME_COST"] >= 2
    assert BASE_CONFIG["ARGON2_PARALLELISM"] == 1


def test_a_hash_made_with_other_parameters_is_rehashed_at_the_next_good_login(
    client, make_user
) -> None:
    user = make_user()
    old = PasswordHasher(time_cost=3, memory_cost=2048, parallelism=4).hash(PASSWORD)
    user.password_hash = old
    db.session.commit()
    assert _login(client, user.username).status_code == 200
    stored = db.session.get(User, user.id).password_hash
    assert stored != old
    assert not passwords.needs_rehash(stored)
    assert passwords.verify_password(stored, PASSWORD)


def test_a_wrong_password_does_not_rehash(client, make_user) -> None:
    user = make_user()
    old = PasswordHasher(time_cost=3, memory_cost=2048, parallelism=4).hash(PASSWORD)
    user.password_hash = old
    db.session.commit()
    assert _login(client, user.username, "wrong-password-1").status_code == 401
    assert db.session.get(User, user.id).password_hash == old


def test_the_hash_is_checked_outside_any_database_transaction(
    client, make_user, monkeypatch
) -> None:
    user = make_user()
    seen: list[bool] = []
    real = services.verify_password

    def watching(stored: str, password: str) -> bool:
        seen.append(db.session().in_transaction())
        return real(stored, password)

    monkeypatch.setattr(services, "verify_password", watching)
    assert _login(client, user.username).status_code == 200
    assert seen == [False]


def test_hashes_run_one_at_a_time_per_process(app, monkeypatch) -> None:
    running, most = 0, 0
    guard = threading.Lock()

    class Slow:
        def hash(self, password: str) -> str:
            nonlocal running, most
            with guard:
                running += 1
                most = max(most, running)
            time.sleep(0.05)
            with guard:
                running -= 1
            return "x"

    monkeypatch.setattr(passwords, "_hasher", lambda: Slow())

    def hash_in_app() -> None:
        with app.app_context():
            passwords.hash_password("secret-123")

    threads = [threading.Thread(target=hash_in_app) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 1
