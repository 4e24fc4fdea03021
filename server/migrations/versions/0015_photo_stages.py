"""photos keep their stage: inspection, found 发现, rectify 整改, verify 复核, report 代表

Existing photos get theirs by the rule photo.attach applies (server/media/stages.py): by owner
(an inspection's, a report's), by the uploader's side (a unit's photo is its fix), and for the
office's photo of a problem by the problem's state when it was attached (after the unit's
已整改: a check). A photo a move cited then takes that move's stage (已整改 → rectify; 复核
passed or sent back → verify).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07 17:30:00.000000

"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

STAGES = ("inspection", "found", "rectify", "verify", "report")
PROBLEM = "owner_type IN ('issue', 'event')"
# the problem's state when the photo was attached: the latest move received before it
STATE_THEN = (
    "(SELECT e.to_state FROM issue_events e WHERE e.issue_id = photos.owner_id"
    " AND e.kind = 'transition' AND e.received_at <= photos.created_at"
    " ORDER BY e.received_at DESC, e.id DESC LIMIT 1)"
)


def _cited_stage(from_state, to_state):
    if to_state == "rectified":
        return "rectify"
    if from_state == "rectified" and to_state in ("verified", "rectifying"):
        return "verify"
    return None


def _backfill():
    op.execute("UPDATE photos SET stage = owner_type WHERE owner_type IN ('inspection', 'report')")
    op.execute(
        f"UPDATE photos SET stage = 'rectify' WHERE {PROBLEM}"
        " AND uploaded_by_id IN (SELECT id FROM users WHERE role = 'unit')"
    )
    op.execute(
        f"UPDATE photos SET stage = 'report' WHERE {PROBLEM}"
        " AND uploaded_by_id IN (SELECT id FROM users WHERE role = 'deputy')"
    )
    op.execute(
        f"UPDATE photos SET stage = CASE WHEN {STATE_THEN} IN ('rectified', 'verified', 'closed')"
        " THEN 'verify' ELSE 'found' END WHERE stage IS NULL"
    )
    bind = op.get_bind()
    moves = bind.execute(
        sa.text(
            "SELECT from_state, to_state, data FROM issue_events WHERE kind = 'transition'"
            " AND to_state IN ('rectified', 'verified', 'rectifying') ORDER BY id"
        )
    )
    for from_state, to_state, data in moves:
        if isinstance(data, str):
            data = json.loads(data)
        stage = _cited_stage(from_state, to_state)
        ids = (data or {}).get("photo_ids") or []
        if stage and ids:
            bind.execute(
                sa.text("UPDATE photos SET stage = :stage WHERE id IN :ids").bindparams(
                    sa.bindparam("ids", expanding=True)
                ),
                {"stage": stage, "ids": list(ids)},
            )


def upgrade():
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage", sa.String(length=16), nullable=True))
    _backfill()
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.alter_column("stage", existing_type=sa.String(length=16), nullable=False)
        # hand-written: autogenerate does not see CHECK constraints
        batch_op.create_check_constraint(
            "stage", "stage IN (" + ", ".join(f"'{s}'" for s in STAGES) + ")"
        )


def downgrade():
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_photos_stage"), type_="check")
        batch_op.drop_column("stage")
