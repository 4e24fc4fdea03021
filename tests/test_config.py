"""Each process's database pool is sized to its request threads (deploy/gunicorn.conf.py)."""

from __future__ import annotations

from server.config import load_config


def test_a_postgresql_pool_matches_the_workers_threads(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://xianchang@127.0.0.1/xianchang")
    monkeypatch.setenv("GUNICORN_THREADS", "6")
    for name in ("DB_POOL_SIZE", "DB_MAX_OVERFLOW", "PGBOUNCER"):
        monkeypatch.delenv(name, raising=False)
    options = load_config(str(tmp_path), secret_required=False)["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options["pool_size"] == 7
    assert options["max_overflow"] == 4
    assert "connect_args" not in options


def test_the_pool_can_be_set_for_pgbouncer(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://xianchang@127.0.0.1:6432/xianchang")
    monkeypatch.setenv("DB_POOL_SIZE", "2")
    monkeypatch.setenv("DB_MAX_OVERFLOW", "0")
    monkeypatch.setenv("PGBOUNCER", "1")
    options = load_config(str(tmp_path), secret_required=False)["SQLALCHEMY_ENGINE_OPTIONS"]
    assert (options["pool_size"], options["max_overflow"]) == (2, 0)
    assert options["connect_args"] == {"prepare_threshold": None}  # no server-side statements


def test_sqlite_keeps_sqlalchemys_own_pool(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    options = load_config(str(tmp_path), secret_required=False)["SQLALCHEMY_ENGINE_OPTIONS"]
    assert options == {"pool_pre_ping": True}
