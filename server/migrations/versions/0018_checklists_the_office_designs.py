"""checklists the office designs: families of versions, per county, series and kind; items with
the answer that counts as a problem, number ranges, photo counts, multiple choice and date

A template's ``family_id`` holds its versions (the id of version 1: for the existing ones, the
category's version-1 id by the uuid5 rule of server/inspections/templates.py); ``county_id``
None is a shipped default. Existing items (the 8 default checklists) get the defaults' rule:
a yes/no item is bad when answered 否, except one asking whether something bad exists
(「存在…」) which is bad when answered 是, and it opens a problem draft; a choice item's last
option is bad (较差, 脏乱, 无水); a photo item needs at least one photo.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 21:00:00.000000

"""

import uuid

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

_NAMESPACE = uuid.UUID("6f1d2c1e-0d55-4c55-9a7e-3a4b5c6d7e8f")  # server/inspections/templates.py
_KINDS = (
    "kind IN ('yes_no_na', 'number', 'text', 'choice', 'multiple_choice', 'photo', 'gps', 'date')"
)
_OLD_KINDS = "kind IN ('yes_no_na', 'number', 'text', 'choice', 'photo', 'gps')"


def _backfill() -> None:
    connection = op.get_bind()
    templates = sa.table(
        "checklist_templates",
        sa.column("id", sa.String),
        sa.column("category", sa.String),
        sa.column("family_id", sa.String),
        sa.column("created_at", sa.DateTime),
        sa.column("published_at", sa.DateTime),
    )
    items = sa.table(
        "checklist_items",
        sa.column("id", sa.String),
        sa.column("kind", sa.String),
        sa.column("label", sa.String),
        sa.column("options", sa.JSON),
        sa.column("bad_answer", sa.JSON),
        sa.column("opens_problem", sa.Boolean),
        sa.column("min_count", sa.Integer),
    )
    for template_id, category, created_at in connection.execute(
        sa.select(templates.c.id, templates.c.category, templates.c.created_at)
    ).all():
        family = str(uuid.uuid5(_NAMESPACE, f"{category}/1"))
        connection.execute(
            templates.update()
            .where(templates.c.id == template_id)
            .values(family_id=family, published_at=created_at)
        )
    for item_id, kind, label, options in connection.execute(
        sa.select(items.c.id, items.c.kind, items.c.label, items.c.options)
    ).all():
        values: dict = {}
        if kind == "yes_no_na":
            values = {"bad_answer": "yes" if label.startswith("存在") else "no"}
            values["opens_problem"] = True
        elif kind == "choice" and options:
            values = {"bad_answer": [options[-1]]}
        elif kind == "photo":
            values = {"min_count": 1}
        if values:
            connection.execute(items.update().where(items.c.id == item_id).values(**values))


def upgrade() -> None:
    with op.batch_alter_table("checklist_templates") as batch:
        batch.add_column(sa.Column("family_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("county_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("series_ids", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("kinds", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("published_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("published_by_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("checklist_items") as batch:
        batch.add_column(sa.Column("bad_answer", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("opens_problem", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("minimum", sa.Float(), nullable=True))
        batch.add_column(sa.Column("maximum", sa.Float(), nullable=True))
        batch.add_column(
            sa.Column("integer", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(sa.Column("min_count", sa.Integer(), nullable=True))
        # hand-written: autogenerate does not see a changed CHECK constraint
        batch.drop_constraint(batch.f("ck_checklist_items_kind"), type_="check")
        batch.create_check_constraint("kind", _KINDS)
    _backfill()
    with op.batch_alter_table("checklist_templates") as batch:
        batch.alter_column("family_id", existing_type=sa.String(length=36), nullable=False)
        batch.drop_constraint("uq_checklist_templates_category_version", type_="unique")
        batch.create_unique_constraint(
            "uq_checklist_templates_family_id_version", ["family_id", "version"]
        )
        batch.create_index("ix_checklist_templates_family_id", ["family_id"])
        batch.create_index("ix_checklist_templates_county_id", ["county_id"])
        batch.create_foreign_key(
            "fk_checklist_templates_county_id_regions", "regions", ["county_id"], ["id"]
        )
        batch.create_foreign_key(
            "fk_checklist_templates_published_by_id_users", "users", ["published_by_id"], ["id"]
        )


def downgrade() -> None:
    connection = op.get_bind()
    # the items of kinds the old schema cannot hold go, with their answers; a county's
    # checklists keep their versions apart by a category of their own (the old unique rule)
    items = sa.table("checklist_items", sa.column("id", sa.String), sa.column("kind", sa.String))
    answers = sa.table("answers", sa.column("item_id", sa.String))
    gone = sa.select(items.c.id).where(items.c.kind.in_(("multiple_choice", "date")))
    connection.execute(answers.delete().where(answers.c.item_id.in_(gone)))
    connection.execute(items.delete().where(items.c.kind.in_(("multiple_choice", "date"))))
    templates = sa.table(
        "checklist_templates",
        sa.column("category", sa.String),
        sa.column("family_id", sa.String),
        sa.column("county_id", sa.Integer),
    )
    connection.execute(
        templates.update()
        .where(templates.c.county_id.is_not(None))
        .values(category=sa.func.substr(templates.c.family_id, 1, 32))
    )
    with op.batch_alter_table("checklist_templates") as batch:
        batch.drop_constraint("fk_checklist_templates_published_by_id_users", type_="foreignkey")
        batch.drop_constraint("fk_checklist_templates_county_id_regions", type_="foreignkey")
        batch.drop_index("ix_checklist_templates_county_id")
        batch.drop_index("ix_checklist_templates_family_id")
        batch.drop_constraint("uq_checklist_templates_family_id_version", type_="unique")
        batch.create_unique_constraint(
            "uq_checklist_templates_category_version", ["category", "version"]
        )
        batch.drop_column("published_by_id")
        batch.drop_column("published_at")
        batch.drop_column("kinds")
        batch.drop_column("series_ids")
        batch.drop_column("county_id")
        batch.drop_column("family_id")
    with op.batch_alter_table("checklist_items") as batch:
        batch.drop_constraint(batch.f("ck_checklist_items_kind"), type_="check")
        batch.create_check_constraint("kind", _OLD_KINDS)
        batch.drop_column("min_count")
        batch.drop_column("integer")
        batch.drop_column("maximum")
        batch.drop_column("minimum")
        batch.drop_column("opens_problem")
        batch.drop_column("bad_answer")
