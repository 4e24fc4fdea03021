"""The ledger API: list, filters, statuses as of a day, detail, progress reports."""

from datetime import date

import pytest

from server.regions.services import children


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    return east, west


@pytest.fixture
def ledger(make_project, townships, make_unit):  # type: ignore[no-untyped-def]
    east, west = townships
    water = make_unit("水利局", code="SL")
    return {
        "early": make_project(
            code="A1",
            name="东镇长者食堂",
            township=east,
            region_path=east.path,
            progress=100,
            actual_completion_date=date(2023, 6, 1),
            unit=water,
        ),
        "behind": make_project(
            code="A2",
            name="西乡公厕",
            township=west,
            region_path=west.path,
            progress=10,
            lag_reason="林地审批未完成",
        ),
        "ahead": make_project(
            code="A3",
            name="东镇避灾点",
            township=east,
            region_path=east.path,
            progress=90,
            level="township",
        ),
        "postponed": make_project(
            code="A4",
            name="华侨医院",
            progress=0,
            postponed_reason="专项债未到位",
            contact_phone="13800000000",
        ),
    }


def test_list_shows_statuses_as_of_a_day(client, make_user, login, ledger) -> None:
    login(make_user("supervisor"))
    body = client.get("/api/v1/projects?as_of=2023-07-31").get_json()
    statuses = {item["code"]: item["schedule_status"] for item in body["items"]}
    assert statuses == {"A1": "completed_early", "A2": "behind", "A3": "ahead", "A4": "postponed"}
    assert body["counts"] == {
        "completed_early": 1,
        "completed": 0,
        "ahead": 1,
        "on_schedule": 0,
        "behind": 1,
        "postponed": 1,
    }


def test_list_item_carries_labels_and_money_in_wan(client, make_user, login, make_project) -> None:
    make_project(code="M1", planned_investment_yuan=254_180, progress=50)
    login(make_user("supervisor"))
    item = client.get("/api/v1/projects?as_of=2023-07-31").get_json()["items"][0]
    assert item["planned_investment"] == 25.418
    assert item["schedule_status_label"] == "按序时"
    assert item["level_label"] == "县（区）级"


def test_progress_before_any_report_counts_as_zero(client, make_user, login, ledger) -> None:
    login(make_user("supervisor"))
    body = client.get("/api/v1/projects?as_of=2023-03-01&q=A3").get_json()
    assert body["items"][0]["progress_pct"] is None
    assert body["items"][0]["schedule_status"] == "behind"


def test_status_filter_keeps_counts_of_all_statuses(client, make_user, login, ledger) -> None:
    login(make_user("supervisor"))
    body = client.get("/api/v1/projects?as_of=2023-07-31&status=behind").get_json()
    assert [item["code"] for item in body["items"]] == ["A2"]
    assert body["total"] == 1
    assert sum(body["counts"].values()) == 4


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("level=township", ["A3"]),
        ("q=长者", ["A1"]),
        ("q=a4", ["A4"]),
    ],
)
def test_filters(client, make_user, login, ledger, query, codes) -> None:
    login(make_user("supervisor"))
    body = client.get(f"/api/v1/projects?{query}").get_json()
    assert [item["code"] for item in body["items"]] == codes


def test_filter_by_township_and_unit(client, make_user, login, ledger, townships) -> None:
    login(make_user("supervisor"))
    east = townships[0]
    by_township = client.get(f"/api/v1/projects?township={east.id}").get_json()
    by_unit = client.get(f"/api/v1/projects?unit={ledger['early'].unit_id}").get_json()
    assert [i["code"] for i in by_township["items"]] == ["A1", "A3"]
    assert [i["code"] for i in by_unit["items"]] == ["A1"]


def test_pagination(client, make_user, login, ledger) -> None:
    login(make_user("supervisor"))
    body = client.get("/api/v1/projects?per_page=3&page=2").get_json()
    assert (body["total"], len(body["items"]), body["items"][0]["code"]) == (4, 1, "A4")


def test_bad_filter_value_is_a_clear_error(client, make_user, login) -> None:
    login(make_user("supervisor"))
    response = client.get("/api/v1/projects?as_of=2023-13-01")
    assert response.status_code == 422
    assert response.get_json()["errors"]["as_of"] == ["日期格式不正确（例：2023-07-31）"]


def test_inspector_sees_only_their_townships(client, make_user, login, ledger, townships) -> None:
    login(make_user("inspector", townships=[townships[1]]))
    body = client.get("/api/v1/projects").get_json()
    assert [item["code"] for item in body["items"]] == ["A2"]


def test_unit_sees_only_its_projects(client, make_user, login, ledger) -> None:
    login(make_user("unit", unit=ledger["early"].unit))
    body = client.get("/api/v1/projects").get_json()
    assert [item["code"] for item in body["items"]] == ["A1"]


def test_supervisor_of_another_county_sees_nothing(
    client, make_user, login, ledger, make_region
) -> None:
    other = make_region("别的县", "county")
    login(make_user("supervisor", region=other))
    assert client.get("/api/v1/projects").get_json()["total"] == 0
    assert client.get(f"/api/v1/projects/{ledger['early'].id}").status_code == 404


def test_deputy_sees_public_facts_without_phone(client, make_user, login, ledger) -> None:
    login(make_user("deputy"))
    body = client.get(f"/api/v1/projects/{ledger['postponed'].id}").get_json()
    assert body["name"] == "华侨医院"
    assert "contact_phone" not in body


def test_deputy_does_not_see_the_lead_official(client, make_user, login, make_project) -> None:
    project = make_project(lead_official="王副县长")
    login(make_user("deputy"))
    body = client.get(f"/api/v1/projects/{project.id}").get_json()
    assert "lead_official" not in body


def test_supervisor_sees_the_lead_official(client, make_user, login, make_project) -> None:
    project = make_project(lead_official="王副县长")
    login(make_user("supervisor"))
    body = client.get(f"/api/v1/projects/{project.id}").get_json()
    assert body["lead_official"] == "王副县长"


def test_deputy_does_not_see_who_wrote_progress_reports(client, make_user, login, ledger) -> None:
    _report_as(client, make_user, login, ledger["behind"])
    login(make_user("deputy"))
    body = client.get(f"/api/v1/projects/{ledger['behind'].id}").get_json()
    assert [r for r in body["progress_reports"] if "author" in r] == []


def test_supervisor_sees_who_wrote_progress_reports(client, make_user, login, ledger) -> None:
    _report_as(client, make_user, login, ledger["behind"])
    body = client.get(f"/api/v1/projects/{ledger['behind'].id}").get_json()
    assert body["progress_reports"][0]["author"]["display_name"] == "督查室"


def _report_as(client, make_user, login, project) -> None:  # type: ignore[no-untyped-def]
    """A supervisor (督查室) records a progress report on ``project`` and stays logged in."""
    token = login(make_user("supervisor", display_name="督查室"))
    response = client.post(
        f"/api/v1/projects/{project.id}/progress-reports",
        json={"report_date": "2023-08-31", "progress_pct": 45.5},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201


@pytest.mark.parametrize("role", ["deputy", "supervisor"])
def test_rest_and_sync_show_a_role_the_same_project_fields(
    client, make_user, login, make_project, role
) -> None:
    from sync.registry import record_type

    project = make_project(
        lead_official="王副县长", contact_name="李工", contact_phone="13800000000"
    )
    user = make_user(role)
    login(user)
    rest = set(client.get(f"/api/v1/projects/{project.id}").get_json())
    synced = set(record_type("project").serialize(project, user))
    role_dependent = {"lead_official", "contact_name", "contact_phone"}
    assert rest & role_dependent == synced & role_dependent


def test_detail_has_history_newest_first(client, make_user, login, ledger) -> None:
    login(make_user("supervisor"))
    body = client.get(f"/api/v1/projects/{ledger['behind'].id}").get_json()
    assert body["lag_reason"] == "林地审批未完成"
    assert [r["progress_pct"] for r in body["progress_reports"]] == [10.0]


def test_supervisor_records_a_progress_report(client, make_user, login, ledger) -> None:
    token = login(make_user("supervisor", display_name="督查室"))
    project = ledger["behind"]
    response = client.post(
        f"/api/v1/projects/{project.id}/progress-reports",
        json={
            "report_date": "2023-08-31",
            "progress_pct": 45.5,
            "allocated_investment": 120,
            "note": "主体完工",
        },
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201
    assert response.get_json()["author"]["display_name"] == "督查室"
    detail = client.get(f"/api/v1/projects/{project.id}?as_of=2023-09-01").get_json()
    assert detail["progress_pct"] == 45.5
    assert detail["allocated_investment"] == 120.0
    assert [r["report_date"] for r in detail["progress_reports"]] == ["2023-08-31", "2023-07-31"]


def test_history_keeps_status_as_of_earlier_day(client, make_user, login, ledger) -> None:
    token = login(make_user("supervisor"))
    project = ledger["behind"]
    client.post(
        f"/api/v1/projects/{project.id}/progress-reports",
        json={"report_date": "2023-09-30", "progress_pct": 80},
        headers={"X-CSRF-Token": token},
    )
    then = client.get(f"/api/v1/projects/{project.id}?as_of=2023-08-01").get_json()
    later = client.get(f"/api/v1/projects/{project.id}?as_of=2023-10-01").get_json()
    assert (then["progress_pct"], then["schedule_status"]) == (10.0, "behind")
    assert (later["progress_pct"], later["schedule_status"]) == (80.0, "on_schedule")


def test_progress_over_100_is_refused(client, make_user, login, ledger) -> None:
    token = login(make_user("supervisor"))
    response = client.post(
        f"/api/v1/projects/{ledger['behind'].id}/progress-reports",
        json={"report_date": "2023-08-31", "progress_pct": 120},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 422
    assert response.get_json()["errors"]["progress_pct"] == ["进度应在 0–100 之间"]


def test_future_report_date_is_refused(client, make_user, login, ledger) -> None:
    token = login(make_user("supervisor"))
    response = client.post(
        f"/api/v1/projects/{ledger['behind'].id}/progress-reports",
        json={"report_date": "2999-01-01", "progress_pct": 20},
        headers={"X-CSRF-Token": token},
    )
    assert response.get_json()["errors"]["report_date"] == ["填报日期不能晚于今天"]


def test_unit_reports_progress_on_its_own_project(client, make_user, login, ledger) -> None:
    token = login(make_user("unit", unit=ledger["early"].unit))
    response = client.post(
        f"/api/v1/projects/{ledger['early'].id}/progress-reports",
        json={"report_date": "2023-08-31", "progress_pct": 100},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 201


def test_inspector_cannot_report_progress(client, make_user, login, ledger, townships) -> None:
    token = login(make_user("inspector", townships=[townships[1]]))
    response = client.post(
        f"/api/v1/projects/{ledger['behind'].id}/progress-reports",
        json={"report_date": "2023-08-31", "progress_pct": 20},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 403


def test_facets_list_only_what_the_user_sees(client, make_user, login, ledger, townships) -> None:
    login(make_user("inspector", townships=[townships[1]]))
    body = client.get("/api/v1/projects/facets").get_json()
    assert [t["name"] for t in body["townships"]] == ["西乡"]
    assert [s["code"] for s in body["statuses"]][:2] == ["completed_early", "completed"]


def test_out_of_range_filter_is_a_validation_error(client, make_user, login) -> None:
    login(make_user("supervisor"))
    response = client.get(f"/api/v1/projects?township={2**40}")
    assert response.status_code == 422
