"""Where photo bytes live: one small interface, on the local disk or in S3-compatible storage.

Keys: ``blobs/ab/<sha256>`` (the original, unchanged), ``derived/<sha256>/display.jpg`` and
``derived/<sha256>/thumb.jpg``. Uploads in progress are staged on the local disk under
``MEDIA_ROOT/uploads/<id>`` whatever the storage (see :class:`Staging`); only finished, checked
files go to the storage.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from flask import Flask, current_app

from server.config import ConfigError

COPY_CHUNK = 1024 * 1024
DERIVED_VARIANTS = ("display", "thumb")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$")
_UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def blob_key(sha256: str) -> str:
    """The key of the original bytes of a blob."""
    return f"blobs/{sha256[:2]}/{sha256}"


def derived_key(sha256: str, variant: str) -> str:
    """The key of a derived JPEG: ``display`` or ``thumb``."""
    if variant not in DERIVED_VARIANTS:
        raise ValueError(f"unknown variant {variant!r}")
    return f"derived/{sha256}/{variant}.jpg"


class Storage(Protocol):
    """Bytes by key. Missing keys raise ``FileNotFoundError`` (but ``delete`` is idempotent)."""

    def put(self, key: str, data: bytes | BinaryIO) -> None: ...
    def open(self, key: str) -> BinaryIO: ...
    def read(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...
    def size(self, key: str) -> int: ...
    def list_keys(self) -> Iterator[str]: ...


class LocalStorage:
    """Files under ``root``; a put is atomic (temporary file, fsync, ``os.replace``)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        if not _KEY.match(key) or ".." in key.split("/"):
            raise ValueError(f"invalid storage key {key!r}")
        return self.root / key

    def put(self, key: str, data: bytes | BinaryIO) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                if isinstance(data, bytes | bytearray | memoryview):
                    fh.write(data)
                else:
                    shutil.copyfileobj(data, fh, COPY_CHUNK)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def open(self, key: str) -> BinaryIO:
        return self._path(key).open("rb")

    def read(self, key: str) -> bytes:
        return self._path(key).read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        path = self._path(key)
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):  # tidy the empty folder (derived/<sha>/)
            if path.parent != self.root:
                path.parent.rmdir()

    def size(self, key: str) -> int:
        return self._path(key).stat().st_size

    def list_keys(self) -> Iterator[str]:
        """Every stored key, sorted; upload staging (``uploads/``) and temporary files left out."""
        if not self.root.is_dir():
            return
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and not key.startswith("uploads/") and _KEY.match(key):
                yield key


def _is_missing(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    return code in ("404", "NoSuchKey", "NotFound")


class S3Storage:
    """An S3-compatible bucket (AWS, MinIO, Ceph …) through boto3."""

    def __init__(
        self,
        bucket: str,
        endpoint_url: str | None = None,
        access_key: str | None = None,
        secret_key: str | None = None,
        region: str | None = None,
        client: Any = None,
        public_endpoint_url: str | None = None,
    ) -> None:
        import boto3
        from botocore.config import Config

        def connect(endpoint: str | None) -> Any:
            return boto3.client(
                "s3",
                endpoint_url=endpoint,
                aws_access_key_id=access_key,
                aws_secret_access_key=secret_key,
                region_name=region,
                config=Config(
                    s3={"addressing_style": "path" if endpoint else "auto"},
                    retries={"max_attempts": 3, "mode": "standard"},
                    signature_version="s3v4",
                ),
            )

        self.bucket = bucket
        self.client = client or connect(endpoint_url)
        # links for browsers are signed for the address they reach (the app may talk to the
        # store on an internal one)
        self.public_endpoint = public_endpoint_url or endpoint_url
        same = self.public_endpoint == endpoint_url
        self._signer = self.client if same else connect(self.public_endpoint)

    def put(self, key: str, data: bytes | BinaryIO) -> None:
        if isinstance(data, bytes | bytearray | memoryview):
            self.client.put_object(Bucket=self.bucket, Key=key, Body=bytes(data))
        else:
            self.client.upload_fileobj(data, self.bucket, key)

    def open(self, key: str) -> BinaryIO:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=key)["Body"]
        except ClientError as error:
            if _is_missing(error):
                raise FileNotFoundError(key) from error
            raise

    def read(self, key: str) -> bytes:
        body = self.open(key)
        try:
            return body.read()
        finally:
            body.close()

    def _head(self, key: str) -> dict[str, Any]:
        from botocore.exceptions import ClientError

        try:
            return self.client.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if _is_missing(error):
                raise FileNotFoundError(key) from error
            raise

    def exists(self, key: str) -> bool:
        try:
            self._head(key)
        except FileNotFoundError:
            return False
        return True

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=key)

    def size(self, key: str) -> int:
        return int(self._head(key)["ContentLength"])

    def presigned_get(self, key: str, content_type: str, seconds: int) -> str:
        """A link that lets a browser read ``key`` for ``seconds``, without the app in between."""
        return str(
            self._signer.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": key,
                    "ResponseContentType": content_type,
                    "ResponseCacheControl": f"private, max-age={seconds}",
                },
                ExpiresIn=seconds,
            )
        )

    def list_keys(self) -> Iterator[str]:
        """Every key in the bucket, in the bucket's (sorted) order."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket)
        for page in pages:
            for item in page.get("Contents", []):
                yield item["Key"]


class StagingBusy(Exception):
    """Another request holds the lock of this upload's staging file."""


class Staging:
    """The bytes of tus uploads in progress, always on the local disk (``MEDIA_ROOT/uploads``).

    A request that writes to an upload holds :meth:`lock` (``flock``) so that two PATCHes for one
    upload never interleave, even on SQLite where the row lock is a no-op.
    """

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, upload_id: str) -> Path:
        if not _UPLOAD_ID.match(upload_id):
            raise ValueError(f"invalid upload id {upload_id!r}")
        return self.root / upload_id

    def create(self, upload_id: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        self.path(upload_id).touch()

    @contextlib.contextmanager
    def lock(self, upload_id: str, blocking: bool = True) -> Iterator[BinaryIO]:
        """The staging file, locked, opened read-write (created when absent).

        With ``blocking=False`` a lock held by another request raises :class:`StagingBusy`.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path(upload_id), os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+b")
        try:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError as error:
                raise StagingBusy(upload_id) from error
            yield fh  # type: ignore[misc]
        finally:
            fh.close()  # closing releases the lock

    def size(self, upload_id: str) -> int:
        try:
            return self.path(upload_id).stat().st_size
        except FileNotFoundError:
            return 0

    def open(self, upload_id: str) -> BinaryIO:
        return self.path(upload_id).open("rb")

    def read(self, upload_id: str) -> bytes:
        return self.path(upload_id).read_bytes()

    def delete(self, upload_id: str) -> None:
        self.path(upload_id).unlink(missing_ok=True)

    def staged(self) -> dict[str, float]:
        """Every staged upload id → its file's mtime (to clean files whose row is gone)."""
        if not self.root.is_dir():
            return {}
        found = {}
        for p in self.root.iterdir():
            if _UPLOAD_ID.match(p.name):
                # another host's cleanup (a shared volume) may remove it as we look
                with contextlib.suppress(FileNotFoundError):
                    if p.is_file():
                        found[p.name] = p.stat().st_mtime
        return found


def storage_from_config(config: dict[str, Any]) -> Storage:
    """Build the storage that ``MEDIA_STORAGE`` names; secrets must be configured, no defaults."""
    kind = config.get("MEDIA_STORAGE", "local")
    if kind == "local":
        return LocalStorage(config["MEDIA_ROOT"])
    if kind == "s3":
        # no keys at all: the SDK finds credentials itself (instance role, env, ~/.aws);
        # one key of the pair without the other is a mistake
        pair = ("S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY")
        given = [name for name in pair if config.get(name)]
        missing = [name for name in ("S3_BUCKET",) if not config.get(name)]
        if len(given) == 1:
            missing += [name for name in pair if name not in given]
        if missing:
            raise ConfigError(f"MEDIA_STORAGE=s3 needs {', '.join(missing)}")
        return S3Storage(
            config["S3_BUCKET"],
            endpoint_url=config.get("S3_ENDPOINT_URL") or None,
            access_key=config.get("S3_ACCESS_KEY_ID") or None,
            secret_key=config.get("S3_SECRET_ACCESS_KEY") or None,
            region=config.get("S3_REGION") or None,
            public_endpoint_url=config.get("S3_PUBLIC_ENDPOINT_URL") or None,
        )
    raise ConfigError(f"MEDIA_STORAGE must be 'local' or 's3', not {kind!r}")


def get_storage(app: Flask | None = None) -> Storage:
    """The app's storage, built once from its configuration."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    storage = app.extensions.get("xianchang.storage")
    if storage is None:
        storage = app.extensions["xianchang.storage"] = storage_from_config(app.config)
    return storage


def get_staging(app: Flask | None = None) -> Staging:
    """Where the app stages uploads in progress."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    return Staging(Path(app.config["MEDIA_ROOT"]) / "uploads")
