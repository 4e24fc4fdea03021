"""Storage: local files (atomic puts) and S3 through a moto server on 127.0.0.1; upload staging."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server.config import ConfigError
from server.media.storage import (
    LocalStorage,
    S3Storage,
    Staging,
    StagingBusy,
    blob_key,
    derived_key,
    storage_from_config,
)
from tests.media.uploading import moto_server, s3_bucket_config

SHA = "ab" + "0" * 62


class BrokenStream(io.RawIOBase):
    """Gives ``good`` bytes, then fails as a dropped disk or connection would."""

    def __init__(self, good: bytes) -> None:
        self.good = io.BytesIO(good)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.good.read(len(buffer))
        if not data:
            raise OSError("stream broke")
        buffer[: len(data)] = data
        return len(data)


@pytest.fixture
def local(tmp_path: Path) -> LocalStorage:
    return LocalStorage(tmp_path / "media")


# --- keys ---------------------------------------------------------------------------------


def test_blob_keys_are_fanned_out_by_the_first_two_hex_digits() -> None:
    assert blob_key(SHA) == f"blobs/ab/{SHA}"


def test_derived_keys_name_the_variant() -> None:
    assert derived_key(SHA, "display") == f"derived/{SHA}/display.jpg"
    assert derived_key(SHA, "thumb") == f"derived/{SHA}/thumb.jpg"


def test_unknown_derived_variant_is_refused() -> None:
    with pytest.raises(ValueError):
        derived_key(SHA, "huge")


# --- local --------------------------------------------------------------------------------


def test_local_round_trip(local: LocalStorage) -> None:
    local.put(blob_key(SHA), b"photo bytes")
    assert local.exists(blob_key(SHA))
    assert local.read(blob_key(SHA)) == b"photo bytes"
    assert local.size(blob_key(SHA)) == 11
    with local.open(blob_key(SHA)) as fh:
        assert fh.read() == b"photo bytes"


def test_local_put_from_a_stream(local: LocalStorage) -> None:
    local.put("derived/x/thumb.jpg", io.BytesIO(b"x" * 3_000_000))
    assert local.size("derived/x/thumb.jpg") == 3_000_000


def test_local_put_replaces_existing_bytes(local: LocalStorage) -> None:
    local.put("blobs/ab/one", b"old")
    local.put("blobs/ab/one", b"new")
    assert local.read("blobs/ab/one") == b"new"


def test_local_failed_put_leaves_the_old_bytes_and_no_temporary_file(
    local: LocalStorage, tmp_path: Path
) -> None:
    local.put("blobs/ab/one", b"old")
    with pytest.raises(OSError):
        local.put("blobs/ab/one", io.BufferedReader(BrokenStream(b"partial")))
    assert local.read("blobs/ab/one") == b"old"
    assert [p.name for p in (tmp_path / "media" / "blobs" / "ab").iterdir()] == ["one"]


def test_local_missing_key_raises_file_not_found(local: LocalStorage) -> None:
    assert not local.exists("blobs/ab/none")
    with pytest.raises(FileNotFoundError):
        local.read("blobs/ab/none")
    with pytest.raises(FileNotFoundError):
        local.size("blobs/ab/none")


def test_local_delete_is_idempotent(local: LocalStorage) -> None:
    local.put("derived/x/thumb.jpg", b"t")
    local.delete("derived/x/thumb.jpg")
    local.delete("derived/x/thumb.jpg")
    assert not local.exists("derived/x/thumb.jpg")


@pytest.mark.parametrize("key", ["../etc/passwd", "/abs", "blobs/../../x", "a//b", ""])
def test_local_refuses_keys_outside_its_root(local: LocalStorage, key: str) -> None:
    with pytest.raises(ValueError):
        local.put(key, b"x")


# --- staging ------------------------------------------------------------------------------


def test_staging_lock_is_exclusive(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "uploads")
    with staging.lock("u1") as fh:
        fh.write(b"abc")
        with pytest.raises(StagingBusy), staging.lock("u1", blocking=False):
            pass
    assert staging.size("u1") == 3


def test_staging_lists_and_deletes_files(tmp_path: Path) -> None:
    staging = Staging(tmp_path / "uploads")
    with staging.lock("u1"):
        pass
    assert list(staging.staged()) == ["u1"]
    staging.delete("u1")
    assert staging.staged() == {}
    assert staging.size("u1") == 0


def test_staging_refuses_odd_ids(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Staging(tmp_path).path("../x")


# --- configuration ------------------------------------------------------------------------


def test_local_storage_is_the_default(tmp_path: Path) -> None:
    storage = storage_from_config({"MEDIA_ROOT": str(tmp_path)})
    assert isinstance(storage, LocalStorage)


def test_s3_without_its_secrets_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="S3_SECRET_ACCESS_KEY"):
        storage_from_config(
            {"MEDIA_STORAGE": "s3", "S3_BUCKET": "b", "S3_ACCESS_KEY_ID": "k", "MEDIA_ROOT": "x"}
        )


def test_unknown_storage_kind_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError):
        storage_from_config({"MEDIA_STORAGE": "ftp", "MEDIA_ROOT": "x"})


# --- S3 (moto's standalone server, over HTTP on 127.0.0.1) --------------------------------


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    with moto_server() as endpoint:
        yield endpoint


@pytest.fixture
def s3_config(moto_endpoint: str, tmp_path: Path) -> dict:
    bucket = f"xc-{uuid.uuid4().hex[:12]}"
    return {"MEDIA_ROOT": str(tmp_path / "media"), **s3_bucket_config(moto_endpoint, bucket)}


@pytest.fixture
def s3(s3_config: dict) -> S3Storage:
    storage = storage_from_config(s3_config)
    assert isinstance(storage, S3Storage)
    return storage


def test_s3_round_trip(s3: S3Storage) -> None:
    s3.put(blob_key(SHA), b"photo bytes")
    assert s3.exists(blob_key(SHA))
    assert s3.read(blob_key(SHA)) == b"photo bytes"
    assert s3.size(blob_key(SHA)) == 11
    body = s3.open(blob_key(SHA))
    assert body.read() == b"photo bytes"
    body.close()


def test_s3_put_from_a_stream(s3: S3Storage) -> None:
    s3.put("derived/x/display.jpg", io.BytesIO(b"d" * 200_000))
    assert s3.size("derived/x/display.jpg") == 200_000


def test_s3_missing_key_raises_file_not_found(s3: S3Storage) -> None:
    assert not s3.exists("blobs/ab/none")
    with pytest.raises(FileNotFoundError):
        s3.read("blobs/ab/none")
    with pytest.raises(FileNotFoundError):
        s3.size("blobs/ab/none")


def test_s3_delete(s3: S3Storage) -> None:
    s3.put("derived/x/thumb.jpg", b"t")
    s3.delete("derived/x/thumb.jpg")
    s3.delete("derived/x/thumb.jpg")
    assert not s3.exists("derived/x/thumb.jpg")


def test_s3_without_keys_lets_the_sdk_find_credentials(tmp_path: Path) -> None:
    storage = storage_from_config({"MEDIA_STORAGE": "s3", "S3_BUCKET": "b", "MEDIA_ROOT": "x"})
    assert isinstance(storage, S3Storage)


def test_s3_without_a_bucket_is_a_configuration_error() -> None:
    with pytest.raises(ConfigError, match="S3_BUCKET"):
        storage_from_config({"MEDIA_STORAGE": "s3", "MEDIA_ROOT": "x"})
