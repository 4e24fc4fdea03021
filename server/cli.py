"""Command line: ``flask --app server users create …`` and ``flask --app server demo load``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from server.auth.models import User
from server.auth.services import create_user, one_time_password, reset_password
from server.db import db
from server.regions.cli import refusing, regions_cli, units_cli
from server.regions.models import Unit
from server.regions.services import find_region

users_cli = AppGroup("users", help="管理账号 Manage accounts.")
demo_cli = AppGroup("demo", help="演示数据 Demo data.")
templates_cli = AppGroup("templates", help="检查表 Checklist templates.")


@templates_cli.command("load")
def load_templates_command() -> None:
    """Create the default checklists that are missing (safe to run twice)."""
    from server.inspections.templates import ensure_default_templates

    created = ensure_default_templates(db.session)
    db.session.commit()
    click.echo(f"新建检查表 {len(created)} 张")


@users_cli.command("prune-logins")
@click.option("--keep-days", default=90, show_default=True, help="登录记录保留天数")
def prune_logins_command(keep_days: int) -> None:
    """Forget quiet login counters and login records older than --keep-days (cron runs it hourly
    on every host: one at a time works, the others say so and exit 0)."""
    from datetime import timedelta

    from core.joblock import BUSY, job_lock
    from server.auth import throttle
    from server.auth.services import prune_login_attempts
    from server.sqlite import writes_first
    from sync.errors import is_transient

    with job_lock(db.engine, "users prune-logins") as mine, writes_first(mine):
        if not mine:
            click.echo(BUSY)
            return
        for attempt in range(3):
            at = throttle.now()
            try:
                counters = throttle.forget_quiet_counters(at)
                attempts = prune_login_attempts(at - timedelta(days=keep_days))
                db.session.commit()
                break
            except Exception as error:
                # a login updating a counter this delete locks may deadlock with it: try again
                db.session.rollback()
                if attempt == 2 or not is_transient(error):
                    raise
    click.echo(
        f"已清理 {counters} 个登录计数、{attempts} 条登录记录（removed {counters} counters, {attempts} attempts）"
    )


@users_cli.command("create")
@click.argument("username")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "supervisor", "inspector", "unit", "deputy"]),
)
@click.option("--password", default=None, help="至少 8 位；不填则生成一次性密码，首次登录须修改")
@click.option("--display-name", default=None)
@click.option("--unit", "unit_code", default=None, help="单位编码（role=unit）")
@click.option(
    "--region", "region_name", default=None, help="所辖地区：名称或路径（office users, deputies）"
)
@click.option(
    "--township", "townships", multiple=True, help="负责乡镇：名称或路径（inspectors），repeatable"
)
def create_user_command(
    username: str,
    role: str,
    password: str | None,
    display_name: str | None,
    unit_code: str | None,
    region_name: str | None,
    townships: tuple[str, ...],
) -> None:
    """Add a user; without --password, print a one-time password the user must change."""
    unit = None
    if unit_code:
        unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
        if unit is None:
            raise click.ClickException(f"单位编码不存在：{unit_code}")
    one_time = one_time_password() if password is None else None

    def make() -> User:
        region = find_region(region_name) if region_name else None
        township_rows = [find_region(name, level="township") for name in townships]
        return create_user(
            username,
            password or one_time or "",
            role,
            display_name,
            unit,
            region,
            township_rows,
            must_change_password=one_time is not None,
        )

    user = refusing(make)
    db.session.commit()
    click.echo(f"已创建用户 {user.username} ({user.role})")
    if one_time is not None:
        click.echo(f"一次性密码（首次登录须修改）：{one_time}")


@users_cli.command("list")
def list_users_command() -> None:
    """Print every account: username, role, its region, townships or unit, and its state."""
    for user in db.session.scalars(select(User).order_by(User.role, User.username)):
        scope = user.unit.name if user.unit else (user.region.name if user.region else "")
        scope = "、".join(t.name for t in user.townships) or scope or "全部"
        state = "停用" if not user.active else ("待改密码" if user.must_change_password else "")
        click.echo("\t".join([user.username, user.role, scope, state]).rstrip())


@users_cli.command("reset-password")
@click.argument("username")
def reset_password_command(username: str) -> None:
    """Give an account a one-time password (printed) its user must change at next login; the
    way back in for an administrator who forgot theirs."""
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        raise click.ClickException(f"用户不存在：{username}")
    password = reset_password(user)
    db.session.commit()
    click.echo(f"已重置 {user.username} 的密码，该账号已在所有设备上退出")
    click.echo(f"一次性密码（首次登录须修改）：{password}")


@demo_cli.command("load")
def load_demo_command() -> None:
    """Load the demo counties built from the two reports (safe to run twice)."""
    from server.demo.loader import load_demo

    summary = load_demo()
    for line in summary:
        click.echo(line)


@demo_cli.command("history")
def demo_history_command() -> None:
    """Generate the demo counties' 2023 field history through the API (after ``demo load``;
    deterministic; a county whose history exists is skipped)."""
    from flask import current_app

    from server.demo.history import generate_history
    from server.demo.loader import DEMO_PASSWORD

    for line in generate_history(current_app._get_current_object(), DEMO_PASSWORD):  # type: ignore[attr-defined]
        click.echo(line)


def init_app(app: Flask) -> None:
    from server.audit.cli import audit_cli
    from server.backups.cli import backup_cli
    from server.media.cli import media_cli
    from server.notifications.cli import notifications_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(regions_cli)
    app.cli.add_command(units_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(media_cli)
    app.cli.add_command(templates_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(audit_cli)
    app.cli.add_command(backup_cli)
