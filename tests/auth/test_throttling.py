"""Login throttling: per account and origin, per IP, and a ceiling per account, each blocking
for a growing time that ``retry_after`` states to the second."""

from server.auth.models import LoginThrottle
from server.db import db
from tests.auth.conftest import post_login
from tests.conftest import PASSWORD


def test_five_failures_from_one_ip_block_that_ip_even_with_the_right_password(
    client, make_user, fail
) -> None:
    user = make_user()
    fail(client, user.username, 5)
    response = post_login(client, user.username)
    body = response.get_json()
    assert response.status_code == 429
    assert body["code"] == "too_many_attempts"
    assert body["message"] == "登录失败次数过多，请 1 分钟后再试"


def test_four_failures_still_allow_login(client, make_user, fail) -> None:
    user = make_user()
    fail(client, user.username, 4)
    assert post_login(client, user.username).status_code == 200


def test_failures_from_another_ip_do_not_block_the_owner(client, make_user, fail) -> None:
    user = make_user()
    fail(client, user.username, 5, ip="198.51.100.7")
    assert post_login(client, user.username, ip="10.0.0.1").status_code == 200


def test_a_success_starts_the_count_afresh(client, make_user, fail) -> None:
    user = make_user()
    fail(client, user.username, 4)
    assert post_login(client, user.username).status_code == 200
    fail(client, user.username, 4)
    assert post_login(client, user.username).status_code == 200


def test_one_user_locked_does_not_lock_another(client, make_user, fail) -> None:
    locked, other = make_user(), make_user()
    fail(client, locked.username, 5)
    assert post_login(client, other.username).status_code == 200


def test_many_usernames_from_one_ip_are_throttled(app, client, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    user = make_user()
    for n in range(6):
        fail(client, f"guess{n}", 1, ip="10.9.9.9")
    assert post_login(client, user.username, ip="10.9.9.9").status_code == 429


def test_an_ip_over_its_limit_leaves_other_ips_alone(app, client, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    user = make_user()
    for n in range(6):
        fail(client, f"guess{n}", 1, ip="10.9.9.9")
    assert post_login(client, user.username, ip="10.0.0.2").status_code == 200


def test_failures_from_many_ips_reach_the_accounts_ceiling(app, client, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 8
    user = make_user()
    for n in range(8):
        fail(client, user.username, 1, ip=f"198.51.100.{n}")
    assert post_login(client, user.username, ip="10.0.0.1").status_code == 429


def test_retry_after_is_the_blocks_real_remaining_time(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(20)
    response = post_login(client, user.username)
    assert response.get_json()["retry_after"] == 40
    assert response.headers["Retry-After"] == "40"


def test_the_message_says_the_same_wait_as_retry_after(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(20)
    assert (
        post_login(client, user.username).get_json()["message"]
        == "登录失败次数过多，请 40 秒后再试"
    )


def test_a_second_before_retry_after_is_still_refused(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(7.5)
    retry_after = post_login(client, user.username).get_json()["retry_after"]
    clock.advance(retry_after - 1)
    assert post_login(client, user.username).status_code == 429


def test_a_second_after_retry_after_is_allowed(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(7.5)
    retry_after = post_login(client, user.username).get_json()["retry_after"]
    clock.advance(retry_after + 1)
    assert post_login(client, user.username).status_code == 200


def test_a_limit_reached_by_refused_tries_frees_when_retry_after_says(
    app, client, make_user, fail, clock
) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    user = make_user()
    fail(client, user.username, 7)  # five checked, then refused: the IP's count passes 6
    retry_after = post_login(client, user.username).get_json()["retry_after"]
    clock.advance(retry_after + 1)
    assert post_login(client, user.username).status_code == 200


def test_each_block_lasts_twice_as_long_as_the_last(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(61)
    fail(client, user.username, 5)
    assert post_login(client, user.username).get_json()["retry_after"] == 120


def test_blocks_stop_growing_at_the_maximum(app, client, make_user, fail, clock) -> None:
    app.config["LOGIN_BLOCK_MAX_SECONDS"] = 100
    user = make_user()
    fail(client, user.username, 5)
    clock.advance(61)
    fail(client, user.username, 5)
    assert post_login(client, user.username).get_json()["retry_after"] == 100


def test_a_quiet_window_forgets_earlier_failures(client, make_user, fail, clock) -> None:
    user = make_user()
    fail(client, user.username, 4)
    clock.advance(901)
    fail(client, user.username, 4)
    assert post_login(client, user.username).status_code == 200


def test_refused_tries_during_a_block_do_not_check_the_password(
    client, make_user, fail, monkeypatch
) -> None:
    from server.auth import services

    user = make_user()
    fail(client, user.username, 5)
    checked: list[str] = []
    real = services.verify_password
    monkeypatch.setattr(services, "verify_password", lambda h, p: checked.append(p) or real(h, p))
    post_login(client, user.username)
    assert checked == []


def test_counters_are_kept_per_scope(client, make_user, fail) -> None:
    user = make_user()
    fail(client, user.username, 2, ip="10.0.0.9")
    rows = {(row.scope, row.attempts) for row in db.session.query(LoginThrottle)}
    assert rows == {("pair", 2), ("ip", 2), ("account", 2)}


def test_the_right_password_gives_back_the_ips_place(client, make_user, fail) -> None:
    user = make_user()
    fail(client, user.username, 2, ip="10.0.0.9")
    post_login(client, user.username, PASSWORD, ip="10.0.0.9")
    ip_row = db.session.get(LoginThrottle, ("ip", "10.0.0.9"))
    assert ip_row.attempts == 2
