"""Two gunicorn hosts behind Debian's nginx, configured from deploy/nginx-xianchang.conf."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.browser.server import ROOT, free_port


def nginx_binary() -> str | None:
    return shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).is_file()), None
    )


def site_config(upstreams: list[int], port: int) -> str:
    """The shipped site with its upstream set to ``upstreams`` and plain HTTP on ``port``
    (TLS and the port-80 redirect left out: the smoke test speaks HTTP on 127.0.0.1)."""
    text = (ROOT / "deploy" / "nginx-xianchang.conf").read_text(encoding="utf-8")
    servers = "".join(
        f"    server 127.0.0.1:{p} max_fails=1 fail_timeout=30s;\n" for p in upstreams
    )
    text = re.sub(
        r"upstream xianchang \{.*?\n\}", f"upstream xianchang {{\n{servers}}}", text, flags=re.S
    )
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port};")
    text = re.sub(r"\n\s*ssl_certificate[^\n]*", "", text)
    first_server_end = text.index("\n}\n", text.index("server {")) + 3
    return text[:first_server_end]


@contextmanager
def nginx(tmp: Path, upstreams: list[int]) -> Iterator[str]:
    """nginx in front of ``upstreams``; yields its base URL."""
    binary = nginx_binary()
    assert binary is not None
    root = tmp / "nginx"
    for sub in ("body", "proxy", "logs"):
        (root / sub).mkdir(parents=True, exist_ok=True)
        (root / sub).chmod(0o777)
    port = free_port()
    (root / "site.conf").write_text(site_config(upstreams, port), encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""
    (root / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {root}/nginx.pid;\n"
        f"error_log {root}/logs/error.log warn;\nevents {{ worker_connections 256; }}\n"
        f"http {{\n  access_log {root}/logs/access.log;\n"
        f"  client_body_temp_path {root}/body;\n  proxy_temp_path {root}/proxy;\n"
        f"  fastcgi_temp_path {root}/proxy;\n  uwsgi_temp_path {root}/proxy;\n"
        f"  scgi_temp_path {root}/proxy;\n  include {root}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [binary, "-c", str(root / "nginx.conf"), "-p", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=(root / "logs" / "stderr.log").open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, process, root / "logs" / "stderr.log")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def app_host(env: dict[str, str], log_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """One gunicorn host as deploy/gunicorn.conf.py runs it (1 worker, 2 threads)."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py"]
    command += ["--workers", "1", "--bind", f"127.0.0.1:{port}", "server:create_app()"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait(f"http://127.0.0.1:{port}", process, log_path)
            yield port, process
        finally:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=10)


def _wait(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1)
            return
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(log.read_text(errors="replace")) from None
            time.sleep(0.2)
