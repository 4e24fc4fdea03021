"""``flask --app server media cleanup``: remove expired tus uploads and their staged bytes."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from core.joblock import BUSY, job_lock
from server.db import db
from server.sqlite import writes_first

media_cli = AppGroup("media", help="照片存储 Photo storage.")


@media_cli.command("cleanup")
def cleanup_command() -> None:
    """Remove expired uploads (cron runs it hourly on every host: one host at a time works,
    the others say so and exit 0)."""
    from server.media.storage import get_staging
    from server.media.uploads import UploadSettings, cleanup_expired

    with job_lock(db.engine, "media cleanup") as mine, writes_first(mine):
        if not mine:
            click.echo(BUSY)
            return
        settings = UploadSettings.from_config(current_app.config)
        removed = cleanup_expired(db.session, get_staging(), settings.expiry)
    click.echo(f"已清理 {removed} 个过期上传（removed {removed} expired uploads）")
