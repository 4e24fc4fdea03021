"""The deploy smoke test: nginx (the shipped site) in front of two gunicorn hosts, one PostgreSQL
database, moto's S3 server as the object store. A phone pushes an inspection and uploads a photo
whose PATCHes land on both hosts; one host is killed mid-upload and the upload completes through
the other; the office then reads the photo through nginx (a presigned redirect to the store)."""

from __future__ import annotations

import base64
import hashlib
import os
import uuid
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.browser.server import flask
from tests.databases import fresh_database
from tests.deploy.hosts import app_host, nginx, nginx_binary
from tests.media.uploading import moto_server, s3_bucket_config
from tests.support import skip_or_fail

pytestmark = pytest.mark.postgres_only

CHUNK = 64 * 1024
PASSWORD = "demo12345"
TUS = {"Tus-Resumable": "1.0.0"}


class Phone:
    """What the PWA does over HTTP: log in, pull, push, tus uploads."""

    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.http = requests.Session()
        answer = self.http.post(
            f"{base}/api/v1/auth/login", json={"username": username, "password": PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        self.http.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        self.client_id = str(uuid.uuid4())
        self.next_id = 1

    def pull_all(self) -> dict[str, list[dict[str, Any]]]:
        records: dict[str, list[dict[str, Any]]] = {}
        cookie = None
        while True:
            answer = self.http.post(
                f"{self.base}/api/v1/sync/pull",
                json={"client_id": self.client_id, "cookie": cookie, "limit": 1000},
            )
            assert answer.status_code == 200, answer.text
            body = answer.json()
            for change in body["changes"]:
                if change["op"] == "put":
                    records.setdefault(change["type"], []).append(change["data"])
            cookie = body["cookie"]
            if not body["has_more"]:
                return records

    def push(self, *mutations: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
        at = datetime.now(UTC).isoformat()
        batch = []
        for name, args in mutations:
            batch.append({"id": self.next_id, "name": name, "args": args, "client_time": at})
            self.next_id += 1
        answer = self.http.post(
            f"{self.base}/api/v1/sync/push",
            json={"client_id": self.client_id, "schema_version": 1, "mutations": batch},
        )
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]


def _served_patches(log: Path) -> int:
    return sum(
        "PATCH /api/v1/uploads/" in line for line in log.read_text(errors="replace").splitlines()
    )


def test_a_photo_uploads_across_two_hosts_and_survives_one_dying(
    tmp_path: Path, shared_dir: Path
) -> None:
    if nginx_binary() is None:
        skip_or_fail("nginx is not installed (apt-get install nginx; scripts/test does)")
    photo = (shared_dir / "samples" / "photos" / "gps" / "DSCN0010.jpg").read_bytes()
    digest = hashlib.sha256(photo).hexdigest()
    with fresh_database(tmp_path) as url, moto_server() as endpoint:
        s3 = s3_bucket_config(endpoint, f"smoke-{uuid.uuid4().hex[:8]}")
        env = {
            **os.environ,
            "SECRET_KEY": "two-hosts-smoke-secret",
            "DATABASE_URL": url,
            "MEDIA_ROOT": str(tmp_path / "shared-media"),  # the uploads' staging, shared
            "TRUSTED_PROXIES": "1",
            "GUNICORN_THREADS": "2",
            **{key: str(value) for key, value in s3.items()},
        }
        flask(env, "db", "upgrade")
        flask(env, "demo", "load")
        logs = [tmp_path / "host-a.log", tmp_path / "host-b.log"]
        with ExitStack() as hosts:
            port_a, _host_a = hosts.enter_context(app_host(env, logs[0]))
            port_b, host_b = hosts.enter_context(app_host(env, logs[1]))
            base = hosts.enter_context(nginx(tmp_path, [port_a, port_b]))
            phone = Phone(base, "ts_duchayuan1")
            records = phone.pull_all()
            project = records["project"][0]
            template = next(t for t in records["template"] if t.get("active", True))
            inspection_id, photo_id = str(uuid.uuid4()), str(uuid.uuid4())
            results = phone.push(
                (
                    "inspection.create",
                    {
                        "id": inspection_id,
                        "project_id": project["id"],
                        "kind": "routine",
                        "template_id": template["id"],
                        "started_at": datetime.now(UTC).isoformat(),
                    },
                ),
                (
                    "photo.attach",
                    {
                        "id": photo_id,
                        "sha256": digest,
                        "size": len(photo),
                        "content_type": "image/jpeg",
                        "owner_type": "inspection",
                        "owner_id": inspection_id,
                    },
                ),
            )
            assert [r["status"] for r in results] == ["applied", "applied"], results

            meta = ",".join(
                f"{k} {base64.b64encode(v.encode()).decode()}"
                for k, v in {"sha256": digest, "filetype": "image/jpeg"}.items()
            )
            created = phone.http.post(
                f"{base}/api/v1/uploads/",
                headers={**TUS, "Upload-Length": str(len(photo)), "Upload-Metadata": meta},
            )
            assert created.status_code == 201, created.text
            location = created.headers["Location"]
            upload_url = location if location.startswith("http") else base + location
            offset, killed = 0, False
            while offset < len(photo):
                if not killed and offset >= len(photo) // 2:
                    host_b.kill()  # host B dies mid-upload
                    host_b.wait(timeout=10)
                    killed = True
                    # the phone asks where to resume, as tus-js-client does
                    head = phone.http.head(upload_url, headers=TUS)
                    assert head.status_code == 200
                    offset = int(head.headers["Upload-Offset"])
                answer = phone.http.patch(
                    upload_url,
                    data=photo[offset : offset + CHUNK],
                    headers={
                        **TUS,
                        "Upload-Offset": str(offset),
                        "Content-Type": "application/offset+octet-stream",
                    },
                )
                assert answer.status_code == 204, answer.text
                offset = int(answer.headers["Upload-Offset"])
            assert killed
            served = [_served_patches(log) for log in logs]
            assert all(n > 0 for n in served), served  # the PATCHes landed on both hosts

            office = Phone(base, "supervisor")
            original = office.http.get(
                f"{base}/api/v1/photos/{photo_id}/original", allow_redirects=False
            )
            assert original.status_code == 302, original.text
            assert original.headers["Location"].startswith(endpoint)
            assert requests.get(original.headers["Location"], timeout=10).content == photo
