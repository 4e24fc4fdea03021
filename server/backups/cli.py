"""``flask --app server backup create|restore|verify``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from server.backups.database import BackupError

backup_cli = AppGroup("backup", help="备份与恢复 Backups that restore.")


def _report(problems: list[str], ok: str) -> None:
    if problems:
        for line in problems:
            click.echo(line, err=True)
        raise SystemExit(1)
    click.echo(ok)


@backup_cli.command("create")
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
def create_command(dest: Path) -> None:
    """Back up the database and every stored object into DEST/xianchang-<time>/."""
    from server.backups.services import create_backup, read_manifest

    try:
        folder = create_backup(current_app, dest)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    manifest = read_manifest(folder)
    rows = sum(t["rows"] for t in manifest["database"]["tables"].values())
    click.echo(f"备份完成：{rows} 行记录，{len(manifest['objects'])} 个对象（backup written）")
    click.echo(str(folder))


@backup_cli.command("restore")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="不再询问，直接覆盖当前数据 Overwrite without asking.")
def restore_command(src: Path, yes: bool) -> None:
    """Replace the database and objects by the backup in SRC, then check them (stop the app first)."""
    from server.backups.services import restore_backup

    if not yes:
        click.confirm("恢复将覆盖当前数据库，应用须已停止。继续？", abort=True)
    try:
        problems = restore_backup(current_app, src)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    _report(problems, f"已恢复并核对一致（restored and verified）：{src}")


@backup_cli.command("verify")
@click.argument("src", type=click.Path(exists=True, file_okay=False, path_type=Path))
def verify_command(src: Path) -> None:
    """Check that the database and objects now equal the backup in SRC."""
    from server.backups.services import verify_backup

    try:
        problems = verify_backup(current_app, src)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    _report(problems, "与备份一致（equal to the backup）")
