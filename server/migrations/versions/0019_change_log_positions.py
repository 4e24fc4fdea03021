"""change_log rows carry their writing transaction's id: pull orders by (xid, seq) without a lock

Rows written before this read xid 0, so they keep their order and come before every new row: a
phone's old cookie (a sequence number) is the position (0, seq + 1). On PostgreSQL the column
defaults to ``pg_current_xact_id()``; SQLite keeps 0 (its one writer commits in sequence order).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_log") as batch:
        batch.add_column(
            sa.Column("xid", sa.BigInteger(), server_default=sa.text("0"), nullable=False)
        )
    if op.get_bind().dialect.name == "postgresql":
        # after the column exists, so that the rows already there keep 0
        op.execute(
            "ALTER TABLE change_log ALTER COLUMN xid SET DEFAULT (pg_current_xact_id()::text::bigint)"
        )
    op.create_index("ix_change_log_position", "change_log", ["xid", "seq"])


def downgrade() -> None:
    op.drop_index("ix_change_log_position", table_name="change_log")
    with op.batch_alter_table("change_log") as batch:
        batch.drop_column("xid")
