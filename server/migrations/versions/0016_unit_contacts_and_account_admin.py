"""units keep a contact person and phone; accounts keep a forced password change and their last login

An administrator who resets a password sets ``must_change_password``: until the user chose a
new one, the API answers ``password_change_required``. ``last_login_at`` and ``last_login_ip``
show the administrator who logged in last, and from where (the client's address behind the
proxy, as the login throttle reads it).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 17:50:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("units") as batch:
        batch.add_column(sa.Column("contact_person", sa.String(length=50), nullable=True))
        batch.add_column(sa.Column("contact_phone", sa.String(length=32), nullable=True))
    with op.batch_alter_table("users") as batch:
        batch.add_column(
            sa.Column(
                "must_change_password", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch.add_column(sa.Column("last_login_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("last_login_ip", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_login_ip")
        batch.drop_column("last_login_at")
        batch.drop_column("must_change_password")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("contact_phone")
        batch.drop_column("contact_person")
