"""audit_log rows are written unsealed and linked into their chain right after commit

A writer inserts its audit rows with no ``seq``, ``prev_hash`` or ``hash`` and takes no lock; a
sealer that holds the chain's head (``FOR UPDATE SKIP LOCKED``) numbers and links every
committed unsealed row (server/audit/sealing.py). The partial index finds the unsealed rows.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08 00:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=True)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=True)
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=True)
    op.create_index(
        "ix_audit_log_unsealed",
        "audit_log",
        ["chain", "id"],
        postgresql_where=sa.text("seq IS NULL"),
        sqlite_where=sa.text("seq IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_audit_log_unsealed", table_name="audit_log")
    # rows still unsealed cannot be kept under NOT NULL: seal them first (flask audit seal)
    with op.batch_alter_table("audit_log") as batch:
        batch.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("seq", existing_type=sa.Integer(), nullable=False)
