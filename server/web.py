"""Serve the built PWA: the app shell is public (it shows the login page itself)."""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, jsonify, request
from flask import send_from_directory as _send_file
from werkzeug.security import safe_join

from server.dashboard.tiles import tile_source

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
    if path and safe_join(os.fspath(dist), path) is None:
        abort(404)  # before looking at the disk: whether a file outside exists stays unknown
    if path and (dist / path).is_file():
        return _root_file(dist, path)
    if not (dist / "index.html").is_file():
        return (
            "<h1>现场</h1><p>前端尚未构建：请运行 <code>scripts/run-demo</code> "
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


def content_security_policy(config: Mapping[str, Any]) -> str:
    """Scripts, style sheets, workers and requests from this origin only (the built PWA has no
    inline script or style element); images also from blobs (photos kept on the phone), data
    URLs (Leaflet's small icons) and the configured map tiles' hosts."""
    images = ["'self'", "blob:", "data:", *_tile_hosts(config), *_photo_hosts(config)]
    return "; ".join(
        (
            "default-src 'self'",
            f"img-src {' '.join(images)}",
            "connect-src 'self'",
            "worker-src 'self'",
            "style-src 'self'",
            # ECharts writes its tooltips as HTML with style attributes (no <style>, no script)
            "style-src-attr 'unsafe-inline'",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


def _photo_hosts(config: Mapping[str, Any]) -> list[str]:
    """Where photos are read from when the object store serves them (presigned redirects):
    the public S3 endpoint's origin, or AWS's hosts."""
    if config.get("MEDIA_STORAGE") != "s3" or int(config.get("MEDIA_REDIRECT_SECONDS", 300)) <= 0:
        return []
    endpoint = config.get("S3_PUBLIC_ENDPOINT_URL") or config.get("S3_ENDPOINT_URL")
    if not endpoint:
        return ["https://*.amazonaws.com"]
    url = urlsplit(endpoint)
    return [f"{url.scheme}://{url.netloc}"]


def _tile_hosts(config: Mapping[str, Any]) -> list[str]:
    """``https://*.tianditu.gov.cn`` for t0…t7.tianditu.gov.cn, or an XYZ URL's origin."""
    hosts = []
    for layer in tile_source(config)["layers"]:
        url = urlsplit(layer["url"])
        host = re.sub(r"^[^.]*\{[a-z]\}[^.]*\.", "*.", url.netloc)
        if url.scheme in ("http", "https") and host:
            hosts.append(f"{url.scheme}://{host}")
    return sorted(set(hosts))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)

    @app.after_request
    def content_security(response: Response) -> Response:
        response.headers.setdefault(
            "Content-Security-Policy", content_security_policy(current_app.config)
        )
        return response
