"""``flask --app server notifications remind``: due-soon and overdue reminders (cron)."""

from __future__ import annotations

from datetime import date

import click
from flask.cli import AppGroup

from core.joblock import BUSY, job_lock
from server.db import db
from server.notifications.recipients import local_today
from server.notifications.reminders import remind_all
from server.sqlite import writes_first

notifications_cli = AppGroup("notifications", help="通知 Notifications.")


@notifications_cli.command("remind")
@click.option("--today", "today", type=click.DateTime(["%Y-%m-%d"]), default=None)
def remind_command(today: object) -> None:
    """Write the reminders due today (safe to run any number of times, on any number of hosts:
    one at a time works, the others say so and exit 0)."""
    day: date = today.date() if today is not None else local_today()  # type: ignore[attr-defined]
    with job_lock(db.engine, "notifications remind") as mine, writes_first(mine):
        if not mine:
            click.echo(BUSY)
            return
        written = remind_all(db.session, day)
        db.session.commit()
    click.echo(f"新提醒 {written} 条（{day.isoformat()}）")
