"""Who may touch an upload: its creator, with the session's CSRF token."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.media.uploading import TUS, Tus, encode_metadata, make_jpeg, new_client, sha256


def test_anonymous_upload_is_a_401(client: Any) -> None:
    response = client.post("/api/v1/uploads/", headers={**TUS, "Upload-Length": "10"})
    assert response.status_code == 401
    assert response.headers["Tus-Resumable"] == "1.0.0"


def test_missing_csrf_token_is_a_403(tus: Tus) -> None:
    data = make_jpeg()
    headers = {
        **TUS,
        "Upload-Length": str(len(data)),
        "Upload-Metadata": encode_metadata(sha256=sha256(data)),
    }
    response = tus.client.post("/api/v1/uploads/", headers=headers)
    assert response.status_code == 403
    assert response.get_json()["code"] == "csrf_failed"
    assert response.headers["Tus-Resumable"] == "1.0.0"


def test_patch_without_csrf_token_is_a_403(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    response = tus.client.patch(
        url,
        data=data,
        content_type="application/offset+octet-stream",
        headers={**TUS, "Upload-Offset": "0"},
    )
    assert response.status_code == 403
    assert tus.offset(url) == 0


@pytest.mark.parametrize("method", ["HEAD", "PATCH", "DELETE"])
def test_another_users_upload_is_not_found(
    tus: Tus, app: Flask, make_user: Any, method: str
) -> None:
    data = make_jpeg()
    url = tus.start(data)
    other = new_client(app, make_user("inspector"))
    response = other.client.open(
        url,
        method=method,
        data=data if method == "PATCH" else None,
        content_type="application/offset+octet-stream",
        headers=other.headers(**{"Upload-Offset": "0"}),
    )
    assert response.status_code == 404
    assert tus.offset(url) == 0
