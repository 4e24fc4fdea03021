"""voided slips and an index for per-user event limits

改派 (re-assigning a problem) issues a new slip and voids the one in force: ``voided_at`` marks
it. The per-user limits on comments and conflicting moves count a user's recent events of one
kind (``actor_id, kind, at``).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 11:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("assignment_slips") as batch:
        batch.add_column(sa.Column("voided_at", sa.DateTime(), nullable=True))
    op.create_index("ix_issue_events_actor_id_kind_at", "issue_events", ["actor_id", "kind", "at"])


def downgrade():
    op.drop_index("ix_issue_events_actor_id_kind_at", table_name="issue_events")
    with op.batch_alter_table("assignment_slips") as batch:
        batch.drop_column("voided_at")
