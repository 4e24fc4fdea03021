"""The bulletin tests' county, office and factories, plus problems on a chosen project."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from flask.testing import FlaskClient

from server.issues.models import Issue
from tests.bulletins.conftest import (  # noqa: F401  (fixtures shared with the bulletin tests)
    cast,
    client_for,
    make_deputy_report,
    make_inspection,
    office,
    record_problem,
    report_progress,
    townships,
)


@pytest.fixture
def dashboard(office: FlaskClient):  # type: ignore[no-untyped-def]  # noqa: F811
    """``dashboard(**query)`` → the dashboard's JSON, asserting a 200."""

    def get(**query: Any) -> dict[str, Any]:
        response = office.get("/api/v1/dashboard", query_string=query)
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return get


@pytest.fixture
def make_problem(cast):  # type: ignore[no-untyped-def]  # noqa: F811
    """``record_problem`` on a chosen project."""

    def make(project, created: datetime, steps=(), unit=None) -> Issue:  # type: ignore[no-untyped-def]
        return record_problem(
            cast, project, created, steps, unit, title="护栏缺失", description="临水一侧无护栏"
        )

    return make
