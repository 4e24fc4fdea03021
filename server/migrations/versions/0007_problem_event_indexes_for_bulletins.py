"""problem event indexes for bulletins

The bulletin reads each problem's state and deadline back from its events as of a day: the
events after the day (``at``), one step back per changed problem (``issue_id, at, id``) and the
moves to 已整改 / 销号 within the period (``to_state, at``).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 12:00:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_issue_events_at": ["at"],
    "ix_issue_events_issue_id_at_id": ["issue_id", "at", "id"],
    "ix_issue_events_to_state_at": ["to_state", "at"],
}


def upgrade():
    for name, columns in INDEXES.items():
        op.create_index(name, "issue_events", columns, unique=False)


def downgrade():
    for name in INDEXES:
        op.drop_index(name, table_name="issue_events")
