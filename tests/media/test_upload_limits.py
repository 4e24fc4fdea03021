"""What an upload must prove and may take: the bytes themselves (not just their SHA-256), a
bounded number of unfinished uploads per user, and metadata PostgreSQL can store."""

from __future__ import annotations

import base64
from typing import Any

from flask import Flask

from server.db import db
from server.media.models import Upload
from tests.media.uploading import TUS, Tus, make_jpeg, new_client, sha256

# --- possession: the bytes, not their hash ---------------------------------------------------


def test_bytes_someone_else_sent_must_be_sent_again(tus: Tus, app: Flask, make_user: Any) -> None:
    data = make_jpeg(seed=21)
    tus.upload(data)
    other = new_client(app, make_user("inspector"))
    assert other.create(data).status_code == 201  # an upload to fill, not "already complete"


def test_sending_them_again_gives_that_user_the_blob(tus: Tus, app: Flask, make_user: Any) -> None:
    data = make_jpeg(seed=22)
    tus.upload(data)
    other = new_client(app, make_user("inspector"))
    blob_url = f"/api/v1/blobs/{sha256(data)}"
    assert other.client.head(blob_url).status_code == 404
    _url, last = other.upload(data)
    assert last.status_code == 204
    assert other.client.head(blob_url).status_code == 200


def test_other_bytes_under_a_known_hash_give_nothing(tus: Tus, app: Flask, make_user: Any) -> None:
    data = make_jpeg(seed=23)
    tus.upload(data)
    other = new_client(app, make_user("inspector"))
    fake = make_jpeg(seed=24)[: len(data)].ljust(len(data), b"\0")
    url = other.start(data)  # announces the known hash and length
    assert other.patch(url, 0, fake).status_code == 460
    assert other.client.head(f"/api/v1/blobs/{sha256(data)}").status_code == 404


# --- staged uploads per user -----------------------------------------------------------------


def test_too_many_unfinished_uploads_are_a_429(tus: Tus, app: Flask) -> None:
    app.config["MAX_STAGED_UPLOADS"] = 3
    for seed in range(3):
        assert tus.create(make_jpeg(seed=100 + seed)).status_code == 201
    response = tus.create(make_jpeg(seed=103))
    assert response.status_code == 429
    body = response.get_json()
    assert body["code"] == "too_many_staged_uploads"
    assert "未完成的上传太多" in body["message"] and "3 个" in body["message"]


def test_too_many_unfinished_bytes_are_a_429(tus: Tus, app: Flask) -> None:
    app.config["MAX_STAGED_MB"] = 1
    data = make_jpeg(seed=110)
    assert tus.create(data, length=600_000).status_code == 201
    response = tus.create(make_jpeg(seed=111), length=600_000)
    assert (response.status_code, response.get_json()["code"]) == (429, "too_many_staged_uploads")


def test_finished_uploads_do_not_count(tus: Tus, app: Flask) -> None:
    app.config["MAX_STAGED_UPLOADS"] = 1
    tus.upload(make_jpeg(seed=120))
    assert tus.create(make_jpeg(seed=121)).status_code == 201


def test_the_cap_is_per_user(tus: Tus, app: Flask, make_user: Any) -> None:
    app.config["MAX_STAGED_UPLOADS"] = 1
    assert tus.create(make_jpeg(seed=130)).status_code == 201
    other = new_client(app, make_user("deputy"))
    assert other.create(make_jpeg(seed=131)).status_code == 201
    assert tus.create(make_jpeg(seed=132)).status_code == 429


# --- metadata --------------------------------------------------------------------------------


def test_a_nul_in_the_filetype_is_a_400(tus: Tus) -> None:
    data = make_jpeg(seed=140)
    encoded = {
        "sha256": sha256(data),
        "filetype": "image/jpeg\x00",
    }
    header = ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}" for key, value in encoded.items()
    )
    response = tus.client.post(
        "/api/v1/uploads/",
        headers={
            **TUS,
            "X-CSRF-Token": tus.csrf,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": header,
        },
    )
    assert (response.status_code, response.get_json()["code"]) == (400, "upload_metadata_invalid")
    assert db.session.query(Upload).count() == 0
