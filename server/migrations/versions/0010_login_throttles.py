"""login throttles

Login throttling counted past tries in ``login_attempts`` after the password check, so parallel
requests checked more passwords than the limit, and one IP's failures blocked every account.
``login_throttles`` holds one counter per account-and-origin (device or IP), per IP and per
account, incremented atomically before the password is checked, with the block's end and the
number of blocks so far (each lasts twice as long). ``login_attempts`` stays as the audit trail.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 11:40:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "login_throttles",
        sa.Column("scope", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_started_at", sa.DateTime(), nullable=False),
        sa.Column("blocked_until", sa.DateTime(), nullable=True),
        sa.Column("blocks", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("scope", "key", name=op.f("pk_login_throttles")),
    )


def downgrade():
    op.drop_table("login_throttles")
