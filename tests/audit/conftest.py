"""The issues' cast (a county, its office, units, an inspector, two projects) and helpers to run
``flask --app server audit verify`` and to tamper with the log by raw SQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from server.db import db
from tests.issues.conftest import (  # noqa: F401  (fixtures)
    as_user,
    cast,
    make_evidence,
    make_issue,
    townships,
)


@pytest.fixture
def verify(runner):  # type: ignore[no-untyped-def]
    """``verify(*args)`` → (exit code, output) of ``audit verify``."""

    def run(*args: str) -> tuple[int, str]:
        db.session.commit()
        result = runner.invoke(args=["audit", "verify", *args])
        db.session.rollback()
        return result.exit_code, result.output

    return run


def sql(statement: str, **params: Any) -> list[Any]:
    """Run raw SQL and commit; the rows it returns, as mappings."""
    result = db.session.execute(text(statement), params)
    rows = list(result.mappings()) if result.returns_rows else []
    db.session.commit()
    return rows


def log_rows(chain: int | None = None) -> list[Any]:
    where = "" if chain is None else f"WHERE chain = {int(chain)}"
    return sql(f"SELECT * FROM audit_log {where} ORDER BY chain, seq")
