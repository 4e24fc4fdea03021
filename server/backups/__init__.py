"""Backups that restore: the database and every stored object, with a manifest of checksums.

``flask --app server backup create DIR`` writes ``DIR/xianchang-<time>/`` holding the database
(SQLite through its backup API, PostgreSQL through ``pg_dump`` of one exported snapshot), every
object of the media storage (local folder or S3 bucket) and ``manifest.json``: each table's row
count and checksum, each object's SHA-256. ``backup restore`` puts both back and then checks them
against the manifest; ``backup verify`` checks a running installation against a backup.
"""
