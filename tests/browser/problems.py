"""Problems set up through the sync API for browser tests (as the office and a unit would)."""

from __future__ import annotations

import base64
import hashlib
import random
import uuid

from tests.browser.field import PASSWORD
from tests.media.uploading import make_jpeg


def push_as(context, username: str, mutations: list[dict]) -> None:  # type: ignore[no-untyped-def]
    """Push ``mutations`` through the sync API as ``username``; every one must apply."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": username, "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    numbered = [{"id": i, **m} for i, m in enumerate(mutations, start=1)]
    response = api.post(
        "/api/v1/sync/push",
        data={"client_id": str(uuid.uuid4()), "schema_version": 1, "mutations": numbered},
        headers={"X-CSRF-Token": token},
    )
    assert response.ok, response.text()
    assert all(r["status"] == "applied" for r in response.json()["results"]), response.text()
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})


def send_photo_as(context, username: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    """Upload a new photo's bytes (tus) as ``username``: (its SHA-256, its size). A move cites
    only photos whose bytes their uploader sent."""
    data = make_jpeg(seed=random.randrange(1 << 30))
    sha256 = hashlib.sha256(data).hexdigest()
    api = context.request
    api.post("/api/v1/auth/login", data={"username": username, "password": PASSWORD})
    token = api.get("/api/v1/auth/me").json()["csrf_token"]
    tus = {"Tus-Resumable": "1.0.0", "X-CSRF-Token": token}
    metadata = ",".join(
        f"{key} {base64.b64encode(value.encode()).decode()}"
        for key, value in (("sha256", sha256), ("filetype", "image/jpeg"))
    )
    created = api.post(
        "/api/v1/uploads/",
        headers={**tus, "Upload-Length": str(len(data)), "Upload-Metadata": metadata},
    )
    assert created.status == 201, created.text()
    sent = api.patch(
        created.headers["location"],
        headers={
            **tus,
            "Upload-Offset": "0",
            "Content-Type": "application/offset+octet-stream",
        },
        data=data,
    )
    assert sent.status == 204, sent.text()
    api.post("/api/v1/auth/logout", headers={"X-CSRF-Token": token})
    return sha256, len(data)


def rectified_problem(context, title: str) -> str:  # type: ignore[no-untyped-def]
    """A problem at a 东园镇 school (TS2023-001), assigned by the district office to 民生保障局,
    which reports it fixed with a photo attached to it (its bytes sent)."""
    api = context.request
    api.post("/api/v1/auth/login", data={"username": "ts_duchashi", "password": PASSWORD})
    unit = next(u for u in api.get("/api/v1/units").json()["items"] if u["code"] == "TS-MS")
    project = api.get("/api/v1/projects", params={"q": "TS2023-001"}).json()["items"][0]
    issue_id, photo_id = str(uuid.uuid4()), str(uuid.uuid4())
    create = {
        "id": issue_id,
        "project_id": project["id"],
        "title": title,
        "description": "操场围栏倒伏一段,学生可进入施工区",
        "severity": "high",
    }
    assign = {
        "issue_id": issue_id,
        "expected_from": "found",
        "to": "assigned",
        "unit_id": unit["id"],
        "deadline": "2030-12-31",
    }
    push_as(
        context,
        "ts_duchashi",
        [
            {"name": "issue.create", "args": create},
            {"name": "issue.transition", "args": assign},
        ],
    )
    sha256, size = send_photo_as(context, "ts_minsheng")
    photo = {
        "id": photo_id,
        "sha256": sha256,
        "size": size,
        "content_type": "image/jpeg",
        "owner_type": "issue",
        "owner_id": issue_id,
    }
    step = {"issue_id": issue_id, "expected_from": "assigned", "to": "rectifying"}
    fixed = {
        "issue_id": issue_id,
        "expected_from": "rectifying",
        "to": "rectified",
        "reason": "围栏已重新立起并加固",
        "photo_ids": [photo_id],
    }
    push_as(
        context,
        "ts_minsheng",
        [
            {"name": "photo.attach", "args": photo},
            {"name": "issue.transition", "args": step},
            {"name": "issue.transition", "args": fixed},
        ],
    )
    return issue_id
