"""Plans through the API: preview, create, show, list, redraw; each kind's population."""

from server.db import db
from server.planning.models import InspectionPlan
from tests.planning.conftest import AS_OF, random_plan


def _ids(projects) -> list[int]:  # type: ignore[no-untyped-def]
    return sorted(p.id for p in projects)


def _on_schedule(ledger) -> list[int]:  # type: ignore[no-untyped-def]
    return _ids([*ledger["east_on"], ledger["east_ahead"], *ledger["west_on"], ledger["county_on"]])


def test_preview_draws_without_saving(office, ledger) -> None:
    response = office.post("/api/v1/plans/preview", random_plan(sample_size=3, seed=42))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["seed"] == 42
    assert body["population_size"] == 8
    assert len(body["projects"]) == 3
    assert {p["id"] for p in body["projects"]} <= set(_on_schedule(ledger))
    assert office.get("/api/v1/plans").get_json()["items"] == []


def test_preview_without_a_seed_makes_one_and_creating_with_it_gives_that_sample(
    office, ledger
) -> None:
    preview = office.post("/api/v1/plans/preview", random_plan(sample_size=4)).get_json()
    created = office.post(
        "/api/v1/plans", random_plan(sample_size=4, seed=preview["seed"])
    ).get_json()
    assert created["sample"] == sorted(p["id"] for p in preview["projects"])


def test_create_random_plan_records_seed_population_and_unassigned_tasks(
    office, ledger, people
) -> None:
    response = office.post(
        "/api/v1/plans", random_plan(sample_size=3, seed=7, due_date="2023-08-15")
    )
    assert response.status_code == 201, response.get_json()
    plan = response.get_json()
    assert plan["kind_label"] == "随机查"
    assert plan["population"] == _on_schedule(ledger)
    assert plan["algorithm"] == "strata-random-sample-v1"
    assert plan["created_by"]["id"] == people["supervisor"].id
    assert sorted(t["project"]["id"] for t in plan["tasks"]) == plan["sample"]
    assert {t["status"] for t in plan["tasks"]} == {"todo"}
    assert {t["assignee"] for t in plan["tasks"]} == {None}
    assert {t["due_date"] for t in plan["tasks"]} == {"2023-08-15"}
    shown = office.get(f"/api/v1/plans/{plan['id']}").get_json()
    assert shown["sample"] == plan["sample"]
    listed = office.get("/api/v1/plans").get_json()["items"]
    assert [(p["id"], p["task_count"], p["population_size"]) for p in listed] == [
        (plan["id"], 3, 8)
    ]


def test_share_is_rounded_up(office, ledger) -> None:
    body = office.post("/api/v1/plans/preview", random_plan(sample_share="30", seed=1)).get_json()
    assert body["sample_size"] == 3  # 30% of 8 = 2.4
    assert body["sample_share"] == "30.0"


def test_stratified_by_township_takes_every_township(office, ledger, townships) -> None:
    east, west = townships
    body = office.post(
        "/api/v1/plans", random_plan(sample_size=4, seed=3, stratify="township")
    ).get_json()
    redraw = office.get(f"/api/v1/plans/{body['id']}/redraw").get_json()
    strata = {s["township_id"]: (s["population"], s["sample"]) for s in redraw["strata"]}
    assert strata == {east.id: (5, 2), west.id: (2, 1), None: (1, 1)}
    assert body["population_townships"].count(east.id) == 5


def test_redraw_matches_the_record(office, ledger) -> None:
    plan = office.post("/api/v1/plans", random_plan(sample_size=3, seed=2023)).get_json()
    body = office.get(f"/api/v1/plans/{plan['id']}/redraw").get_json()
    assert body["matches"] is True
    assert body["tasks_match"] is True
    assert body["sample"] == plan["sample"] == body["recorded"]


def test_redraw_finds_a_tampered_sample(office, ledger) -> None:
    plan = office.post("/api/v1/plans", random_plan(sample_size=3, seed=2023)).get_json()
    row = db.session.get(InspectionPlan, plan["id"])
    outside = next(pid for pid in row.population if pid not in row.sample)
    row.sample = [*row.sample[1:], outside]
    db.session.commit()
    body = office.get(f"/api/v1/plans/{plan['id']}/redraw").get_json()
    assert body["matches"] is False
    assert body["tasks_match"] is True  # the tasks still hold the true draw
    assert body["sample"] == plan["sample"]


def test_redraw_of_a_plan_that_was_not_drawn_is_refused(office, ledger) -> None:
    plan = office.post("/api/v1/plans", {"name": "回头看", "kind": "revisit", "as_of": AS_OF})
    response = office.get(f"/api/v1/plans/{plan.get_json()['id']}/redraw")
    assert response.status_code == 422
    assert response.get_json()["code"] == "not_a_random_plan"


def test_sample_larger_than_population_is_refused_in_chinese(office, ledger) -> None:
    response = office.post("/api/v1/plans", random_plan(sample_size=9))
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "sample_too_large"
    assert body["message"] == "抽取数量（9）大于符合条件的项目数（8）"
    assert db.session.query(InspectionPlan).count() == 0


def test_random_needs_a_size_or_a_share_but_not_both(office, ledger) -> None:
    neither = office.post("/api/v1/plans", random_plan())
    both = office.post("/api/v1/plans", random_plan(sample_size=2, sample_share="10"))
    for response in (neither, both):
        assert response.status_code == 422
        assert response.get_json()["errors"] == {
            "sample_size": ["请填写抽取数量或抽取比例（二选一）"]
        }


def test_sampling_settings_are_refused_on_other_kinds(office, ledger) -> None:
    response = office.post(
        "/api/v1/plans", {"name": "x", "kind": "focused", "as_of": AS_OF, "seed": 1}
    )
    assert response.status_code == 422
    assert response.get_json()["errors"] == {"seed": ["只有随机查需要抽样设置"]}


def test_revisit_takes_the_completed_projects(office, ledger) -> None:
    body = office.post("/api/v1/plans", {"name": "回头看", "kind": "revisit", "as_of": AS_OF})
    plan = body.get_json()
    assert plan["sample"] == _ids([ledger["east_done"], ledger["west_done"]])
    assert {t["schedule_status"] for t in plan["tasks"]} == {"completed_early"}
    assert plan["seed"] is None


def test_focused_takes_the_lagging_projects(office, ledger) -> None:
    plan = office.post(
        "/api/v1/plans", {"name": "重点督", "kind": "focused", "as_of": AS_OF}
    ).get_json()
    assert plan["sample"] == _ids([ledger["east_behind"], ledger["west_behind"]])
    assert {t["schedule_status_label"] for t in plan["tasks"]} == {"滞后"}


def test_focused_on_picked_lagging_projects_only(office, ledger) -> None:
    behind = ledger["east_behind"].id
    ok = office.post(
        "/api/v1/plans",
        {"name": "重点督", "kind": "focused", "as_of": AS_OF, "project_ids": [behind]},
    )
    assert ok.get_json()["sample"] == [behind]
    on_time = ledger["county_on"].id
    refused = office.post(
        "/api/v1/plans",
        {"name": "重点督", "kind": "focused", "as_of": AS_OF, "project_ids": [on_time]},
    )
    assert refused.status_code == 422
    assert str(on_time) in refused.get_json()["errors"]["project_ids"][0]


def test_joint_needs_statuses_or_projects(office, ledger) -> None:
    refused = office.post("/api/v1/plans", {"name": "联合督导", "kind": "joint", "as_of": AS_OF})
    assert refused.status_code == 422
    picked = [ledger["county_on"].id, ledger["west_done"].id]
    plan = office.post(
        "/api/v1/plans",
        {"name": "联合督导", "kind": "joint", "as_of": AS_OF, "project_ids": picked},
    ).get_json()
    assert plan["sample"] == sorted(picked)


def test_a_region_limits_the_population(office, ledger, townships) -> None:
    east, _ = townships
    body = office.post(
        "/api/v1/plans/preview", random_plan(sample_size=1, region_id=east.id)
    ).get_json()
    assert body["population_size"] == 5
    assert body["region"]["id"] == east.id


def test_no_eligible_project_is_a_clear_error(office, townships) -> None:
    response = office.post("/api/v1/plans", {"name": "x", "kind": "focused", "as_of": AS_OF})
    assert response.status_code == 422
    assert response.get_json()["message"] == "没有符合条件的项目"


def test_revisit_of_a_picked_project_takes_it_whatever_its_progress(office, ledger) -> None:
    on_time = ledger["county_on"].id
    response = office.post(
        "/api/v1/plans",
        {"name": "回头看:管网无水", "kind": "revisit", "as_of": AS_OF, "project_ids": [on_time]},
    )
    assert response.status_code == 201, response.get_json()
    plan = response.get_json()
    assert plan["sample"] == [on_time]
    assert [t["schedule_status"] for t in plan["tasks"]] == ["on_schedule"]


def test_revisit_without_picked_projects_still_takes_only_completed_ones(office, ledger) -> None:
    plan = office.post(
        "/api/v1/plans/preview", {"name": "回头看", "kind": "revisit", "as_of": AS_OF}
    ).get_json()
    assert plan["statuses"] == ["completed_early", "completed"]
