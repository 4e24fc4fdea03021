"""Fixtures for the checklist designer's tests: an office of the test county, one of another
county, and a checklist body as the office sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import PASSWORD


class Office:
    """A logged-in client of one user, sending the CSRF header."""

    def __init__(self, app: Flask, user: Any) -> None:
        self.client: FlaskClient = app.test_client()
        self.user = user
        response = self.client.post(
            "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
        )
        assert response.status_code == 200, response.get_json()
        self.headers = {"X-CSRF-Token": response.get_json()["csrf_token"]}

    def get(self, url: str) -> Any:
        return self.client.get(url)

    def post(self, url: str, json: Any = None, **kwargs: Any) -> Any:
        return self.client.post(url, json=json, headers=self.headers, **kwargs)


def checklist(**overrides: Any) -> dict[str, Any]:
    """A checklist body: a yes/no safety question (是 is bad), a number 0–100, a choice, a photo
    item needing two photos."""
    body: dict[str, Any] = {
        "name": "施工安全检查",
        "series_ids": [],
        "kinds": [],
        "items": [
            {
                "kind": "yes_no_na",
                "label": "存在安全隐患",
                "required": True,
                "bad_answer": "yes",
                "opens_problem": True,
            },
            {"kind": "number", "label": "形象进度", "unit": "%", "minimum": 0, "maximum": 100},
            {
                "kind": "choice",
                "label": "环境卫生",
                "options": ["干净整洁", "一般", "较差"],
                "bad_answer": ["较差"],
            },
            {"kind": "photo", "label": "现场照片", "required": True, "min_count": 2},
        ],
    }
    body.update(overrides)
    return body


@pytest.fixture
def other_county(make_region: Callable[..., Any]) -> Any:
    county = make_region("别县", "county")
    make_region("别镇", "township", county)
    return county


@pytest.fixture
def office(app: Flask, make_user: Callable[..., Any], county: Any) -> Office:
    """The supervisor of the test county."""
    return Office(app, make_user("supervisor", region=county))


@pytest.fixture
def as_user(app: Flask) -> Callable[[Any], Office]:
    return lambda user: Office(app, user)
