"""Serving the built PWA: the service worker at the root scope, never stale; the shell fallback."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest


@pytest.fixture
def dist(app, tmp_path: Path) -> Path:
    """A minimal build: the shell, a service worker, a workbox chunk, the manifest and an icon."""
    root = tmp_path / "dist"
    (root / "icons").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_text("<title>现场</title>", encoding="utf-8")
    (root / "sw.js").write_text("self.addEventListener('fetch', () => {});", encoding="utf-8")
    (root / "workbox-4b126c97.js").write_text("define([], () => {});", encoding="utf-8")
    (root / "manifest.webmanifest").write_text('{"name": "现场"}', encoding="utf-8")
    (root / "icons" / "icon-192.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "assets" / "index-abc.js").write_text("console.log(1)", encoding="utf-8")
    app.config["PWA_DIST"] = str(root)
    return root


@pytest.mark.parametrize("path", ["/sw.js", "/workbox-4b126c97.js"])
def test_service_worker_is_javascript_at_the_root_and_revalidated(client, dist, path) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "Service-Worker-Allowed" not in response.headers  # the root scope needs no widening


def test_manifest_has_its_media_type_and_is_revalidated(client, dist) -> None:
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    assert response.headers["Cache-Control"] == "no-cache"


def test_index_html_by_name_is_revalidated_like_the_fallback(client, dist) -> None:
    assert client.get("/index.html").headers["Cache-Control"] == "no-cache"
    assert client.get("/tasks/7").headers["Cache-Control"] == "no-cache"


def test_icons_are_cached_for_an_hour_and_hashed_assets_for_a_year(client, dist) -> None:
    assert client.get("/icons/icon-192.png").headers["Cache-Control"] == "public, max-age=3600"
    assert "immutable" in client.get("/assets/index-abc.js").headers["Cache-Control"]


def test_a_workbox_name_below_the_root_is_an_ordinary_file(client, dist) -> None:
    (dist / "icons" / "workbox-x.js").write_text("x", encoding="utf-8")
    assert client.get("/icons/workbox-x.js").headers["Cache-Control"] == "public, max-age=3600"


def test_api_paths_never_fall_back_to_the_shell(client, dist) -> None:
    response = client.get("/api/v1/sw.js")
    assert response.status_code == 404
    assert response.is_json


def test_text_files_are_gzipped_for_browsers_that_accept_it(client, dist) -> None:
    body = "console.log('现场');" * 200
    (dist / "assets" / "big-abc.js").write_text(body, encoding="utf-8")
    response = client.get("/assets/big-abc.js", headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert response.mimetype == "text/javascript"
    assert gzip.decompress(response.data).decode() == body
    assert int(response.headers["Content-Length"]) == len(response.data) < len(body.encode())


def test_no_gzip_unless_accepted_and_never_for_images(client, dist) -> None:
    plain = client.get("/assets/index-abc.js")
    assert "Content-Encoding" not in plain.headers
    assert plain.get_data(as_text=True) == "console.log(1)"
    icon = client.get("/icons/icon-192.png", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in icon.headers


def test_the_gzipped_service_worker_still_revalidates_to_304(client, dist) -> None:
    first = client.get("/sw.js", headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip"
    assert first.headers["Cache-Control"] == "no-cache"
    again = client.get(
        "/sw.js", headers={"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize("name", ["secret.txt", "nope.txt"])
def test_a_path_out_of_the_build_is_404_whether_or_not_the_file_exists(client, dist, name) -> None:
    (dist.parent / "secret.txt").write_text("不该被看到", encoding="utf-8")
    response = client.get(f"/..%2f{name}")
    assert response.status_code == 404  # the shell (200) for a missing file told them apart
    assert "不该被看到" not in response.get_data(as_text=True)


def test_every_response_carries_the_content_security_policy(client, dist) -> None:
    for path in ("/", "/sw.js", "/api/v1/auth/me", "/healthz"):
        policy = client.get(path).headers["Content-Security-Policy"]
        directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert "script-src" not in directives  # scripts fall back to default-src: no inline
        assert directives["style-src"] == "'self'"
        assert directives["style-src-attr"] == "'unsafe-inline'"  # chart tooltips' attributes
        assert directives["frame-ancestors"] == "'none'"
        assert directives["img-src"] == "'self' blob: data:"


def test_the_policy_lets_the_map_load_the_configured_tiles(app, client, dist) -> None:
    app.config.update(MAP_TILES="tianditu", TIANDITU_KEY="k")
    policy = client.get("/").headers["Content-Security-Policy"]
    assert "img-src 'self' blob: data: https://*.tianditu.gov.cn;" in policy
    assert "connect-src 'self';" in policy
