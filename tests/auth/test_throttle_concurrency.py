"""Parallel wrong passwords: the count is taken before the password is checked, atomically, so
no more passwords are checked than the limit allows (PostgreSQL checked 8–9 of 5 before)."""

import threading

from server.auth import services
from tests.auth.conftest import WRONG, post_login

PARALLEL = 16


def _checked_in_parallel(app, monkeypatch, username: str, ip_of) -> list[str]:  # type: ignore[no-untyped-def]
    """Send PARALLEL wrong passwords at once; returns the passwords whose hash was checked."""
    checked: list[str] = []
    real = services.verify_password
    lock = threading.Lock()

    def counting_verify(password_hash: str, password: str) -> bool:
        with lock:
            checked.append(password)
        return real(password_hash, password)

    monkeypatch.setattr(services, "verify_password", counting_verify)
    start = threading.Barrier(PARALLEL)
    statuses: list[int] = []

    def attempt(n: int) -> None:
        client = app.test_client()
        start.wait()
        statuses.append(post_login(client, username, WRONG, ip=ip_of(n)).status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(set(statuses)) == [401, 429]
    return checked


def test_parallel_tries_from_one_ip_check_at_most_five_passwords(
    app, make_user, monkeypatch
) -> None:
    user = make_user()
    checked = _checked_in_parallel(app, monkeypatch, user.username, lambda n: "10.0.0.1")
    assert len(checked) <= app.config["LOGIN_MAX_FAILURES"]


def test_parallel_tries_from_many_ips_check_at_most_the_accounts_ceiling(
    app, make_user, monkeypatch
) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 6
    user = make_user()
    checked = _checked_in_parallel(app, monkeypatch, user.username, lambda n: f"198.51.100.{n}")
    assert len(checked) <= 6
