"""action times and received times (issue 12)

Each record the phone makes keeps when it was done (its own time column, from the phone's clock
when trusted: server/clock.py) and when the server got it (``received_at``), and ``clock_skew``
when the phone's time was not trusted. Existing rows were stamped with the server's clock, so
their received time is that stamp: an inspection's submission (its creation while a draft), an
answer's, an event's, a report's filing and rating, a photo's record.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07 15:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# table → the stamp existing rows were given by the server's clock
RECEIVED = {
    "inspections": "COALESCE(submitted_at, created_at)",
    "answers": "answered_at",
    "issue_events": "at",
    "deputy_reports": "created_at",
    "photos": "created_at",
}


def upgrade():
    for table, stamp in RECEIVED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("received_at", sa.DateTime(), nullable=True))
            batch_op.add_column(
                sa.Column("clock_skew", sa.Boolean(), server_default=sa.false(), nullable=False)
            )
            if table == "deputy_reports":
                batch_op.add_column(sa.Column("rated_received_at", sa.DateTime(), nullable=True))
        op.execute(f"UPDATE {table} SET received_at = {stamp}")
        if table == "deputy_reports":
            op.execute("UPDATE deputy_reports SET rated_received_at = rated_at")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column("received_at", existing_type=sa.DateTime(), nullable=False)


def downgrade():
    for table in reversed(RECEIVED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == "deputy_reports":
                batch_op.drop_column("rated_received_at")
            batch_op.drop_column("clock_skew")
            batch_op.drop_column("received_at")
