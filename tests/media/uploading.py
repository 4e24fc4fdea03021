"""Test helpers for uploads: photos made in memory, a tiny tus client, a moto S3 server."""

from __future__ import annotations

import base64
import hashlib
import io
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from PIL import ExifTags, Image
from werkzeug.test import TestResponse

from tests.conftest import PASSWORD
from tests.support import skip_or_fail

TUS = {"Tus-Resumable": "1.0.0"}
OCTETS = "application/offset+octet-stream"


def make_jpeg(
    width: int = 320,
    height: int = 240,
    seed: int = 0,
    taken_at: datetime | None = datetime(2024, 3, 1, 10, 20, 30),
    gps: tuple[float, float] | None = (28.15, 120.29),
) -> bytes:
    """A real JPEG of noisy blocks (so it compresses like a photo) with camera EXIF and GPS."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    block = 16
    for x in range(0, width, block):
        for y in range(0, height, block):
            colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
            image.paste(colour, (x, y, x + block, y + block))
    noise = Image.frombytes("RGB", (width, height), rng.randbytes(width * height * 3))
    image = Image.blend(image, noise, 0.15)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "XianchangCam"
    exif[ExifTags.Base.Model] = "Field 1"
    if taken_at is not None:
        exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = taken_at.strftime(
            "%Y:%m:%d %H:%M:%S"
        )
    if gps is not None:
        lat, lon = gps
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(
            {
                ExifTags.GPS.GPSLatitudeRef: "N" if lat >= 0 else "S",
                ExifTags.GPS.GPSLatitude: _dms(abs(lat)),
                ExifTags.GPS.GPSLongitudeRef: "E" if lon >= 0 else "W",
                ExifTags.GPS.GPSLongitude: _dms(abs(lon)),
            }
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def _dms(value: float) -> tuple[float, float, float]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
    return float(degrees), float(minutes), seconds


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def encode_metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def checksum(algorithm: str, data: bytes) -> str:
    return f"{algorithm} {base64.b64encode(hashlib.new(algorithm, data).digest()).decode()}"


class CutShort(io.RawIOBase):
    """A request body that announces ``declared`` bytes but ends after ``data``."""

    def __init__(self, data: bytes, declared: int) -> None:
        self._data = io.BytesIO(data)
        self._declared = declared
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, position: int, whence: int = 0) -> int:
        # the test client measures the body with seek(0, 2): let it see the announced length
        self._position = self._declared if whence == 2 else position
        return self._position

    def readinto(self, buffer: Any) -> int:
        data = self._data.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


class Tus:
    """What tus-js-client does, through Flask's test client (session cookie + CSRF header)."""

    def __init__(self, client: FlaskClient, csrf: str) -> None:
        self.client = client
        self.csrf = csrf

    def headers(self, **extra: str) -> dict[str, str]:
        return {**TUS, "X-CSRF-Token": self.csrf, **extra}

    def create(self, data: bytes, length: int | None = None, **metadata: str) -> TestResponse:
        metadata.setdefault("sha256", sha256(data))
        metadata.setdefault("filename", "现场.jpg")
        metadata.setdefault("filetype", "image/jpeg")
        headers = self.headers(**{"Upload-Length": str(len(data) if length is None else length)})
        headers["Upload-Metadata"] = encode_metadata(**{k: v for k, v in metadata.items() if v})
        return self.client.post("/api/v1/uploads/", headers=headers)

    def start(self, data: bytes, **metadata: str) -> str:
        response = self.create(data, **metadata)
        assert response.status_code == 201, response.get_json()
        return response.headers["Location"]

    def head(self, url: str) -> TestResponse:
        return self.client.head(url, headers=self.headers())

    def offset(self, url: str) -> int:
        response = self.head(url)
        assert response.status_code == 200, response.status_code
        return int(response.headers["Upload-Offset"])

    def patch(
        self,
        url: str,
        offset: int,
        chunk: bytes,
        *,
        content_length: int | None = None,
        **headers: str,
    ) -> TestResponse:
        """Send ``chunk`` at ``offset``; a ``content_length`` above ``len(chunk)`` is a body
        cut short (the phone lost its connection mid-request)."""
        all_headers = self.headers(**{"Upload-Offset": str(offset)}, **headers)
        body = io.BytesIO(chunk) if content_length is None else CutShort(chunk, content_length)
        return self.client.patch(url, input_stream=body, content_type=OCTETS, headers=all_headers)

    def upload(self, data: bytes, chunk_size: int = 40_000) -> tuple[str, TestResponse]:
        """A whole upload in chunks; returns the URL and the last PATCH's response."""
        url = self.start(data)
        offset = 0
        response = None
        while offset < len(data):
            response = self.patch(url, offset, data[offset : offset + chunk_size])
            if response.status_code != 204:
                break
            offset = int(response.headers["Upload-Offset"])
        assert response is not None
        return url, response


def new_client(app: Flask, user: Any) -> Tus:
    """Another phone session (a fresh cookie and CSRF token) for ``user``."""
    client = app.test_client()
    response = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    return Tus(client, response.get_json()["csrf_token"])


def upload_id(url: str) -> str:
    return url.rsplit("/", 1)[1]


@contextmanager
def moto_server() -> Iterator[str]:
    """moto's standalone S3 server on 127.0.0.1 (a free port); yields its endpoint URL."""
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as error:
        skip_or_fail(f"moto[server] is not installed: {error}")
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    starter = threading.Thread(target=server.start, daemon=True)
    starter.start()
    starter.join(20)
    if starter.is_alive():
        skip_or_fail("moto's S3 server did not start within 20 s")
    host, port = server.get_host_and_port()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def s3_bucket_config(endpoint: str, bucket: str) -> dict[str, Any]:
    """Settings for an S3 storage on ``endpoint``; the bucket is created."""
    import boto3

    boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    ).create_bucket(Bucket=bucket)
    return {
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY_ID": "testing",
        "S3_SECRET_ACCESS_KEY": "testing",
        "S3_REGION": "us-east-1",
    }
