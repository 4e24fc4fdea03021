"""A real gunicorn serving the built PWA and the API over a demo database (tests and benches)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def flask(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "flask", "--app", "server", *args],
        env=env,
        check=True,
        cwd=ROOT,
        capture_output=True,
    )


@contextmanager
def demo_server(database_url: str, tmp: Path, dist: Path, secret: str) -> Iterator[str]:
    """Migrate ``database_url``, load the demo, run gunicorn (2 workers); yields the base URL."""
    env = {
        **os.environ,
        "SECRET_KEY": secret,
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(tmp / "media"),
        "PWA_DIST": str(dist),
    }
    flask(env, "db", "upgrade")
    flask(env, "demo", "load")
    port = free_port()
    log_path = tmp / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    command += ["--workers", "2", "--bind", f"127.0.0.1:{port}", "server:create_app()"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=1)
                    break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        raise RuntimeError(log_path.read_text()) from None
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
