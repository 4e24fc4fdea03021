"""Fixtures the upload and media tests share."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from server.media.storage import Storage, get_storage
from tests.media.uploading import Tus


@pytest.fixture
def inspector(make_user: Any) -> Any:
    return make_user("inspector")


@pytest.fixture
def tus(client: Any, login: Any, inspector: Any) -> Tus:
    """A logged-in inspector speaking tus to the upload endpoint."""
    return Tus(client, login(inspector))


@pytest.fixture
def storage(app: Flask) -> Storage:
    return get_storage(app)
