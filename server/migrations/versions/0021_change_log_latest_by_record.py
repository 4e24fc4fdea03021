"""change_log's index by record carries the sequence: a full copy finds each record's latest row
with one index probe per row it reads (sync.pull), instead of grouping the whole log per page

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-08 00:40:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_log_entity_seq", "change_log", ["entity_type", "entity_id", "seq"])
    op.drop_index("ix_change_log_entity", table_name="change_log")


def downgrade() -> None:
    op.create_index("ix_change_log_entity", "change_log", ["entity_type", "entity_id"])
    op.drop_index("ix_change_log_entity_seq", table_name="change_log")
