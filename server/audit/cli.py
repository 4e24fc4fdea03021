"""``flask --app server audit verify [--county NAME]``: walk the audit chains."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import click
from flask import current_app
from flask.cli import AppGroup

from server.audit import services
from server.audit.verify import Break
from server.db import db
from server.regions.models import Region

audit_cli = AppGroup("audit", help="审计链 Audit trail.")


def _where(broken: Break) -> str:
    chain = db.session.get(Region, broken.chain) if broken.chain else None
    name = chain.name if chain is not None else "无县"
    named = broken.named()
    if named is None:
        return f"{name}链 第 {broken.seq} 条"
    row_id, table, at = named
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    local = at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")
    return f"{name}链 第 {broken.seq} 条（id {row_id}，表 {table}，时间 {local}）"


@audit_cli.command("verify")
@click.option("--county", default=None, help="只查这个县的链（县名）")
def verify_command(county: str | None) -> None:
    """Recompute every row's hash and link; exit 1 at the first row that does not hold."""
    chains = None
    if county is not None:
        region = services.find_county(db.session, county)
        if region is None:
            click.echo(f"没有名为“{county}”的县", err=True)
            raise SystemExit(2)
        chains = [region.id]
    result = services.verify_chains(db.session, chains)
    if result.broken is not None:
        click.echo(f"审计链断裂：{_where(result.broken)} {result.broken.reason}", err=True)
        raise SystemExit(1)
    click.echo(f"审计链完整：{result.count} 条")


@audit_cli.command("seal")
def seal_command() -> None:
    """Seal rows a killed process left unsealed (safe on every host at once: each chain's head
    is locked while it is extended)."""
    sealed = services.seal_chains(db.session)
    click.echo(f"已封存 {sealed} 条审计记录")
