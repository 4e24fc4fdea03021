"""projects belong to a year's batch (年度) and remember the day they entered the ledger

A county votes its livelihood projects each year (2023年民生实事项目); bulletins, lists and the
dashboard count one batch, so importing next year's projects never changes a past period's
figures. The same code may now appear once per batch year (a project carried into the next
batch is a new row, linked by ``carried_from_id``).

Existing projects get their batch year from the first four-digit year 20xx in their code (a
ledger's codes usually carry it: "TS2023-001", "2024-017"), else the year of their first
progress report, of their planned completion, of their start, else this year; ``added_on`` from
their first progress report (none: they count in every period, as before).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 18:10:00.000000

"""

import re
from datetime import date

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_YEAR_IN_CODE = re.compile(r"(20\d\d)")


def _year(code: str, *dates: date | str | None) -> int:
    found = _YEAR_IN_CODE.search(code or "")
    if found:
        return int(found[1])
    for day in dates:
        if day:
            return int(str(day)[:4])
    return date.today().year


def _backfill() -> None:
    connection = op.get_bind()
    projects = sa.table(
        "projects",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("start_date", sa.Date),
        sa.column("planned_completion_date", sa.Date),
        sa.column("batch_year", sa.Integer),
        sa.column("added_on", sa.Date),
    )
    reports = sa.table(
        "progress_reports", sa.column("project_id", sa.Integer), sa.column("report_date", sa.Date)
    )
    first_report = dict(
        connection.execute(
            sa.select(reports.c.project_id, sa.func.min(reports.c.report_date)).group_by(
                reports.c.project_id
            )
        ).all()
    )
    rows = connection.execute(
        sa.select(
            projects.c.id,
            projects.c.code,
            projects.c.start_date,
            projects.c.planned_completion_date,
        )
    ).all()
    for project_id, code, start, planned in rows:
        first = first_report.get(project_id)
        connection.execute(
            projects.update()
            .where(projects.c.id == project_id)
            .values(batch_year=_year(code, first, planned, start), added_on=first)
        )


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("batch_year", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("added_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("carried_from_id", sa.Integer(), nullable=True))
    _backfill()
    with op.batch_alter_table("projects") as batch:
        batch.alter_column("batch_year", existing_type=sa.Integer(), nullable=False)
        batch.drop_constraint("uq_projects_county_id_code", type_="unique")
        batch.create_unique_constraint(
            "uq_projects_county_id_batch_year_code", ["county_id", "batch_year", "code"]
        )
        batch.create_index("ix_projects_batch_year", ["batch_year"])
        batch.create_foreign_key(
            "fk_projects_carried_from_id_projects", "projects", ["carried_from_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_constraint("fk_projects_carried_from_id_projects", type_="foreignkey")
        batch.drop_index("ix_projects_batch_year")
        batch.drop_constraint("uq_projects_county_id_batch_year_code", type_="unique")
        batch.create_unique_constraint("uq_projects_county_id_code", ["county_id", "code"])
        batch.drop_column("carried_from_id")
        batch.drop_column("added_on")
        batch.drop_column("batch_year")
