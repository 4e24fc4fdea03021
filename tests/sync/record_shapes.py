"""What the pull-shape pins share (tests/sync/test_records*.py): key paths of what pull sends a
user for a record, and a world with every optional part present."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from server.db import db
from server.regions.models import Series
from server.regions.services import children
from sync.registry import record_type

AT = datetime(2023, 7, 31, 1, 30, tzinfo=UTC)
# free-form values (JSON the record holds as it is): their inside is not a shape
OPAQUE = {"items[].options", "answers[].value", "evidence", "events[].data"}
LOCATION = {"location", "location.lat", "location.lon", "location.accuracy_m", "location.at"}
PERSON = {"id", "display_name"}
NAMED = {"id", "name"}


def key_paths(data: Any, prefix: str = "") -> set[str]:
    """Every key of ``data`` as a path (``a.b``, ``a[].b`` inside lists), opaque values whole."""
    paths: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else key
            paths.add(path)
            if path not in OPAQUE:
                paths |= key_paths(value, path)
    elif isinstance(data, list):
        for value in data:
            paths |= key_paths(value, f"{prefix}[]")
    return paths


def under(prefix: str, keys: set[str]) -> set[str]:
    return {f"{prefix}.{key}" for key in keys}


def pulled(name: str, record: Any, user: Any) -> dict[str, Any]:
    """The data pull sends ``user`` for ``record``, loaded as pull loads it."""
    kind = record_type(name)
    db.session.expire_all()
    loaded = db.session.scalars(
        db.select(kind.model).where(kind.model.id == record.id).options(*kind.load_options)
    ).one()
    return kind.serialize(loaded, user)


def sent(name: str, record: Any, user: Any) -> set[str]:
    """The key paths of what pull sends ``user`` for ``record``; its id keeps its JSON type
    (text, but a project's number, as the phones key their copies)."""
    data = pulled(name, record, user)
    assert type(data["id"]) is (int if name == "project" else str), data["id"]
    return key_paths(data)


def build_world(make_user, make_unit, make_project, county, townships, templates):  # type: ignore[no-untyped-def]
    """A project with every optional field, its unit, an inspector, the office and a deputy."""
    east = townships[0]
    village = children(east.id, "village")[0]
    series = Series(name="养老托育", region_id=county.id)
    db.session.add(series)
    db.session.flush()
    unit = make_unit()
    project = make_project(
        township=east,
        village=village,
        series=series,
        unit=unit,
        region_path=village.path,
        lat=28.15,
        lon=120.29,
        lead_official="张三",
        contact_name="李四",
        contact_phone="13800000000",
        progress=40,
    )
    inspector = make_user("inspector", townships=[east])
    return {
        "project": project,
        "unit": unit,
        "inspector": inspector,
        "office": make_user("supervisor", region=county),
        "deputy": make_user("deputy", region=county),
        "template": templates["rural_toilet"],
    }
