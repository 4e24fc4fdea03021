"""The lagging / postponed lists are written without marshmallow's per-field dump; they must
come out exactly as ``ListedProjectSchema`` would write them."""

from __future__ import annotations

from decimal import Decimal

from marshmallow import Schema

from server.bulletins.schemas import ListedProjectSchema, ListedProjectsField

ROWS = [
    {
        "id": 7,
        "code": "QT2023-T01",
        "name": "章旦乡村道提升",
        "level": "township",
        "unit_id": 3,
        "unit_name": "章旦乡人民政府",
        "township_id": 12,
        "township_name": "章旦乡",
        "progress_pct": Decimal("45.5"),
        "reason": "林地审批未完成",
    },
    {
        "id": 8,
        "code": "QT2023-C02",
        "name": "华侨医院",
        "level": "county",
        "unit_id": None,
        "unit_name": None,
        "township_id": None,
        "township_name": None,
        "progress_pct": Decimal("0"),
        "reason": None,
    },
]


class _Lists(Schema):
    lagging = ListedProjectsField()


def test_the_fast_list_equals_the_schemas_dump(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        fast = _Lists().dump({"lagging": ROWS})["lagging"]
        assert fast == ListedProjectSchema(many=True).dump(ROWS)
        assert fast[0]["progress_pct"] == "45.5" and fast[1]["progress_pct"] == "0.0"


def test_the_level_label_follows_the_language(app) -> None:  # type: ignore[no-untyped-def]
    with app.test_request_context():
        chinese = _Lists().dump({"lagging": ROWS})["lagging"][0]["level_label"]
    with app.test_request_context(headers={"Accept-Language": "en"}):
        fast = _Lists().dump({"lagging": ROWS})["lagging"]
        assert fast == ListedProjectSchema(many=True).dump(ROWS)
    assert fast[0]["level_label"] != chinese
