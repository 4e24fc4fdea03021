"""Every responsible unit of both demo counties has a login, so every 交办 reaches someone."""

from __future__ import annotations

from sqlalchemy import select

from server.auth.models import User
from server.db import db
from server.demo.loader import DEMO_PASSWORD, load_demo
from server.demo.unit_logins import unit_username
from server.regions.models import Unit


def test_every_unit_has_a_unit_login(app) -> None:
    load_demo()
    units = db.session.scalars(select(Unit)).all()
    assert len(units) == 10 + 47 - 1  # both counties' units.csv (Qingtian's has a header line)
    without = [
        u.name
        for u in units
        if db.session.scalar(select(User.id).where(User.role == "unit", User.unit_id == u.id))
        is None
    ]
    assert without == []


def test_a_unit_without_a_named_login_gets_the_code_pattern(app) -> None:
    load_demo()
    client = app.test_client()
    response = client.post(
        "/api/v1/auth/login", json={"username": unit_username("TS-JW"), "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    me = db.session.scalar(select(User).where(User.username == "ts_jw"))
    assert (me.role, me.unit.name) == ("unit", "教育文体旅游局")


def test_named_unit_logins_are_kept_and_not_doubled(app) -> None:
    load_demo()
    load_demo()
    yingji = db.session.scalar(select(Unit).where(Unit.code == "TS-YJ"))
    logins = db.session.scalars(
        select(User.username).where(User.role == "unit", User.unit_id == yingji.id)
    ).all()
    assert logins == ["ts_yingji"]
