"""App-wide behaviour: OpenAPI, JSON errors, the public PWA shell, configuration."""

import pytest

from server import create_app
from server.config import ConfigError


def test_openapi_lists_the_api_and_is_public(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert "/api/v1/projects" in spec["paths"]
    assert "/api/v1/projects/import" in spec["paths"]
    assert "ProjectSummary" in spec["components"]["schemas"]


def test_unknown_api_path_is_json_404(client, make_user, login) -> None:
    login(make_user())
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


def test_api_requires_login_by_default(client) -> None:
    response = client.get("/api/v1/regions")
    assert (response.status_code, response.get_json()["code"]) == (401, "login_required")


def test_app_shell_is_public_and_client_routes_fall_back_to_it(app, client, tmp_path) -> None:
    (tmp_path / "index.html").write_text("<title>现场</title>", encoding="utf-8")
    app.config["PWA_DIST"] = str(tmp_path)
    assert "现场" in client.get("/projects/12").get_data(as_text=True)
    assert client.get("/").status_code == 200


def test_security_headers(client) -> None:
    response = client.get("/healthz")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_api_responses_are_not_cached(client) -> None:
    assert client.get("/api/v1/auth/me").headers["Cache-Control"] == "no-store"


def test_no_secret_no_app(monkeypatch) -> None:
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("SECRET_KEY_FILE", raising=False)
    with pytest.raises(ConfigError):
        create_app()


def test_secret_from_file(monkeypatch, tmp_path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text("from-a-file\n")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("SECRET_KEY_FILE", str(key_file))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    assert create_app().config["SECRET_KEY"] == "from-a-file"


def test_postgres_urls_use_psycopg3(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("SECRET_KEY", "k")
    monkeypatch.setenv("DATABASE_URL", "postgres://u@h/db")
    assert create_app().config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"


def test_huge_id_in_the_path_is_not_found(client, make_user, login) -> None:
    login(make_user())
    response = client.get("/api/v1/projects/99999999999999999999999")
    assert (response.status_code, response.get_json()["code"]) == (404, "not_found")


def test_openapi_numeric_bounds_are_numbers(client) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    found = []

    def walk(node, names: bool = False) -> None:  # type: ignore[no-untyped-def]
        # ``names``: the keys are property names (a checklist item has fields called minimum
        # and maximum), not schema keywords
        if isinstance(node, dict):
            if not names:
                found.extend(v for k, v in node.items() if k in ("minimum", "maximum"))
            for key, value in node.items():
                walk(value, names=not names and key == "properties")
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    assert found and all(isinstance(value, int | float) for value in found), found
    progress = spec["components"]["schemas"]["ProgressReportCreate"]["properties"]
    assert progress["progress_pct"]["maximum"] == 100  # was the string "100.0"


def test_string_ids_in_paths_refuse_control_characters(client, make_user, login) -> None:
    login(make_user())
    response = client.get("/api/v1/issues/a%00b")
    assert (response.status_code, response.get_json()["code"]) == (404, "not_found")


def test_openapi_documents_errors_as_they_are_answered(client) -> None:
    error = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]["Error"]
    assert error["properties"]["code"]["type"] == "string"  # flask-smorest's own: an integer
    assert set(error["required"]) == {"code", "message"}
