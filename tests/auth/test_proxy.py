"""Behind nginx (TRUSTED_PROXIES=1) the client's address is the one nginx saw, not 127.0.0.1."""

from pathlib import Path

from flask import Flask, request

from server.auth.models import LoginAttempt
from server.db import db
from tests.auth.conftest import WRONG, post_login
from tests.conftest import PASSWORD

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
NGINX = "127.0.0.1"


def through_nginx(client, username: str, password: str, forwarded_for: str):  # type: ignore[no-untyped-def]
    return post_login(
        client,
        username,
        password,
        ip=NGINX,
        HTTP_X_FORWARDED_FOR=forwarded_for,
        HTTP_X_FORWARDED_PROTO="https",
    )


def _attempt_ips() -> list[str]:
    db.session.rollback()  # the proxied app wrote through its own session: read afresh
    return [attempt.ip for attempt in db.session.query(LoginAttempt)]


def test_the_client_address_comes_from_x_forwarded_for(proxied, make_user) -> None:
    user = make_user()
    through_nginx(proxied.test_client(), user.username, WRONG, "203.0.113.5")
    assert _attempt_ips() == ["203.0.113.5"]


def test_an_address_the_client_forged_is_not_believed(proxied, make_user) -> None:
    user = make_user()
    # the client sent "X-Forwarded-For: 10.1.1.1"; nginx appended the address it saw
    through_nginx(proxied.test_client(), user.username, WRONG, "10.1.1.1, 203.0.113.5")
    assert _attempt_ips() == ["203.0.113.5"]


def test_a_malformed_forwarded_address_is_still_an_ordinary_refusal(proxied, make_user) -> None:
    user = make_user()
    response = through_nginx(proxied.test_client(), user.username, WRONG, "x" * 300)
    assert response.status_code == 401


def test_without_trusted_proxies_x_forwarded_for_is_ignored(client, make_user) -> None:
    user = make_user()
    post_login(client, user.username, WRONG, ip=NGINX, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert _attempt_ips() == [NGINX]


def test_one_clients_failures_do_not_lock_out_another_behind_nginx(
    proxied, make_user, fail
) -> None:
    proxied.config["LOGIN_MAX_FAILURES_PER_IP"] = 6
    attacker, admin = proxied.test_client(), proxied.test_client()
    user = make_user("admin")
    for n in range(6):
        through_nginx(attacker, f"guess{n}", WRONG, "203.0.113.5")
    assert through_nginx(attacker, user.username, "x" * 9, "203.0.113.5").status_code == 429
    assert through_nginx(admin, user.username, PASSWORD, "198.51.100.2").status_code == 200


def _seen(app: Flask, **request_args):  # type: ignore[no-untyped-def]
    """The request's scheme and host as the app saw them."""
    seen: dict[str, str] = {}

    @app.after_request
    def remember(response):  # type: ignore[no-untyped-def]
        seen.update(scheme=request.scheme, host=request.host)
        return response

    app.test_client().get("/api/v1/auth/me", environ_base={"REMOTE_ADDR": NGINX}, **request_args)
    return seen


def test_the_scheme_comes_from_x_forwarded_proto(proxied) -> None:
    seen = _seen(proxied, headers={"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Proto": "https"})
    assert seen["scheme"] == "https"


def test_the_host_is_not_taken_from_x_forwarded_host(proxied) -> None:
    seen = _seen(
        proxied,
        base_url="http://xianchang.example.gov.cn",
        headers={"X-Forwarded-For": "203.0.113.5", "X-Forwarded-Host": "evil.example"},
    )
    assert seen["host"] == "xianchang.example.gov.cn"


def test_the_deployed_environment_trusts_one_proxy() -> None:
    lines = (DEPLOY / "xianchang.env.example").read_text(encoding="utf-8").splitlines()
    assert "TRUSTED_PROXIES=1" in lines


def test_nginx_passes_the_client_address_and_scheme() -> None:
    conf = (DEPLOY / "nginx-xianchang.conf").read_text(encoding="utf-8")
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
