"""Xianchang (现场): the Flask application factory."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

MIGRATIONS_DIR = str(Path(__file__).parent / "migrations")


def _bounded_int() -> type:
    from werkzeug.routing import IntegerConverter

    class BoundedIntConverter(IntegerConverter):
        """``<int:…>`` in every route stops at the largest id a column holds: bigger is a 404."""

        def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]
            kwargs.setdefault("max", 2**31 - 1)
            super().__init__(map, *args, **kwargs)

    return BoundedIntConverter


def _printable_segment() -> type:
    from werkzeug.routing import UnicodeConverter

    class PrintableConverter(UnicodeConverter):
        """``<id>`` in every route: no control characters (a NUL reaching PostgreSQL is an
        error, not a miss), at most 200 characters; anything else is a 404."""

        regex = "[^/\\x00-\\x1f\\x7f]{1,200}"

        def __init__(self, map, *args, **kwargs):  # type: ignore[no-untyped-def]
            super().__init__(map, *args, **kwargs)
            self.regex = PrintableConverter.regex

    return PrintableConverter


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app from the environment, or from ``test_config`` when given (tests)."""
    from flask import Flask

    from server import (
        cli,
        errors,
        extensions,
        fields,
        security,
        synced,  # noqa: F401  (plugs every domain into the sync engine)
        web,
    )
    from server.config import BASE_CONFIG, load_config

    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    app.url_map.converters["int"] = _bounded_int()
    app.url_map.converters["default"] = app.url_map.converters["string"] = _printable_segment()
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(BASE_CONFIG)
    app.config.update(load_config(app.instance_path, secret_required=test_config is None))
    app.config.update(test_config or {})
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(days=app.config["SESSION_MAX_DAYS"])
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    if hops := app.config["TRUSTED_PROXIES"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # the client's address and scheme from the proxies' X-Forwarded-For/-Proto; never the
        # host (nginx passes Host itself, and a client could send X-Forwarded-Host)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]

    extensions.api.ERROR_SCHEMA = errors.ErrorSchema  # our {code, message}, not smorest's
    extensions.init_app(app)
    fields.document_numbers(extensions.api)
    errors.register_error_handlers(app)
    security.init_app(app)
    extensions.register_blueprints(app)
    web.init_app(app)
    cli.init_app(app)
    return app
