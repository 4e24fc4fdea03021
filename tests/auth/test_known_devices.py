"""A browser the owner logged in on keeps working while an attacker elsewhere is throttled."""

from itsdangerous import URLSafeTimedSerializer

from server.auth.devices import DEVICE_COOKIE
from tests.auth.conftest import post_login
from tests.conftest import PASSWORD


def _known_phone(app, user):  # type: ignore[no-untyped-def]
    """A client that logged in as ``user`` once (and logged out): it holds the device cookie."""
    phone = app.test_client()
    assert post_login(phone, user.username, ip="10.0.0.1").status_code == 200
    phone.delete_cookie("xc_session")
    return phone


def test_a_login_sets_a_long_lived_httponly_device_cookie(client, make_user) -> None:
    user = make_user()
    cookies = post_login(client, user.username).headers.getlist("Set-Cookie")
    device = next(c for c in cookies if c.startswith(f"{DEVICE_COOKIE}="))
    assert "HttpOnly" in device
    assert "Max-Age=15552000" in device


def test_the_owners_device_logs_in_past_the_accounts_ceiling(app, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 8
    user = make_user()
    phone = _known_phone(app, user)
    attacker = app.test_client()
    for n in range(10):
        fail(attacker, user.username, 1, ip=f"198.51.100.{n}")
    assert post_login(phone, user.username, ip="10.0.0.1").status_code == 200


def test_the_owners_device_logs_in_past_its_ips_limit(app, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    user = make_user()
    phone = _known_phone(app, user)
    attacker = app.test_client()  # behind the same office address
    fail(attacker, user.username, 5, ip="10.0.0.1")
    for n in range(6):
        fail(attacker, f"guess{n}", 1, ip="10.0.0.1")
    assert post_login(phone, user.username, ip="10.0.0.1").status_code == 200


def test_the_owners_device_is_blocked_after_its_own_five_failures(app, make_user, fail) -> None:
    user = make_user()
    phone = _known_phone(app, user)
    fail(phone, user.username, 5, ip="10.0.0.1")
    assert post_login(phone, user.username, ip="10.0.0.1").status_code == 429


def test_a_device_known_for_one_account_is_unknown_for_another(app, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 8
    owner, other = make_user(), make_user()
    phone = _known_phone(app, owner)
    for n in range(8):
        fail(app.test_client(), other.username, 1, ip=f"198.51.100.{n}")
    assert post_login(phone, other.username, ip="10.0.0.1").status_code == 429


def test_a_forged_device_cookie_counts_as_unknown(app, client, make_user, fail) -> None:
    app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"] = 8
    user = make_user()
    for n in range(8):
        fail(client, user.username, 1, ip=f"198.51.100.{n}")
    forged = URLSafeTimedSerializer("not-the-servers-key", salt="xianchang-known-device")
    value = forged.dumps({"d": "forged", "u": [user.username]})
    client.set_cookie(DEVICE_COOKIE, value, path="/api/v1/auth")
    assert post_login(client, user.username, PASSWORD, ip="10.0.0.1").status_code == 429
