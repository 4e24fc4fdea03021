"""tus uploads that stop and go on: bodies cut short, new sessions resuming, races, termination,
expiry and the cleanup command."""

from __future__ import annotations

import io
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from flask import Flask

from server.db import db
from server.media.models import Blob, Upload
from server.media.storage import Staging, Storage, blob_key, get_staging
from tests.media.uploading import (
    OCTETS,
    CutShort,
    Tus,
    checksum,
    make_jpeg,
    new_client,
    sha256,
    upload_id,
)

# --- interruptions and resumption ---------------------------------------------------------


def test_a_body_cut_short_keeps_what_arrived(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    response = tus.patch(url, 0, data[:7000], content_length=20_000)
    assert response.status_code == 400
    assert response.get_json()["code"] == "upload_interrupted"
    assert tus.offset(url) == 7000


def test_a_body_cut_short_with_a_checksum_keeps_nothing(tus: Tus) -> None:
    data = make_jpeg()
    url = tus.start(data)
    promised = checksum("sha256", data[:20_000])
    tus.patch(url, 0, data[:7000], content_length=20_000, **{"Upload-Checksum": promised})
    assert tus.offset(url) == 0


def test_uploads_interrupted_at_random_offsets_resume_to_the_right_bytes(
    app: Flask, inspector: Any, storage: Storage
) -> None:
    rng = random.Random(20240301)
    for round_ in range(5):
        data = make_jpeg(rng.randrange(200, 900), rng.randrange(200, 700), seed=round_)
        url = new_client(app, inspector).start(data)
        while True:
            phone = new_client(app, inspector)  # the app restarted: ask where to resume
            offset = phone.offset(url)
            if offset == len(data):
                break
            chunk = data[offset : offset + rng.randrange(1, len(data) // 2)]
            if rng.random() < 0.5:  # the connection drops somewhere inside the chunk
                cut = rng.randrange(0, len(chunk))
                response = phone.patch(url, offset, chunk[:cut], content_length=len(chunk))
                assert response.status_code == 400
                assert phone.offset(url) == offset + cut
            else:
                response = phone.patch(url, offset, chunk)
                assert response.status_code == 204, response.get_json()
        assert storage.read(blob_key(sha256(data))) == data
        assert db.session.get(Blob, sha256(data)).size == len(data)


def test_lost_staged_bytes_send_the_phone_back_to_zero(tus: Tus, app: Flask) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    get_staging(app).delete(upload_id(url))  # e.g. the disk was replaced
    response = tus.patch(url, 1000, data[1000:2000])
    assert response.status_code == 409
    assert tus.offset(url) == 0
    assert tus.patch(url, 0, data).status_code == 204


# --- termination and expiry -----------------------------------------------------------------


def test_termination_removes_the_upload_and_its_bytes(tus: Tus, app: Flask) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    response = tus.client.delete(url, headers=tus.headers())
    assert response.status_code == 204
    assert response.headers["Tus-Resumable"] == "1.0.0"
    assert tus.head(url).status_code == 404
    assert get_staging(app).staged() == {}


def _expire(url: str) -> None:
    upload = db.session.get(Upload, upload_id(url))
    upload.expires_at = datetime.now(UTC) - timedelta(minutes=1)
    db.session.commit()


def test_an_expired_upload_is_gone(tus: Tus, app: Flask) -> None:
    data = make_jpeg()
    url = tus.start(data)
    tus.patch(url, 0, data[:1000])
    _expire(url)
    response = tus.patch(url, 1000, data[1000:2000])
    assert response.status_code == 410
    assert response.get_json()["code"] == "upload_expired"
    assert db.session.get(Upload, upload_id(url)) is None
    assert get_staging(app).staged() == {}


def test_cleanup_command_removes_expired_uploads(tus: Tus, app: Flask, runner: Any) -> None:
    data = make_jpeg()
    old, fresh = tus.start(data), tus.start(data)
    tus.patch(old, 0, data[:1000])
    tus.patch(fresh, 0, data[:1000])
    _expire(old)
    result = runner.invoke(args=["media", "cleanup"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    db.session.expire_all()
    assert db.session.get(Upload, upload_id(old)) is None
    assert list(get_staging(app).staged()) == [upload_id(fresh)]


# --- races --------------------------------------------------------------------------------


class SlowBody(io.BytesIO):
    """A body that trickles in (a phone on a weak signal)."""

    def readinto(self, buffer: Any) -> int:  # type: ignore[override]
        time.sleep(0.02)
        return super().readinto(memoryview(buffer)[:4096])

    def read(self, size: int | None = -1) -> bytes:
        time.sleep(0.02)
        return super().read(4096 if size is None or size < 0 else min(size, 4096))


def _race(app: Flask, inspector: Any, url: str, data: bytes) -> tuple[int, int]:
    """Two sessions PATCH the same bytes at offset 0, the second while the first is sending."""
    first, second = new_client(app, inspector), new_client(app, inspector)
    statuses: dict[str, int] = {}

    def send(name: str, phone: Tus, body: io.BytesIO) -> None:
        response = phone.client.patch(
            url,
            input_stream=body,
            content_type=OCTETS,
            headers=phone.headers(**{"Upload-Offset": "0"}),
        )
        statuses[name] = response.status_code

    slow = threading.Thread(target=send, args=("first", first, SlowBody(data)))
    slow.start()
    time.sleep(0.2)
    send("second", second, io.BytesIO(data))
    slow.join(30)
    # the test's own session answered the second request (one app context for the whole
    # test): end its read transaction so the next request sees the first one's commit
    db.session.commit()
    return statuses["first"], statuses["second"]


def test_a_patch_racing_another_one_is_told_to_retry(app: Flask, inspector: Any, tus: Tus) -> None:
    data = make_jpeg(1200, 900, seed=31)
    url = tus.start(data)
    chunk = data[:150_000]
    assert _race(app, inspector, url, chunk) == (204, 423)
    assert tus.offset(url) == len(chunk)
    assert get_staging(app).path(upload_id(url)).read_bytes() == chunk


@contextmanager
def _no_file_lock(self: Staging, upload_id: str, blocking: bool = True) -> Iterator[Any]:
    with self.path(upload_id).open("r+b") as fh:
        yield fh


@pytest.mark.postgres_only
def test_the_row_lock_alone_keeps_racing_patches_apart(
    app: Flask, inspector: Any, tus: Tus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staging on a disk where flock does not reach (two hosts): FOR UPDATE still serialises."""
    data = make_jpeg(1200, 900, seed=32)
    url = tus.start(data)
    get_staging(app).create(upload_id(url))
    monkeypatch.setattr(Staging, "lock", _no_file_lock)
    chunk = data[:150_000]
    assert _race(app, inspector, url, chunk) == (204, 409)
    assert tus.offset(url) == len(chunk)
    assert get_staging(app).path(upload_id(url)).read_bytes() == chunk


# --- a server killed in the middle of a PATCH -----------------------------------------------


class Killed(BaseException):
    """The worker dies (SIGKILL, power cut): no handler of ours runs after this."""


class DiesAfter(CutShort):
    """A request body during which the server is killed once ``cut`` bytes have been read."""

    def __init__(self, data: bytes, cut: int) -> None:
        super().__init__(data, len(data))
        self._cut = cut

    def readinto(self, buffer: Any) -> int:
        if self._data.tell() >= self._cut:
            raise Killed
        data = self._data.read(min(len(buffer), self._cut - self._data.tell()))
        buffer[: len(data)] = data
        return len(data)


def test_a_server_killed_mid_patch_keeps_the_offset_of_the_last_256_kb(
    tus: Tus, app: Flask, inspector: Any, storage: Storage
) -> None:
    checkpoint = 256 * 1024
    data = make_jpeg(2000, 1500, seed=7)
    assert len(data) > 3 * checkpoint, len(data)
    url = tus.start(data)
    cut = 2 * checkpoint + 100_000
    headers = tus.headers(**{"Upload-Offset": "0"})
    with pytest.raises(Killed):
        tus.client.patch(
            url, input_stream=DiesAfter(data, cut), content_type=OCTETS, headers=headers
        )
    db.session.rollback()

    phone = new_client(app, inspector)  # the server came back; the phone asks where to go on
    offset = phone.offset(url)
    assert offset >= 2 * checkpoint
    assert offset <= cut
    assert phone.patch(url, offset, data[offset:]).status_code == 204
    assert storage.read(blob_key(sha256(data))) == data
