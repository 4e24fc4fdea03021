"""Configuration from environment variables.

Nothing secret has a default: ``SECRET_KEY`` (or ``SECRET_KEY_FILE``) must be given, except when a
test passes its own configuration.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


class ConfigError(RuntimeError):
    """The environment does not describe a runnable configuration."""


def _secret_key(required: bool) -> str | None:
    if value := os.environ.get("SECRET_KEY"):
        return value
    if path := os.environ.get("SECRET_KEY_FILE"):
        key = Path(path).read_text(encoding="utf-8").strip()
        if key:
            return key
    if not required:
        return None
    raise ConfigError(
        "SECRET_KEY is not set. Set SECRET_KEY or SECRET_KEY_FILE "
        "(scripts/run-demo generates one in instance/ for the demo)."
    )


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _engine_options(url: str) -> dict[str, Any]:
    """Each process's connection pool, sized to its request threads (deploy/gunicorn.conf.py):
    a thread holds one connection at a time, a few spare cover a request that briefly holds a
    second. Connections per host = workers × (DB_POOL_SIZE + DB_MAX_OVERFLOW): keep the sum
    over hosts under PostgreSQL's max_connections, or put PgBouncer in between (deploy/SIZING.md)."""
    if not url.startswith("postgresql"):
        return {"pool_pre_ping": True}  # SQLite: one writer, SQLAlchemy's own pool
    threads = _int("GUNICORN_THREADS", 4)
    options: dict[str, Any] = {
        "pool_pre_ping": True,
        "pool_size": _int("DB_POOL_SIZE", threads + 1),
        "max_overflow": _int("DB_MAX_OVERFLOW", 4),
        "pool_timeout": _int("DB_POOL_TIMEOUT", 30),
    }
    if os.environ.get("PGBOUNCER") == "1":
        # transaction pooling hands each transaction any server connection: psycopg must not
        # keep statements prepared on one
        options["connect_args"] = {"prepare_threshold": None}
    return options


def load_config(instance_path: str, secret_required: bool = True) -> dict[str, Any]:
    """Read the configuration from the environment (tests pass their own secret)."""
    default_db = f"sqlite:///{Path(instance_path) / 'xianchang.db'}"
    database_url = normalise_database_url(os.environ.get("DATABASE_URL", default_db))
    return {
        "SECRET_KEY": _secret_key(secret_required),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SQLALCHEMY_ENGINE_OPTIONS": _engine_options(database_url),
        "MEDIA_ROOT": os.environ.get("MEDIA_ROOT", str(Path(instance_path) / "media")),
        # photos: "local" (files under MEDIA_ROOT) or "s3" (S3-compatible object storage)
        "MEDIA_STORAGE": os.environ.get("MEDIA_STORAGE", "local"),
        "S3_BUCKET": os.environ.get("S3_BUCKET"),
        "S3_ENDPOINT_URL": os.environ.get("S3_ENDPOINT_URL"),
        "S3_ACCESS_KEY_ID": os.environ.get("S3_ACCESS_KEY_ID"),
        "S3_SECRET_ACCESS_KEY": os.environ.get("S3_SECRET_ACCESS_KEY"),
        "S3_REGION": os.environ.get("S3_REGION", "us-east-1"),
        "S3_PUBLIC_ENDPOINT_URL": os.environ.get("S3_PUBLIC_ENDPOINT_URL"),
        "MEDIA_REDIRECT_SECONDS": _int("MEDIA_REDIRECT_SECONDS", 300),
        # tus uploads: largest photo accepted, and how long an idle upload is kept
        "MAX_PHOTO_BYTES": _int("MAX_PHOTO_BYTES", 30 * 1024 * 1024),
        "UPLOAD_EXPIRY_HOURS": _int("UPLOAD_EXPIRY_HOURS", 24),
        # unfinished (staged) uploads one user may have at a time, and their declared bytes
        "MAX_STAGED_UPLOADS": _int("MAX_STAGED_UPLOADS", 20),
        "MAX_STAGED_MB": _int("MAX_STAGED_MB", 200),
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "0") == "1",
        "SCHEDULE_BAND": _int("SCHEDULE_BAND", 10),
        # photo evidence (server/media/evidence.py): a flag fires strictly beyond each threshold
        "EVIDENCE_FAR_M": _int("EVIDENCE_FAR_M", 500),
        "EVIDENCE_TIME_GAP_SECONDS": _int("EVIDENCE_TIME_GAP_SECONDS", 900),
        "POOR_ACCURACY_M": _int("POOR_ACCURACY_M", 100),
        "SIMILAR_PHASH_BITS": _int("SIMILAR_PHASH_BITS", 6),
        # EXIF DateTime (saved) this long after DateTimeOriginal (taken): edited afterwards
        "EVIDENCE_EDIT_GAP_SECONDS": _int("EVIDENCE_EDIT_GAP_SECONDS", 60),
        # the office sees the received time too when it is this far from the action time
        "TIMES_APART_MINUTES": _int("TIMES_APART_MINUTES", 60),
        # proxy hops in front of the app (nginx: 1): the client's address is then the real one
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        # logins: failures per account from one device or IP, per IP, per account from unknown
        # devices (all within the window); each limit blocks for LOGIN_BLOCK_SECONDS, doubling
        # with every block up to LOGIN_BLOCK_MAX_SECONDS
        "LOGIN_MAX_FAILURES": _int("LOGIN_MAX_FAILURES", 5),
        "LOGIN_MAX_FAILURES_PER_IP": _int("LOGIN_MAX_FAILURES_PER_IP", 30),
        "LOGIN_MAX_FAILURES_PER_ACCOUNT": _int("LOGIN_MAX_FAILURES_PER_ACCOUNT", 20),
        "LOGIN_WINDOW_SECONDS": _int("LOGIN_WINDOW_SECONDS", 900),
        "LOGIN_BLOCK_SECONDS": _int("LOGIN_BLOCK_SECONDS", 60),
        "LOGIN_BLOCK_MAX_SECONDS": _int("LOGIN_BLOCK_MAX_SECONDS", 3600),
        "KNOWN_DEVICE_DAYS": _int("KNOWN_DEVICE_DAYS", 180),
        "SESSION_IDLE_DAYS": _int("SESSION_IDLE_DAYS", 14),
        "SESSION_MAX_DAYS": _int("SESSION_MAX_DAYS", 30),
        "TIMEZONE": os.environ.get("TIMEZONE", "Asia/Shanghai"),
        # a phone's time up to this far ahead of the server's is ordinary drift (server/clock.py)
        "CLOCK_SKEW_MINUTES": _int("CLOCK_SKEW_MINUTES", 5),
        # per user and hour: comments on problems, and conflicting moves kept on them
        "ISSUE_COMMENTS_PER_HOUR": _int("ISSUE_COMMENTS_PER_HOUR", 60),
        "ISSUE_CONFLICTS_PER_HOUR": _int("ISSUE_CONFLICTS_PER_HOUR", 30),
        # a deputy's 不满意 sends a closed problem back to 整改中 with this many days to fix it
        "REPORT_REOPEN_DAYS": _int("REPORT_REOPEN_DAYS", 15),
        # the office's map: MAP_TILES = none (points on a plain background with a scale),
        # tianditu (天地图, needs TIANDITU_KEY) or xyz (MAP_TILE_URL, {z}/{x}/{y} template)
        "MAP_TILES": os.environ.get("MAP_TILES", "none"),
        "TIANDITU_KEY": os.environ.get("TIANDITU_KEY", ""),
        "MAP_TILE_URL": os.environ.get("MAP_TILE_URL", ""),
        "PWA_DIST": os.environ.get("PWA_DIST", str(Path(__file__).parent.parent / "pwa" / "dist")),
        "MAX_CONTENT_LENGTH": _int("MAX_UPLOAD_MB", 32) * 1024 * 1024,
        # sync: the largest arguments of one mutation, and the largest push request
        "SYNC_MAX_ARGS_BYTES": _int("SYNC_MAX_ARGS_KB", 64) * 1024,
        "SYNC_PUSH_MAX_BYTES": _int("SYNC_PUSH_MAX_MB", 8) * 1024 * 1024,
    }


# the rules the phone repeats, by the name it knows them under (GET /auth/me's ``rules``); its
# offline fallback is pwa/src/lib/rules.json, which tests/test_rules.py holds to these defaults
PHONE_RULES = {
    "far_from_site_m": "EVIDENCE_FAR_M",
    "time_gap_s": "EVIDENCE_TIME_GAP_SECONDS",
    "poor_accuracy_m": "POOR_ACCURACY_M",
    "similar_phash_bits": "SIMILAR_PHASH_BITS",
    "schedule_band": "SCHEDULE_BAND",
    "times_apart_minutes": "TIMES_APART_MINUTES",
}


def phone_rules(config: Any) -> dict[str, int]:
    """The thresholds the phone applies too, from this server's configuration."""
    return {name: int(config[key]) for name, key in PHONE_RULES.items()}


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgres://`` / ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


BASE_CONFIG: dict[str, Any] = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "xc_session",
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "JSON_AS_ASCII": False,
    "API_TITLE": "Xianchang 现场 API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    # OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): see server/auth/passwords.py
    "ARGON2_TIME_COST": 2,
    "ARGON2_MEMORY_COST": 19456,
    "ARGON2_PARALLELISM": 1,
    "PASSWORD_HASH_CONCURRENCY": 1,
}
