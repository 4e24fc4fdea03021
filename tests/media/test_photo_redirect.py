"""With S3 storage the object store serves photo bytes: the app checks access and answers a
short-lived presigned redirect (as ODK Central does), and the page may load images from there."""

from __future__ import annotations

import urllib.request
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask

from server.db import db
from server.media.models import Photo
from tests.conftest import PASSWORD
from tests.media.uploading import Tus, make_jpeg, moto_server, s3_bucket_config, sha256


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_photo(tus: Tus, app: Flask, moto_endpoint: str, inspector: Any) -> tuple[Photo, bytes]:
    app.config.update(s3_bucket_config(moto_endpoint, f"xc-{uuid.uuid4().hex[:12]}"))
    app.extensions.pop("xianchang.storage", None)
    data = make_jpeg(1200, 900, seed=7)
    _url, last = tus.upload(data)
    assert last.status_code == 204
    photo = Photo(
        id=str(uuid.uuid4()),
        sha256=sha256(data),
        size=len(data),
        content_type="image/jpeg",
        owner_type="inspection",
        owner_id=str(uuid.uuid4()),
        status="ready",
        uploaded_by_id=inspector.id,
    )
    db.session.add(photo)
    db.session.commit()
    return photo, data


def test_an_s3_photo_is_a_presigned_redirect_that_expires(
    tus: Tus, s3_photo: tuple[Photo, bytes], moto_endpoint: str
) -> None:
    photo, _data = s3_photo
    response = tus.client.get(f"/api/v1/photos/{photo.id}/thumb")
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(moto_endpoint)
    query = parse_qs(urlsplit(location).query)
    assert query["X-Amz-Expires"] == ["300"]
    assert "X-Amz-Signature" in query
    assert response.headers["Cache-Control"] == "private, max-age=240"


def test_the_redirect_gives_the_original_bytes(tus: Tus, s3_photo: tuple[Photo, bytes]) -> None:
    photo, data = s3_photo
    location = tus.client.get(f"/api/v1/photos/{photo.id}/original").headers["Location"]
    with urllib.request.urlopen(location, timeout=10) as answer:
        assert answer.read() == data
        assert answer.headers["Content-Type"] == "image/jpeg"


def test_someone_who_may_not_see_the_photo_gets_no_link(
    tus: Tus, s3_photo: tuple[Photo, bytes], app: Flask, make_user: Any
) -> None:
    photo, _data = s3_photo
    stranger = make_user("deputy")
    client = app.test_client()
    client.post("/api/v1/auth/login", json={"username": stranger.username, "password": PASSWORD})
    response = client.get(f"/api/v1/photos/{photo.id}/thumb")
    assert response.status_code == 404
    assert "Location" not in response.headers


def test_redirects_can_be_switched_off(tus: Tus, s3_photo: tuple[Photo, bytes], app: Flask) -> None:
    photo, data = s3_photo
    app.config["MEDIA_REDIRECT_SECONDS"] = 0
    response = tus.client.get(f"/api/v1/photos/{photo.id}/original")
    assert response.status_code == 200
    assert response.data == data


def test_the_page_may_load_images_from_the_object_store(
    tus: Tus, s3_photo: tuple[Photo, bytes], moto_endpoint: str
) -> None:
    policy = tus.client.get("/").headers["Content-Security-Policy"]
    img_src = next(part for part in policy.split("; ") if part.startswith("img-src"))
    assert moto_endpoint in img_src.split()
