"""tus protocol pieces on their own: headers, metadata, checksums, the streaming copy."""

from __future__ import annotations

import base64
import hashlib
import io
from datetime import UTC, datetime

import pytest
from werkzeug.exceptions import ClientDisconnected

from server.errors import AppError
from server.media import tus

SHA = hashlib.sha256(b"photo").hexdigest()


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def code_of(excinfo: pytest.ExceptionInfo[AppError]) -> tuple[str, int]:
    return excinfo.value.code, excinfo.value.status


def test_metadata_is_decoded() -> None:
    header = f"sha256 {b64(SHA)},filename {b64('现场 1.jpg')},filetype {b64('image/jpeg')}"
    assert tus.parse_metadata(header) == {
        "sha256": SHA,
        "filename": "现场 1.jpg",
        "filetype": "image/jpeg",
    }


def test_metadata_key_without_value_is_empty() -> None:
    assert tus.parse_metadata(f"is_confidential,sha256 {b64(SHA)}")["is_confidential"] == ""


def test_absent_metadata_is_empty() -> None:
    assert tus.parse_metadata(None) == {}


@pytest.mark.parametrize("header", ["sha256 !!notbase64", "a b c", "k eA==,k eA==", ",x", "k /w=="])
def test_malformed_metadata_is_a_400(header: str) -> None:
    with pytest.raises(AppError) as excinfo:
        tus.parse_metadata(header)
    assert code_of(excinfo) == ("upload_metadata_invalid", 400)


def test_metadata_round_trips_through_its_encoding() -> None:
    metadata = {"sha256": SHA, "filename": "检查 照片.jpg", "flag": ""}
    assert tus.parse_metadata(tus.encode_metadata(metadata)) == metadata


def test_sha256_is_required() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.require_sha256({"filename": "a.jpg"})
    assert code_of(excinfo) == ("sha256_missing", 400)
    assert "SHA-256" in excinfo.value.message_zh


def test_sha256_must_be_hex() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.require_sha256({"sha256": "xyz"})
    assert code_of(excinfo) == ("sha256_invalid", 400)


def test_sha256_is_lower_cased() -> None:
    assert tus.require_sha256({"sha256": SHA.upper()}) == SHA


@pytest.mark.parametrize("value", [None, "", "-1", "1.5", "abc", "0"])
def test_bad_upload_length_is_a_400(value: str | None) -> None:
    with pytest.raises(AppError) as excinfo:
        tus.parse_length(value)
    assert code_of(excinfo) == ("upload_length_invalid", 400)


def test_offset_zero_is_fine() -> None:
    assert tus.parse_offset("0") == 0


@pytest.mark.parametrize("value", [None, "-3", "x"])
def test_bad_offset_is_a_400(value: str | None) -> None:
    with pytest.raises(AppError) as excinfo:
        tus.parse_offset(value)
    assert code_of(excinfo) == ("upload_offset_invalid", 400)


def test_wrong_tus_version_is_a_412() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.check_version({"Tus-Resumable": "0.2.2"})
    assert code_of(excinfo) == ("tus_version_unsupported", 412)


@pytest.mark.parametrize("algorithm", tus.CHECKSUM_ALGORITHMS)
def test_checksum_header_is_parsed(algorithm: str) -> None:
    digest = hashlib.new(algorithm, b"chunk").digest()
    header = f"{algorithm} {base64.b64encode(digest).decode()}"
    assert tus.parse_checksum(header) == (algorithm, digest)


def test_unsupported_checksum_algorithm_is_a_400() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.parse_checksum("crc32 AAAAAA==")
    assert code_of(excinfo) == ("checksum_unsupported", 400)


def test_checksum_of_the_wrong_length_is_a_400() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.parse_checksum(f"sha1 {base64.b64encode(b'short').decode()}")
    assert code_of(excinfo) == ("checksum_invalid", 400)


def test_no_checksum_header_means_none() -> None:
    assert tus.parse_checksum(None) is None


def test_http_date_is_rfc_7231() -> None:
    moment = datetime(2024, 3, 1, 8, 30, tzinfo=UTC)
    assert tus.http_date(moment) == "Fri, 01 Mar 2024 08:30:00 GMT"


def test_options_headers_list_the_extensions() -> None:
    headers = tus.options_headers(1000)
    assert headers["Tus-Extension"] == "creation,termination,checksum,expiration"
    assert headers["Tus-Max-Size"] == "1000"
    assert headers["Tus-Checksum-Algorithm"] == "sha1,md5,sha256"


def test_copy_stream_copies_and_hashes() -> None:
    target, hasher = io.BytesIO(), hashlib.sha256()
    data = bytes(range(256)) * 1000
    assert tus.copy_stream(io.BytesIO(data), target, len(data), hasher) == len(data)
    assert target.getvalue() == data
    assert hasher.digest() == hashlib.sha256(data).digest()


def test_copy_stream_refuses_more_than_the_limit() -> None:
    with pytest.raises(AppError) as excinfo:
        tus.copy_stream(io.BytesIO(b"x" * 11), io.BytesIO(), 10, None)
    assert code_of(excinfo) == ("upload_length_exceeded", 413)


class Dropping(io.RawIOBase):
    def __init__(self, data: bytes) -> None:
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.data.read(size)
        if not chunk:
            raise ClientDisconnected()
        return chunk


def test_copy_stream_reports_what_landed_when_the_body_stops_early() -> None:
    target = io.BytesIO()
    with pytest.raises(tus.StreamInterrupted) as excinfo:
        tus.copy_stream(Dropping(b"y" * 100_000), target, 200_000, None)
    assert excinfo.value.written == 100_000
    assert target.getvalue() == b"y" * 100_000
