"""Serve the built PWA: the app shell is public (it shows the login page itself)."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, jsonify, send_from_directory

bp = Blueprint("web", __name__)


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
        return send_from_directory(dist, path, max_age=3600)
    if not (dist / "index.html").is_file():
        return (
            "<h1>现场</h1><p>前端尚未构建:请运行 <code>scripts/run-demo</code> "
            "或 <code>npm --prefix pwa run build</code>。</p>",
            503,
        )
    response = send_from_directory(dist, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
