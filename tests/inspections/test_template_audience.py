"""Who pulls a county's checklist (Scope(everyone=True, region_path=<county>), server/audience.py):
the users working in the county or above it, in Python (can_see) and on the change log (pull)."""

from __future__ import annotations

from typing import Any

from server.audience import can_see
from server.db import db
from server.inspections.designer import template_scope
from server.inspections.models import ChecklistTemplate
from server.regions.services import children
from tests.inspections.conftest import checklist
from tests.sync.conftest import Phone


def test_a_countys_checklist_reaches_its_users_and_those_above_it_only(
    app, office, county, make_region, make_user, make_unit
) -> None:
    template_id = office.post("/api/v1/templates", checklist()).get_json()["id"]
    template = db.session.get(ChecklistTemplate, template_id)
    assert template is not None
    city = make_region("丽水市", "city")
    sibling = make_region("测试县二", "county")  # another county, its path may share a prefix
    township = children(county.id, "township")[0]
    users: dict[str, tuple[Any, bool]] = {
        "the county's office": (office.user, True),
        "an office without a region": (make_user("admin"), True),
        "a city's office not above it": (make_user("supervisor", region=city), False),
        "an inspector of the county": (make_user("inspector", townships=[township]), True),
        "a unit of the county": (make_user("unit", unit=make_unit()), True),
        "another county's office": (make_user("supervisor", region=sibling), False),
        "another county's inspector": (
            make_user("inspector", townships=[make_region("乙镇", "township", sibling)]),
            False,
        ),
    }
    scope = template_scope(db.session, template)
    for who, (user, sees) in users.items():
        phone = Phone(app, user)
        phone.sync_all()
        assert (template_id in phone.ids("template")) is sees, who
        assert can_see(user, scope) is sees, who


def test_the_office_of_the_city_above_pulls_its_countys_checklist(
    app, make_region, make_user, as_user
) -> None:
    city = make_region("丽水市", "city")
    county = make_region("青田县", "county", city)
    admin = as_user(make_user("admin"))
    template_id = admin.post("/api/v1/templates", checklist(county_id=county.id)).get_json()["id"]
    phone = Phone(app, make_user("supervisor", region=city))
    phone.sync_all()
    assert template_id in phone.ids("template")
