"""tus uploads end to end: creation, chunks, checksums, the whole-file check and the ingest."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from server.db import db
from server.media.ingest import IngestError
from server.media.models import Blob, Photo, Upload
from server.media.services import ingest_blob
from server.media.storage import Storage, blob_key, derived_key, get_staging, get_storage
from tests.media.uploading import (
    Tus,
    checksum,
    encode_metadata,
    make_jpeg,
    moto_server,
    new_client,
    s3_bucket_config,
    sha256,
    upload_id,
)


def keys_of(sha: str) -> list[str]:
    return [blob_key(sha), derived_key(sha, "display"), derived_key(sha, "thumb")]


def blob_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Blob))


# --- OPTIONS and creation -----------------------------------------------------------------


def test_options_describe_the_server(tus: Tus, app: Flask) -> None:
    response = tus.client.options("/api/v1/uploads/")
    assert response.status_code == 204
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Extension"] == "creation,termination,checksum,expiration"
    assert response.headers["Tus-Max-Size"] == str(app.config["MAX_PHOTO_BYTES"])
    assert response.headers["Tus-Checksum-Algorithm"] == "sha1,md5,sha256"


def test_creation_answers_201_with_location_and_expiry(tus: Tus) -> None:
    response = tus.create(make_jpeg())
    assert response.status_code == 201
    assert response.headers["Location"].startswith("/api/v1/uploads/")
    assert response.headers["Tus-Resumable"] == "1.0.0"
    expires = datetime.strptime(response.headers["Upload-Expires"], "%a, %d %b %Y %H:%M:%S GMT")
    assert expires.replace(tzinfo=UTC) > datetime.now(UTC)


def test_creation_without_sha256_is_a_400_in_chinese(tus: Tus) -> None:
    response = tus.create(make_jpeg(), sha256="")
    assert response.status_code == 400
    assert response.get_json()["code"] == "sha256_missing"
    assert "SHA-256" in response.get_json()["message"]
    assert "缺少" in response.get_json()["message"]
    assert response.headers["Tus-Resumable"] == "1.0.0"


def test_creation_with_a_malformed_sha256_is_a_400(tus: Tus) -> None:
    response = tus.create(make_jpeg(), sha256="not-a-hash")
    assert response.status_code == 400
    assert response.get_json()["code"] == "sha256_invalid"


@pytest.mark.parametrize("version", ["0.2.2", None])
def test_wrong_tus_version_is_a_412(tus: Tus, version: str | None) -> None:
    headers = {"X-CSRF-Token": tus.csrf, "Upload-Length": "10"}
    if version:
        headers["Tus-Resumable"] = version
    headers["Upload-Metadata"] = encode_metadata(sha256=sha256(b"x"))
    response = tus.client.post("/api/v1/uploads/", headers=headers)
    assert response.status_code == 412
    assert response.headers["Tus-Version"] == "1.0.0"
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert response.get_json()["code"] == "tus_version_unsupported"


def test_upload_larger_than_the_maximum_is_a_413(tus: Tus, app: Flask) -> None:
    app.config["MAX_PHOTO_BYTES"] = 1000
    response = tus.create(b"x" * 1001)
    assert response.status_code == 413
    assert response.get_json()["code"] == "upload_too_large"


# --- the happy path -------------------------------------------------------------------------


def test_full_upload_stores_the_photo_and_its_derivatives(
    tus: Tus, app: Flask, storage: Storage
) -> None:
    data = make_jpeg(1200, 900, seed=3)
    url, last = tus.upload(data, chunk_size=150_000)
    assert last.status_code == 204
    assert last.headers["Upload-Offset"] == str(len(data))
    sha = sha256(data)
    blob = db.session.get(Blob, sha)
    assert (blob.size, blob.content_type, blob.width, blob.height) == (
        len(data),
        "image/jpeg",
        1200,
        900,
    )
    assert (blob.exif_make, blob.exif_model) == ("XianchangCam", "Field 1")
    assert blob.exif_taken_at == datetime(2024, 3, 1, 10, 20, 30)
    assert blob.exif_lat == pytest.approx(28.15, abs=1e-4)
    assert blob.phash
    assert storage.read(blob_key(sha)) == data  # the original, byte for byte
    assert all(storage.exists(key) for key in keys_of(sha))
    assert get_staging(app).size(upload_id(url)) == 0


def test_finished_upload_reports_the_whole_length(tus: Tus) -> None:
    data = make_jpeg()
    url, _ = tus.upload(data)
    response = tus.head(url)
    assert response.headers["Upload-Offset"] == str(len(data))
    assert response.headers["Upload-Length"] == str(len(data))


def test_a_real_camera_photo_uploads_with_its_gps(tus: Tus, shared_dir: Path) -> None:
    data = (shared_dir / "samples" / "photos" / "gps" / "DSCN0010.jpg").read_bytes()
    _url, last = tus.upload(data, chunk_size=64_000)
    assert last.status_code == 204
    blob = db.session.get(Blob, sha256(data))
    assert blob.exif_lat is not None and blob.exif_lon is not None
    assert blob.exif_make


def test_head_echoes_offset_length_and_metadata(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    response = tus.head(url)
    assert response.status_code == 200
    assert response.headers["Upload-Offset"] == "1000"
    assert response.headers["Upload-Length"] == str(len(data))
    assert response.headers["Cache-Control"] == "no-store"
    assert "sha256 " in response.headers["Upload-Metadata"]
    assert "Upload-Expires" in response.headers


def test_pending_photo_becomes_ready_when_its_bytes_land(tus: Tus, inspector: Any) -> None:
    data = make_jpeg(seed=11)
    photo = Photo(
        id=str(uuid.uuid4()),
        sha256=sha256(data),
        size=len(data),
        content_type="image/jpeg",
        owner_type="report",
        owner_id=str(uuid.uuid4()),
        uploaded_by_id=inspector.id,
    )
    db.session.add(photo)
    db.session.commit()
    tus.upload(data)
    db.session.expire_all()
    assert db.session.get(Photo, photo.id).status == "ready"


# --- chunks: checksum, offset, size, type ---------------------------------------------------


@pytest.mark.parametrize("algorithm", ["sha1", "md5", "sha256"])
def test_chunk_with_the_right_checksum_is_accepted(tus: Tus, algorithm: str) -> None:
    data = make_jpeg()
    url = tus.start(data)
    chunk = data[:5000]
    response = tus.patch(url, 0, chunk, **{"Upload-Checksum": checksum(algorithm, chunk)})
    assert response.status_code == 204
    assert response.headers["Upload-Offset"] == "5000"


def test_chunk_checksum_mismatch_is_a_460_and_the_offset_stays(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    response = tus.patch(
        url, 1000, data[1000:3000], **{"Upload-Checksum": checksum("sha1", b"other bytes")}
    )
    assert response.status_code == 460
    assert response.get_json()["code"] == "checksum_mismatch"
    assert tus.offset(url) == 1000


def test_unsupported_checksum_algorithm_is_a_400(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    response = tus.patch(url, 0, data[:100], **{"Upload-Checksum": "crc32 AAAAAA=="})
    assert response.status_code == 400
    assert response.get_json()["code"] == "checksum_unsupported"


def test_wrong_offset_is_a_409(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    response = tus.patch(url, 500, data[500:2000])
    assert response.status_code == 409
    assert response.get_json()["code"] == "upload_offset_mismatch"
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert tus.offset(url) == 1000


def test_more_bytes_than_upload_length_is_a_413(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    response = tus.patch(url, 0, data + b"extra")
    assert response.status_code == 413
    assert response.get_json()["code"] == "upload_length_exceeded"
    assert tus.offset(url) == 0


def test_patch_needs_the_offset_octet_stream_type(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    response = tus.client.patch(
        url, data=data, content_type="image/jpeg", headers=tus.headers(**{"Upload-Offset": "0"})
    )
    assert response.status_code == 415
    assert response.get_json()["code"] == "upload_content_type"


def test_a_busy_upload_answers_423(tus: Tus, app: Flask) -> None:
    data = make_jpeg()
    url = tus.start(data)
    with get_staging(app).lock(upload_id(url)):  # another request is writing it
        response = tus.patch(url, 0, data[:100])
    assert response.status_code == 423
    assert tus.offset(url) == 0


# --- whole-file checks and ingest failures --------------------------------------------------


def test_whole_file_sha256_mismatch_is_a_460_and_stores_nothing(
    tus: Tus, app: Flask, storage: Storage
) -> None:
    data = make_jpeg()
    claimed = sha256(b"some other photo")
    url = tus.start(data, sha256=claimed)
    response = tus.patch(url, 0, data)
    assert response.status_code == 460
    body = response.get_json()
    assert body["code"] == "sha256_mismatch"
    assert body["message"] == "照片校验失败（SHA-256 不一致），请重新上传"
    assert blob_count() == 0
    assert not any(storage.exists(key) for key in keys_of(claimed) + keys_of(sha256(data)))
    assert get_staging(app).staged() == {}


def test_bytes_that_are_not_a_photo_are_refused_with_the_ingest_code(
    tus: Tus, app: Flask, storage: Storage
) -> None:
    data = random.Random(7).randbytes(50_000)
    url = tus.start(data)
    response = tus.patch(url, 0, data)
    assert response.status_code == 422
    assert response.get_json()["code"] == "not_an_image"
    assert response.get_json()["message"]
    assert blob_count() == 0
    assert not any(storage.exists(key) for key in keys_of(sha256(data)))
    assert db.session.get(Upload, upload_id(url)) is None


def test_a_failing_storage_leaves_nothing_half_stored(
    tus: Tus, app: Flask, storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_jpeg()
    real_put = storage.put

    def put(key: str, payload: Any) -> None:
        if key.endswith("thumb.jpg"):
            raise OSError("disk full")
        real_put(key, payload)

    monkeypatch.setattr(storage, "put", put)
    url = tus.start(data)
    response = tus.patch(url, 0, data)
    assert response.status_code == 500
    assert blob_count() == 0
    assert not any(storage.exists(key) for key in keys_of(sha256(data)))
    monkeypatch.undo()
    assert tus.offset(url) == 0  # the phone sends it again
    assert tus.patch(url, 0, data).status_code == 204


def test_ingest_blob_stores_the_original_and_its_derivatives(
    storage: Storage, inspector: Any
) -> None:
    data = make_jpeg(seed=20)
    blob = ingest_blob(db.session, storage, sha256(data), data, inspector)
    assert (blob.sha256, blob.size, blob.width) == (sha256(data), len(data), 320)
    assert storage.read(blob_key(blob.sha256)) == data
    assert all(storage.exists(key) for key in keys_of(blob.sha256))


def test_ingest_blob_of_stored_bytes_puts_nothing(
    storage: Storage, inspector: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_jpeg(seed=21)
    first = ingest_blob(db.session, storage, sha256(data), data, inspector)
    monkeypatch.setattr(storage, "put", lambda *args: pytest.fail("put again"))
    again = ingest_blob(db.session, storage, sha256(data), data, inspector)
    assert again.sha256 == first.sha256
    assert blob_count() == 1


def test_ingest_blob_refuses_broken_bytes_and_stores_nothing(
    storage: Storage, inspector: Any
) -> None:
    data = make_jpeg(seed=23)[:5000]  # a photo cut short
    with pytest.raises(IngestError) as excinfo:
        ingest_blob(db.session, storage, sha256(data), data, inspector)
    assert excinfo.value.http_status == 422
    assert blob_count() == 0
    assert not any(storage.exists(key) for key in keys_of(sha256(data)))


# --- dedupe and ownership -------------------------------------------------------------------


def test_bytes_that_arrived_meanwhile_finish_the_upload(
    tus: Tus, app: Flask, make_user: Any, storage: Storage
) -> None:
    data = make_jpeg(seed=22)
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    new_client(app, make_user("inspector")).upload(data)  # someone else sends the same photo
    response = tus.patch(url, 1000, data[1000:])
    assert response.status_code == 204
    assert response.headers["Upload-Offset"] == str(len(data))
    assert storage.read(blob_key(sha256(data))) == data
    assert get_staging(app).staged() == {}


def test_creation_of_bytes_the_server_has_is_complete_at_once(tus: Tus) -> None:
    data = make_jpeg()
    tus.upload(data)
    response = tus.create(data)
    assert response.status_code == 200
    assert response.headers["Upload-Offset"] == str(len(data))
    assert response.headers["Upload-Length"] == str(len(data))
    assert tus.offset(response.headers["Location"]) == len(data)


# --- S3 -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def moto_endpoint() -> Any:
    with moto_server() as endpoint:
        yield endpoint


def test_upload_into_s3_storage(tus: Tus, app: Flask, moto_endpoint: str) -> None:
    app.config.update(s3_bucket_config(moto_endpoint, f"xc-{uuid.uuid4().hex[:12]}"))
    app.extensions.pop("xianchang.storage", None)
    data = make_jpeg(seed=5)
    _url, last = tus.upload(data)
    assert last.status_code == 204
    s3 = get_storage(app)
    assert type(s3).__name__ == "S3Storage"
    assert s3.read(blob_key(sha256(data))) == data
    assert s3.exists(derived_key(sha256(data), "thumb"))
