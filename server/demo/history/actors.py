"""The people of the demo history, each a phone or an office browser talking to the real API.

An ``Actor`` is one logged-in session through Flask's test client inside the app: it logs in
(CSRF token from the login answer), pushes sync mutations as the PWA does (``POST
/api/v1/sync/push``), uploads photo bytes through tus (``/api/v1/uploads/``) and calls the
office's REST routes. Every answer is checked: a refusal stops the history with its message.
"""

from __future__ import annotations

import base64
import hashlib
import io
import uuid
from datetime import datetime
from typing import Any

from flask import Flask
from flask.testing import FlaskClient

from core.orm import utcnow

TUS = {"Tus-Resumable": "1.0.0"}
# a session is renewed when the story's clock has moved this far since the login
RELOGIN_DAYS = 7


class HistoryError(RuntimeError):
    """The server refused a step of the history (the demo and the rules disagree)."""


def _meta(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


class Actor:
    """One user's session: a phone (sync, uploads) or the office (REST)."""

    def __init__(self, app: Flask, username: str, password: str, key: str) -> None:
        self.app = app
        self.username = username
        self.password = password
        self.client_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"xianchang-demo/{key}/{username}"))
        self.next_mutation = 1
        self.client: FlaskClient | None = None
        self.csrf = ""
        self.logged_in_at: datetime | None = None

    def _session(self) -> FlaskClient:
        now = utcnow()
        if (
            self.client is None
            or self.logged_in_at is None
            or ((now - self.logged_in_at).days >= RELOGIN_DAYS)
        ):
            client = self.app.test_client()
            response = client.post(
                "/api/v1/auth/login",
                json={"username": self.username, "password": self.password},
                base_url="https://localhost",
            )
            if response.status_code != 200:
                raise HistoryError(f"{self.username} cannot log in: {response.get_json()}")
            self.client, self.csrf, self.logged_in_at = (
                client,
                response.get_json()["csrf_token"],
                now,
            )
        return self.client

    def call(self, method: str, url: str, body: dict[str, Any] | None = None) -> Any:
        """An office REST call; its JSON answer (anything but 2xx stops the history)."""
        client = self._session()
        response = client.open(
            url,
            method=method,
            json=body,
            headers={"X-CSRF-Token": self.csrf},
            base_url="https://localhost",
        )
        if response.status_code >= 300:
            raise HistoryError(f"{self.username} {method} {url}: {response.get_json()}")
        return response.get_json()

    def push(self, name: str, **args: Any) -> dict[str, Any]:
        """One mutation as the PWA queues it (client_time: the story's now); its result."""
        client = self._session()
        mutation = {
            "id": self.next_mutation,
            "name": name,
            "args": args,
            "client_time": utcnow().isoformat(),
        }
        self.next_mutation += 1
        response = client.post(
            "/api/v1/sync/push",
            json={"client_id": self.client_id, "schema_version": 1, "mutations": [mutation]},
            headers={"X-CSRF-Token": self.csrf},
            base_url="https://localhost",
        )
        if response.status_code != 200:
            raise HistoryError(f"{self.username} push {name}: {response.get_json()}")
        result = response.get_json()["results"][0]
        if result.get("status") != "applied":
            raise HistoryError(f"{self.username} {name} {args.get('id', '')}: {result}")
        return result

    def upload(self, data: bytes) -> str:
        """The photo's bytes through tus (create, then one PATCH); their SHA-256."""
        client = self._session()
        digest = hashlib.sha256(data).hexdigest()
        headers = {
            **TUS,
            "X-CSRF-Token": self.csrf,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": _meta(sha256=digest, filename="现场.jpg", filetype="image/jpeg"),
        }
        created = client.post("/api/v1/uploads/", headers=headers, base_url="https://localhost")
        if created.status_code != 201:
            raise HistoryError(f"{self.username} upload: {created.get_json()}")
        patched = client.patch(
            created.headers["Location"],
            input_stream=io.BytesIO(data),
            content_type="application/offset+octet-stream",
            headers={**TUS, "X-CSRF-Token": self.csrf, "Upload-Offset": "0"},
            base_url="https://localhost",
        )
        if patched.status_code != 204:
            raise HistoryError(f"{self.username} upload bytes: {patched.status_code}")
        return digest
