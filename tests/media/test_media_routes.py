"""HEAD /api/v1/blobs/<sha256> and GET /api/v1/photos/<id>/<variant>."""

from __future__ import annotations

import io
import uuid
from typing import Any

import pytest
from PIL import Image

from server.db import db
from server.media.models import Photo
from tests.media.uploading import Tus, make_jpeg, sha256

IMMUTABLE = "private, max-age=31536000, immutable"


@pytest.fixture
def photo_data() -> bytes:
    return make_jpeg(2000, 1500, seed=42)


@pytest.fixture
def make_photo(inspector: Any) -> Any:
    def make(data: bytes, status: str = "ready", uploader: Any = None) -> Photo:
        photo = Photo(
            id=str(uuid.uuid4()),
            sha256=sha256(data),
            size=len(data),
            content_type="image/jpeg",
            owner_type="inspection",
            owner_id=str(uuid.uuid4()),
            status=status,
            uploaded_by_id=(uploader or inspector).id,
        )
        db.session.add(photo)
        db.session.commit()
        return photo

    return make


@pytest.fixture
def stored_photo(tus: Tus, photo_data: bytes, make_photo: Any) -> Photo:
    """A photo whose bytes went through the tus upload and ingest."""
    _url, last = tus.upload(photo_data, chunk_size=600_000)
    assert last.status_code == 204
    return make_photo(photo_data)


# --- blobs --------------------------------------------------------------------------------


def test_head_blob_says_yes_with_the_original_size(
    tus: Tus, stored_photo: Photo, photo_data: bytes
) -> None:
    response = tus.client.head(f"/api/v1/blobs/{sha256(photo_data)}")
    assert response.status_code == 200
    assert response.headers["Content-Length"] == str(len(photo_data))
    assert response.data == b""


def test_head_blob_accepts_upper_case_hex(tus: Tus, stored_photo: Photo, photo_data: bytes) -> None:
    assert tus.client.head(f"/api/v1/blobs/{sha256(photo_data).upper()}").status_code == 200


def test_head_blob_says_no_for_unknown_bytes(tus: Tus) -> None:
    assert tus.client.head(f"/api/v1/blobs/{sha256(b'never uploaded')}").status_code == 404


@pytest.mark.parametrize("bad", ["abc", "z" * 64, "0" * 63, "0" * 65])
def test_head_blob_refuses_a_malformed_hash(tus: Tus, bad: str) -> None:
    assert tus.client.head(f"/api/v1/blobs/{bad}").status_code == 400


# --- photo files --------------------------------------------------------------------------


def test_original_is_the_uploaded_bytes(tus: Tus, stored_photo: Photo, photo_data: bytes) -> None:
    response = tus.client.get(f"/api/v1/photos/{stored_photo.id}/original")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.data == photo_data
    assert response.headers["Content-Length"] == str(len(photo_data))


@pytest.mark.parametrize(("variant", "longest"), [("display", 1600), ("thumb", 320)])
def test_derivatives_are_smaller_jpegs(
    tus: Tus, stored_photo: Photo, variant: str, longest: int
) -> None:
    response = tus.client.get(f"/api/v1/photos/{stored_photo.id}/{variant}")
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    image = Image.open(io.BytesIO(response.data))
    assert image.format == "JPEG"
    assert max(image.size) == longest
    assert int(response.headers["Content-Length"]) == len(response.data)


@pytest.mark.parametrize("variant", ["thumb", "display", "original"])
def test_photo_files_are_cached_for_ever(tus: Tus, stored_photo: Photo, variant: str) -> None:
    response = tus.client.get(f"/api/v1/photos/{stored_photo.id}/{variant}")
    assert response.headers["ETag"] == f'"{stored_photo.sha256}-{variant}"'
    assert response.headers["Cache-Control"] == IMMUTABLE


def test_matching_etag_answers_304(tus: Tus, stored_photo: Photo) -> None:
    response = tus.client.get(
        f"/api/v1/photos/{stored_photo.id}/thumb",
        headers={"If-None-Match": f'"{stored_photo.sha256}-thumb"'},
    )
    assert response.status_code == 304
    assert response.data == b""


def test_pending_photo_is_a_404_photo_pending(tus: Tus, make_photo: Any) -> None:
    photo = make_photo(make_jpeg(seed=9), status="pending")
    response = tus.client.get(f"/api/v1/photos/{photo.id}/thumb")
    assert response.status_code == 404
    assert response.get_json() == {"code": "photo_pending", "message": "照片尚未上传完成"}


def test_unknown_photo_is_a_404(tus: Tus) -> None:
    response = tus.client.get(f"/api/v1/photos/{uuid.uuid4()}/thumb")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_unknown_variant_is_a_404(tus: Tus, stored_photo: Photo) -> None:
    assert tus.client.get(f"/api/v1/photos/{stored_photo.id}/huge").status_code == 404


def test_a_user_who_may_not_see_the_photo_gets_a_404(
    app: Any, stored_photo: Photo, make_user: Any, make_unit: Any
) -> None:
    outsider = make_user("unit", unit=make_unit())
    client = app.test_client()
    client.post(
        "/api/v1/auth/login",
        json={"username": outsider.username, "password": "correct-horse-battery"},
    )
    response = client.get(f"/api/v1/photos/{stored_photo.id}/original")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_the_office_sees_the_photo(app: Any, stored_photo: Photo, make_user: Any) -> None:
    office = make_user("supervisor")
    client = app.test_client()
    client.post(
        "/api/v1/auth/login",
        json={"username": office.username, "password": "correct-horse-battery"},
    )
    assert client.get(f"/api/v1/photos/{stored_photo.id}/display").status_code == 200


def test_a_pending_photo_of_someone_else_does_not_say_pending(
    app: Any, make_photo: Any, make_user: Any, make_unit: Any
) -> None:
    photo = make_photo(make_jpeg(seed=10), status="pending")
    outsider = make_user("unit", unit=make_unit())
    client = app.test_client()
    client.post(
        "/api/v1/auth/login",
        json={"username": outsider.username, "password": "correct-horse-battery"},
    )
    assert client.get(f"/api/v1/photos/{photo.id}/thumb").get_json()["code"] == "not_found"
