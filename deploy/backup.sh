#!/usr/bin/env bash
# Back up the database and every stored object (the media folder or the S3 bucket) into
# DEST_DIR/xianchang-<UTC time>/ with manifest.json (each table's row count and checksum, each
# object's SHA-256). SQLite is copied with its online backup API (WAL included), PostgreSQL with
# pg_dump of one exported snapshot. Run it as the app's user with the app's environment:
#   set -a; . /etc/xianchang/xianchang.env; set +a; deploy/backup.sh /backups
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/flask --app server backup create "${1:?usage: backup.sh DEST_DIR}"
