"""the tamper-evident audit trail (issue 12)

``audit_log`` holds one row per ledger event, each with the hash of its content and of the row
before it in its county's chain; ``audit_chain_heads`` the last row of each chain (its row lock
orders a county's writers). A published bulletin keeps the head it printed (``audit_seq``,
``audit_head``). Existing ledgers start their chains empty: the trail covers what happens next.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 15:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("chain", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
        sa.UniqueConstraint("chain", "seq", name=op.f("uq_audit_log_chain_seq")),
    )
    op.create_table(
        "audit_chain_heads",
        sa.Column("chain", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_chain_heads")),
    )
    with op.batch_alter_table("bulletins") as batch:
        batch.add_column(sa.Column("audit_seq", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("audit_head", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bulletins") as batch:
        batch.drop_column("audit_head")
        batch.drop_column("audit_seq")
    op.drop_table("audit_chain_heads")
    op.drop_table("audit_log")
