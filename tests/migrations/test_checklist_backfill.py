"""Migration 0018 gives the stored default checklists their family and the defaults' rule for
what counts as a problem (server/inspections/templates.py's default_item_rules), the same as a
fresh load."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import MetaData, create_engine, select

from server import create_app
from server.inspections.templates import DEFAULT_TEMPLATES, _id, default_item_rules
from tests.conftest import _config
from tests.databases import fresh_database

T0 = datetime(2023, 7, 1, 1, 0)


def _seed_as_of_0017(engine) -> None:  # type: ignore[no-untyped-def]
    """The 8 default checklists as ensure_default_templates stored them before 0018."""
    meta = MetaData()
    meta.reflect(engine)
    templates, items = meta.tables["checklist_templates"], meta.tables["checklist_items"]
    with engine.begin() as conn:
        for category, (name, rows) in DEFAULT_TEMPLATES.items():
            conn.execute(
                templates.insert().values(
                    id=_id(category, 1),
                    category=category,
                    name=name,
                    version=1,
                    active=True,
                    created_at=T0,
                )
            )
            for position, (kind, label, required, extra) in enumerate(rows, start=1):
                conn.execute(
                    items.insert().values(
                        id=_id(category, 1, position),
                        template_id=_id(category, 1),
                        position=position,
                        kind=kind,
                        label=label,
                        required=required,
                        options=extra if isinstance(extra, list) else None,
                        unit=extra if isinstance(extra, str) else None,
                    )
                )


def test_the_default_checklists_get_their_family_and_bad_answers(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        app = create_app(_config(url, tmp_path))
        with app.app_context():
            upgrade(revision="0017")
            engine = create_engine(url)
            _seed_as_of_0017(engine)
            upgrade(revision="0018")
            meta = MetaData()
            meta.reflect(engine)
            templates, items = meta.tables["checklist_templates"], meta.tables["checklist_items"]
            with engine.connect() as conn:
                families = conn.execute(
                    select(templates.c.category, templates.c.family_id, templates.c.published_at)
                ).all()
                stored = conn.execute(
                    select(
                        items.c.kind,
                        items.c.label,
                        items.c.options,
                        items.c.bad_answer,
                        items.c.opens_problem,
                        items.c.min_count,
                    )
                ).all()
            engine.dispose()
            from server.db import db

            db.engine.dispose()
    assert {c: (f, p) for c, f, p in families} == {c: (_id(c, 1), T0) for c in DEFAULT_TEMPLATES}
    by_label = {label: (bad, opens, count) for _, label, _, bad, opens, count in stored}
    assert by_label["存在安全隐患"] == ("yes", True, None)
    assert by_label["存在闲置情况"] == ("yes", True, None)
    assert by_label["有专人保洁"] == ("no", True, None)
    assert by_label["环境卫生"] == (["较差"], False, None)
    assert by_label["卫生状况"] == (["脏乱"], False, None)
    assert by_label["水压"] == (["无水"], False, None)
    photo = DEFAULT_TEMPLATES["general"][1][4][1]  # 现场照片（全景、细部各至少一张）
    assert by_label[photo] == (None, False, 1)
    assert by_label["现场核实形象进度"] == (None, False, None)
    for kind, label, options, bad, opens, count in stored:  # as a fresh load has them
        rule = default_item_rules(kind, label, options)
        assert (bad, opens, count) == (
            rule.get("bad_answer"),
            rule.get("opens_problem", False),
            rule.get("min_count"),
        )


def test_going_back_keeps_a_countys_versions_apart_and_drops_the_new_kinds(tmp_path: Path) -> None:
    with fresh_database(tmp_path) as url:
        app = create_app(_config(url, tmp_path))
        with app.app_context():
            upgrade()
            engine = create_engine(url)
            meta = MetaData()
            meta.reflect(engine)
            templates, items = meta.tables["checklist_templates"], meta.tables["checklist_items"]
            regions = meta.tables["regions"]
            with engine.begin() as conn:
                conn.execute(regions.insert().values(id=1, name="县", level="county", path="/1/"))
                for family in ("a" * 36, "b" * 36):
                    conn.execute(
                        templates.insert().values(
                            id=family,
                            family_id=family,
                            county_id=1,
                            category="custom",
                            name="检查",
                            version=1,
                            active=True,
                            created_at=T0,
                        )
                    )
                    for position, kind in enumerate(("multiple_choice", "text"), start=1):
                        conn.execute(
                            items.insert().values(
                                id=f"{family[0]}{position}",
                                template_id=family,
                                position=position,
                                kind=kind,
                                label="题",
                                required=False,
                            )
                        )
            from flask_migrate import downgrade

            downgrade(revision="0017")
            with engine.connect() as conn:
                categories = conn.execute(select(templates.c.category)).scalars().all()
                kinds = conn.execute(select(items.c.kind)).scalars().all()
            engine.dispose()
            from server.db import db

            db.engine.dispose()
    assert sorted(categories) == ["a" * 32, "b" * 32]
    assert kinds == ["text", "text"]
