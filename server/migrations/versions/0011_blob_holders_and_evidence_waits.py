"""blob holders and moves waiting for their evidence photos

Knowing a photo's SHA-256 was enough to read it: ``blob_holders`` remembers who sent which
bytes (a finished upload whose hash the server checked), and a photo is ready only for a user
who did. Existing ready photos count as sent by their uploader.

A move citing photos whose bytes have not arrived waits in ``evidence_waits`` and is applied
when they land; the problem's history shows it as ``evidence_waiting`` (待照片), or
``evidence_refused`` when the photos fail a check then.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 12:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "created",
    "transition",
    "comment",
    "conflict",
    "extension_requested",
    "extension_approved",
    "extension_refused",
)
NEW_KINDS = (*OLD_KINDS, "evidence_waiting", "evidence_refused")


def _kinds(kinds: tuple[str, ...]) -> str:
    return ", ".join(f"'{k}'" for k in kinds)


def upgrade():
    op.create_table(
        "blob_holders",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"],
            ["blobs.sha256"],
            name=op.f("fk_blob_holders_sha256_blobs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_blob_holders_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("sha256", "user_id", name=op.f("pk_blob_holders")),
    )
    with op.batch_alter_table("blob_holders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_blob_holders_user_id"), ["user_id"], unique=False)
    op.execute(
        "INSERT INTO blob_holders (sha256, user_id, created_at) "
        "SELECT photos.sha256, photos.uploaded_by_id, MIN(photos.created_at) "
        "FROM photos JOIN blobs ON blobs.sha256 = photos.sha256 "
        "WHERE photos.status = 'ready' GROUP BY photos.sha256, photos.uploaded_by_id"
    )

    op.create_table(
        "evidence_waits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issue_id", sa.String(length=36), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("args", sa.JSON(), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("mutation_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
            name=op.f("fk_evidence_waits_actor_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["issue_id"],
            ["issues.id"],
            name=op.f("fk_evidence_waits_issue_id_issues"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_waits")),
    )
    with op.batch_alter_table("evidence_waits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_waits_issue_id"), ["issue_id"], unique=False)

    with op.batch_alter_table("issue_events", schema=None) as batch_op:
        # hand-written: autogenerate does not see a changed CHECK constraint
        batch_op.drop_constraint(batch_op.f("ck_issue_events_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN ({_kinds(NEW_KINDS)})")


def downgrade():
    op.execute("DELETE FROM issue_events WHERE kind IN ('evidence_waiting', 'evidence_refused')")
    with op.batch_alter_table("issue_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_issue_events_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN ({_kinds(OLD_KINDS)})")

    with op.batch_alter_table("evidence_waits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_evidence_waits_issue_id"))
    op.drop_table("evidence_waits")

    with op.batch_alter_table("blob_holders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_blob_holders_user_id"))
    op.drop_table("blob_holders")
