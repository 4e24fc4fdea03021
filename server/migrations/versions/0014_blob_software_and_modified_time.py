"""blobs keep EXIF Software and DateTime: edited or re-exported photos are flagged

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 16:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.add_column(sa.Column("exif_software", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("exif_modified_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("blobs") as batch:
        batch.drop_column("exif_modified_at")
        batch.drop_column("exif_software")
