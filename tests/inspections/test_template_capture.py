"""Capturing with a designed checklist: which one a phone offers, who pulls it, the county's
own only, old versions kept, photo counts checked on submit."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from server.db import db
from server.inspections import designer
from server.inspections.templates import ensure_default_templates
from server.regions.models import Series
from server.regions.services import children
from tests.inspections.conftest import checklist
from tests.sync.conftest import Phone


@pytest.fixture
def township(county) -> Any:  # type: ignore[no-untyped-def]
    return children(county.id, "township")[0]


@pytest.fixture
def inspector(make_user, township) -> Any:  # type: ignore[no-untyped-def]
    return make_user("inspector", townships=[township])


@pytest.fixture
def project(make_project, township) -> Any:  # type: ignore[no-untyped-def]
    return make_project(township=township, region_path=township.path, name="东镇长者食堂")


def _design(office, **overrides: Any) -> dict[str, Any]:
    response = office.post("/api/v1/templates", checklist(**overrides))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _start(phone: Phone, project: Any, template_id: str) -> tuple[str, dict[str, Any]]:
    inspection_id = str(uuid.uuid4())
    result = phone.do(
        "inspection.create",
        id=inspection_id,
        project_id=project.id,
        kind="routine",
        started_at=datetime.now(UTC).isoformat(),
        template_id=template_id,
    )
    return inspection_id, result


def test_the_countys_own_checklist_is_the_default_choice(office, project) -> None:
    ensure_default_templates(db.session)
    db.session.commit()
    assert designer.pick_template(db.session, project, "routine", "elder_canteen").category == (
        "elder_canteen"
    )
    ours = _design(office)
    assert designer.pick_template(db.session, project, "routine", "elder_canteen").id == ours["id"]
    offered = [t.county_id is None for t in designer.candidates(db.session, project, "routine")]
    assert offered == [False] + [True] * 8


def test_a_checklist_for_a_series_or_a_kind_is_offered_only_there(office, project, county) -> None:
    series = Series(name="养老托育", region_id=county.id)
    other = Series(name="农村饮水", region_id=county.id)
    db.session.add_all([series, other])
    db.session.commit()
    any_kind = _design(office, name="通用")
    random_only = _design(office, name="抽查", kinds=["random"])
    for_series = _design(office, name="养老", series_ids=[series.id])
    _design(office, name="饮水", series_ids=[other.id])
    project.series_id = series.id
    db.session.commit()
    routine = [t.id for t in designer.candidates(db.session, project, "routine")]
    assert routine == [for_series["id"], any_kind["id"]]
    drawn = [t.id for t in designer.candidates(db.session, project, "random")]
    assert drawn[-1] == any_kind["id"] and set(drawn[:2]) == {for_series["id"], random_only["id"]}


def test_the_inspector_pulls_its_countys_checklists_and_not_another_countys(
    app, office, inspector, other_county, make_user, as_user
) -> None:
    ensure_default_templates(db.session)
    db.session.commit()
    ours = _design(office)
    theirs = _design(as_user(make_user("supervisor", region=other_county)), name="别县的")
    phone = Phone(app, inspector)
    phone.sync_all()
    pulled = phone.ids("template")
    assert ours["id"] in pulled and theirs["id"] not in pulled and len(pulled) == 9
    record = phone.local[("template", ours["id"])]
    assert (record["family_id"], record["county_id"], record["items"][0]["bad_answer"]) == (
        ours["id"],
        ours["county_id"],
        "yes",
    )
    v2 = office.post(f"/api/v1/templates/{ours['id']}/versions", checklist()).get_json()
    phone.sync_all()
    assert phone.local[("template", ours["id"])]["active"] is False
    assert phone.local[("template", v2["id"])]["active"] is True


def test_another_countys_checklist_is_refused_for_an_inspection(
    app, inspector, project, other_county, make_user, as_user
) -> None:
    theirs = _design(as_user(make_user("supervisor", region=other_county)))
    _, result = _start(Phone(app, inspector), project, theirs["id"])
    assert (result["status"], result["code"]) == ("rejected", "template_not_for_project")


def test_an_old_version_is_still_accepted_from_a_phone_that_was_offline(
    app, office, inspector, project
) -> None:
    v1 = _design(office)
    office.post(f"/api/v1/templates/{v1['id']}/versions", checklist())
    _, result = _start(Phone(app, inspector), project, v1["id"])
    assert result["status"] == "applied"


def test_a_number_out_of_range_and_too_few_photos_are_refused(
    app, office, inspector, project
) -> None:
    template = _design(office)
    safety, progress, _, photos = (item["id"] for item in template["items"])
    phone = Phone(app, inspector)
    inspection_id, _ = _start(phone, project, template["id"])

    def answer(item_id: str, value: Any) -> dict[str, Any]:
        return phone.do("answer.set", inspection_id=inspection_id, item_id=item_id, value=value)

    refused = answer(progress, 120)
    assert refused["code"] == "invalid_value"
    assert refused["message"] == "「形象进度」应在 0–100 之间"
    assert answer(safety, "no")["status"] == "applied"
    assert answer(photos, [str(uuid.uuid4())])["status"] == "applied"
    short = phone.do("inspection.submit", inspection_id=inspection_id)
    assert short["code"] == "photo_min_count"
    assert short["message"] == "以下照片项照片不够：现场照片（≥2）"
    assert answer(photos, [str(uuid.uuid4()), str(uuid.uuid4())])["status"] == "applied"
    assert phone.do("inspection.submit", inspection_id=inspection_id)["status"] == "applied"
