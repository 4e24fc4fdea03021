"""``flask --app server media cleanup``: remove expired tus uploads and their staged bytes."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from server.db import db

media_cli = AppGroup("media", help="照片存储 Photo storage.")


@media_cli.command("cleanup")
def cleanup_command() -> None:
    """Remove expired uploads (run it from cron or a systemd timer, e.g. hourly)."""
    from server.media.storage import get_staging
    from server.media.uploads import UploadSettings, cleanup_expired

    settings = UploadSettings.from_config(current_app.config)
    removed = cleanup_expired(db.session, get_staging(), settings.expiry)
    click.echo(f"已清理 {removed} 个过期上传（removed {removed} expired uploads）")
