"""tus 1.0.0 protocol pieces: headers, metadata, checksums, errors (no database, no app).

Extensions served: creation, termination, checksum, expiration (https://tus.io/protocols/resumable-upload).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, BinaryIO, Protocol

from werkzeug.exceptions import ClientDisconnected

from server.errors import AppError

TUS_VERSION = "1.0.0"
TUS_EXTENSIONS = "creation,termination,checksum,expiration"
CHECKSUM_ALGORITHMS = ("sha1", "md5", "sha256")
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
READ_CHUNK = 64 * 1024

_SHA256 = re.compile(r"^[0-9a-fA-F]{64}$")
_DIGITS = re.compile(r"^[0-9]{1,19}$")
_META_KEY = re.compile(r"^[^\s,]+$")


def tus_error(code: str, **fmt: Any) -> AppError:
    """The AppError for an upload's problem (core.problems, "photos"); ``fmt`` fills the
    message and joins the body."""
    return AppError(code, extra=fmt, **fmt)


def check_version(headers: Mapping[str, str]) -> None:
    """Every request but OPTIONS must say ``Tus-Resumable: 1.0.0`` (else 412)."""
    if headers.get("Tus-Resumable") != TUS_VERSION:
        raise tus_error("tus_version_unsupported")


def _non_negative(value: str | None, code: str) -> int:
    if value is None or not _DIGITS.match(value.strip()):
        raise tus_error(code)
    return int(value.strip())


def parse_length(value: str | None) -> int:
    """``Upload-Length``: a photo has at least one byte."""
    length = _non_negative(value, "upload_length_invalid")
    if length < 1:
        raise tus_error("upload_length_invalid")
    return length


def parse_offset(value: str | None) -> int:
    """``Upload-Offset``: a non-negative integer."""
    return _non_negative(value, "upload_offset_invalid")


def parse_metadata(value: str | None) -> dict[str, str]:
    """``Upload-Metadata``: comma-separated ``key base64(value)`` pairs; values must be UTF-8
    without NUL characters."""
    metadata: dict[str, str] = {}
    if not value or not value.strip():
        return metadata
    for pair in value.split(","):
        parts = pair.strip().split(" ")
        if len(parts) > 2 or not _META_KEY.match(parts[0]) or parts[0] in metadata:
            raise tus_error("upload_metadata_invalid")
        try:
            raw = base64.b64decode(parts[1], validate=True) if len(parts) == 2 else b""
            metadata[parts[0]] = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise tus_error("upload_metadata_invalid") from error
        if "\x00" in parts[0] or "\x00" in metadata[parts[0]]:
            raise tus_error("upload_metadata_invalid")  # PostgreSQL text cannot hold a NUL
    return metadata


def encode_metadata(metadata: Mapping[str, str]) -> str:
    """The ``Upload-Metadata`` header for ``metadata`` (as HEAD must echo it)."""
    pairs = []
    for key, value in metadata.items():
        encoded = base64.b64encode(value.encode("utf-8")).decode("ascii")
        pairs.append(f"{key} {encoded}" if value else key)
    return ",".join(pairs)


def is_sha256(value: str | None) -> bool:
    """64 hexadecimal digits (either case)."""
    return value is not None and bool(_SHA256.match(value))


def require_sha256(metadata: Mapping[str, str]) -> str:
    """The lower-case hex SHA-256 the client computed (400 when missing or malformed)."""
    value = metadata.get("sha256")
    if not value:
        raise tus_error("sha256_missing")
    if not is_sha256(value.strip()):
        raise tus_error("sha256_invalid")
    return value.strip().lower()


def parse_checksum(value: str | None) -> tuple[str, bytes] | None:
    """``Upload-Checksum: <algorithm> <base64 digest>`` → (algorithm, digest), or None."""
    if value is None:
        return None
    parts = value.strip().split(" ")
    if len(parts) != 2:
        raise tus_error("checksum_invalid")
    algorithm = parts[0].lower()
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise tus_error("checksum_unsupported")
    try:
        digest = base64.b64decode(parts[1], validate=True)
    except binascii.Error as error:
        raise tus_error("checksum_invalid") from error
    if len(digest) != hashlib.new(algorithm).digest_size:
        raise tus_error("checksum_invalid")
    return algorithm, digest


def http_date(moment: datetime) -> str:
    """An RFC 7231 date (``Upload-Expires``)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def options_headers(max_size: int) -> dict[str, str]:
    """What an OPTIONS request learns about this server."""
    return {
        "Tus-Version": TUS_VERSION,
        "Tus-Extension": TUS_EXTENSIONS,
        "Tus-Max-Size": str(max_size),
        "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
    }


class _Hasher(Protocol):
    def update(self, data: bytes, /) -> None: ...


class StreamInterrupted(Exception):
    """The request body stopped early (the phone lost its connection); ``written`` bytes landed."""

    def __init__(self, written: int) -> None:
        super().__init__(f"request body interrupted after {written} bytes")
        self.written = written


def copy_stream(
    source: BinaryIO,
    target: BinaryIO,
    limit: int,
    hasher: _Hasher | None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Copy ``source`` to ``target`` in small chunks (never the whole body in memory).

    Reads at most ``limit + 1`` bytes: one byte more than ``limit`` is a 413. Each chunk is written
    as soon as it is read, then ``progress`` hears the bytes written so far (to save the offset
    as they land); a body that stops early raises :class:`StreamInterrupted` with the number of
    bytes written, so the caller may keep them (tus lets a client resume from there).
    """
    written = 0
    while True:
        try:
            chunk = source.read(min(READ_CHUNK, limit + 1 - written))
        except (ClientDisconnected, OSError) as error:
            raise StreamInterrupted(written) from error
        if not chunk:
            return written
        if written + len(chunk) > limit:
            raise tus_error("upload_length_exceeded")
        target.write(chunk)
        if hasher is not None:
            hasher.update(chunk)
        written += len(chunk)
        if progress is not None:
            progress(written)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
