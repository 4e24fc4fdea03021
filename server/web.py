"""Serve the built PWA: the app shell is public (it shows the login page itself)."""

from __future__ import annotations

import gzip
import os
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request
from flask import send_from_directory as _send_file
from werkzeug.security import safe_join

bp = Blueprint("web", __name__)

#: Root files a browser must revalidate on every load: the service worker (an update of the app
#: is a new sw.js), the shell it precaches and the manifest. Workbox chunks beside sw.js too.
REVALIDATE = frozenset({"sw.js", "index.html", "manifest.webmanifest"})
CONTENT_TYPES = {".js": "text/javascript", ".webmanifest": "application/manifest+json"}
#: Sent gzipped to browsers that accept it (the shell's size over a slow link is what counts).
COMPRESSIBLE = frozenset({".js", ".css", ".html", ".svg", ".webmanifest", ".json", ".txt"})


def _dist() -> Path:
    return Path(current_app.config["PWA_DIST"])


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    return jsonify(status="ok")


@bp.get("/assets/<path:filename>")
def assets(filename: str):  # type: ignore[no-untyped-def]
    response = send_from_directory(_dist() / "assets", filename, max_age=31536000)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@bp.get("/", defaults={"path": ""})
@bp.get("/<path:path>")
def index(path: str):  # type: ignore[no-untyped-def]
    """Files at the root of the build (manifest, icons), else the shell for client routes."""
    if path.startswith("api/"):
        abort(404)
    dist = _dist()
    if path and (dist / path).is_file():
        return _root_file(dist, path)
    if not (dist / "index.html").is_file():
        return (
            "<h1>现场</h1><p>前端尚未构建:请运行 <code>scripts/run-demo</code> "
            "或 <code>npm --prefix pwa run build</code>。</p>",
            503,
        )
    response = send_from_directory(dist, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def _root_file(dist: Path, path: str):  # type: ignore[no-untyped-def]
    """A file at the root of the build; the service worker and the shell are never stale."""
    revalidate = path in REVALIDATE or (
        "/" not in path and path.startswith("workbox-") and path.endswith(".js")
    )
    response = send_from_directory(dist, path, max_age=0 if revalidate else 3600)
    content_type = CONTENT_TYPES.get(Path(path).suffix)
    if content_type:
        response.mimetype = content_type
    if revalidate:
        response.headers["Cache-Control"] = "no-cache"
    return response


@lru_cache(maxsize=256)
def _gzipped(file: str, mtime_ns: int, size: int) -> bytes:
    """A built file, gzipped once per worker (keyed by its mtime and size, so a rebuild shows)."""
    return gzip.compress(Path(file).read_bytes(), compresslevel=9, mtime=0)


def send_from_directory(directory: Path, name: str, max_age: int) -> Response:
    """Flask's, plus gzip for text files when the browser accepts it (as nginx's gzip would)."""
    response = _send_file(directory, name, max_age=max_age)
    if Path(name).suffix not in COMPRESSIBLE:
        return response
    response.vary.add("Accept-Encoding")
    if response.status_code != 200 or not request.accept_encodings["gzip"]:
        return response
    file = Path(safe_join(os.fspath(directory), name) or "")
    stat = file.stat()
    etag, _ = response.get_etag()
    response.close()  # the file handle send_file opened
    response.direct_passthrough = False
    response.set_data(_gzipped(str(file), stat.st_mtime_ns, stat.st_size))
    response.headers["Content-Encoding"] = "gzip"
    if etag:
        response.set_etag(etag, weak=True)  # same file, another encoding
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
