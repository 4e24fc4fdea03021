"""Command line: ``flask --app server users create …`` and ``flask --app server demo load``."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from server.auth.services import create_user
from server.db import db
from server.errors import AppError
from server.regions.models import Region, Unit

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
    """Forget quiet login counters and login records older than --keep-days (run it hourly)."""
    from datetime import timedelta

    from server.auth import throttle
    from server.auth.services import prune_login_attempts

    at = throttle.now()
    counters = throttle.forget_quiet_counters(at)
    attempts = prune_login_attempts(at - timedelta(days=keep_days))
    db.session.commit()
    click.echo(
        f"已清理 {counters} 个登录计数、{attempts} 条登录记录 (removed {counters} counters, {attempts} attempts)"
    )


@users_cli.command("create")
@click.argument("username")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "supervisor", "inspector", "unit", "deputy"]),
)
@click.option("--password", required=True, help="至少 8 位")
@click.option("--display-name", default=None)
@click.option("--unit", "unit_code", default=None, help="单位编码 (role=unit)")
@click.option("--region", "region_name", default=None, help="所辖地区名称 (office users, deputies)")
@click.option("--township", "townships", multiple=True, help="负责乡镇 (inspectors), repeatable")
def create_user_command(
    username: str,
    role: str,
    password: str,
    display_name: str | None,
    unit_code: str | None,
    region_name: str | None,
    townships: tuple[str, ...],
) -> None:
    """Add a user."""
    unit = None
    if unit_code:
        unit = db.session.scalar(select(Unit).where(Unit.code == unit_code))
        if unit is None:
            raise click.ClickException(f"单位编码不存在: {unit_code}")
    region = None
    if region_name:
        region = db.session.scalars(select(Region).where(Region.name == region_name)).first()
        if region is None:
            raise click.ClickException(f"地区不存在: {region_name}")
    township_rows = []
    for name in townships:
        township = db.session.scalars(
            select(Region).where(Region.name == name, Region.level == "township")
        ).first()
        if township is None:
            raise click.ClickException(f"乡镇不存在: {name}")
        township_rows.append(township)
    try:
        user = create_user(username, password, role, display_name, unit, region, township_rows)
    except AppError as error:
        detail = f" {error.errors}" if error.errors else ""
        raise click.ClickException(f"{error.message_zh}{detail}") from error
    db.session.commit()
    click.echo(f"已创建用户 {user.username} ({user.role})")


@demo_cli.command("load")
def load_demo_command() -> None:
    """Load the demo counties built from the two reports (safe to run twice)."""
    from server.demo.loader import load_demo

    summary = load_demo()
    for line in summary:
        click.echo(line)


def init_app(app: Flask) -> None:
    from server.audit.cli import audit_cli
    from server.media.cli import media_cli
    from server.notifications.cli import notifications_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(media_cli)
    app.cli.add_command(templates_cli)
    app.cli.add_command(notifications_cli)
    app.cli.add_command(audit_cli)
