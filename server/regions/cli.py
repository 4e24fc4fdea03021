"""``flask --app server regions create …`` and ``units create …``: set up a county on a fresh
install. Each prints the new row's id; a refusal prints its Chinese message and exits 1."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from flask.cli import AppGroup

from server.db import db
from server.errors import AppError
from server.regions.models import REGION_LEVELS
from server.regions.services import add_region, find_region, full_name, region_tree
from server.regions.units import create_unit

regions_cli = AppGroup("regions", help="地区 Regions.")
units_cli = AppGroup("units", help="责任单位 Responsible units.")


def refusing(make: Callable[[], Any]) -> Any:
    """Run ``make``; an AppError becomes the CLI's error (its Chinese message, exit 1)."""
    try:
        return make()
    except AppError as error:
        db.session.rollback()
        detail = f" {error.errors}" if error.errors else ""
        raise click.ClickException(f"{error.message_zh}{detail}") from error


@regions_cli.command("create")
@click.argument("name")
@click.option("--level", required=True, type=click.Choice(REGION_LEVELS), help="层级")
@click.option("--parent", default=None, help="上级地区：名称，重名时写路径「浙江省/丽水市」")
@click.option("--code", default=None, help="行政区划代码")
def create_region_command(name: str, level: str, parent: str | None, code: str | None) -> None:
    """Add a region under its parent; prints its id."""

    def make() -> Any:
        above = find_region(parent) if parent else None
        return add_region(name, level, above, code)

    region = refusing(make)
    db.session.commit()
    click.echo(region.id)
    click.echo(f"已创建 {full_name(region)} (id {region.id})", err=True)


@regions_cli.command("tree")
@click.option("--root", default=None, help="只列出此地区及其下级：名称或路径")
def tree_command(root: str | None) -> None:
    """Print the regions as an indented tree: name, level, code and id."""
    top = refusing(lambda: find_region(root)) if root else None
    lines: list[str] = []

    def walk(nodes: list[dict[str, Any]], depth: int) -> None:
        for node in nodes:
            code = f" {node['code']}" if node["code"] else ""
            lines.append(f"{'  ' * depth}{node['name']} [{node['level']}{code}] id {node['id']}")
            walk(node["children"], depth + 1)

    walk(region_tree(top), 0)
    click.echo("\n".join(lines) if lines else "（还没有地区）")


@units_cli.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--county", required=True, help="所属县（区）：名称或路径")
@click.option("--contact", default=None, help="联系人")
@click.option("--phone", default=None, help="联系电话")
def create_unit_command(
    code: str, name: str, county: str, contact: str | None, phone: str | None
) -> None:
    """Add a responsible unit to a county; prints its id."""
    unit = refusing(lambda: create_unit(code, name, find_region(county), contact, phone))
    db.session.commit()
    click.echo(unit.id)
    click.echo(f"已创建单位 {unit.code} {unit.name} (id {unit.id})", err=True)
