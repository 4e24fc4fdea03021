"""A county starts on a fresh install, no demo: the administrator creates the county, its
townships, a unit and the accounts with the CLI; the office logs in with its one-time
password, chooses its own, imports its ledger; an inspector captures an inspection on the phone
and syncs it; the office finds it in its review queue. README「为一个县启用」 lists the same
commands."""

from __future__ import annotations

import io
import re
import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select

from server.db import db
from server.projects.models import Project
from tests.projects.ledger.factories import ledger_xlsx

NOW = datetime(2026, 12, 7, 9, 30, tzinfo=UTC).isoformat()


def _flask(runner, *args: str) -> str:  # type: ignore[no-untyped-def]
    """Run ``flask --app server ARGS``; its standard output (it must succeed)."""
    result = runner.invoke(args=list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _set_up_the_county(runner) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The commands of README「为一个县启用」; returns the county's id and the passwords."""
    _flask(runner, "templates", "load")
    _flask(runner, "regions", "create", "浙江省", "--level", "province", "--code", "330000")
    _flask(runner, "regions", "create", "丽水市", "--level", "city", "--parent", "浙江省")
    county_id = _flask(
        runner, "regions", "create", "青田县", "--level", "county", "--parent", "浙江省/丽水市"
    ).strip()
    for township in ("鹤城街道", "温溪镇"):
        _flask(runner, "regions", "create", township, "--level", "township", "--parent", "青田县")
    _flask(runner, "regions", "create", "东岸村", "--level", "village", "--parent", "青田县/温溪镇")
    _flask(runner, "units", "create", "QT-SL", "县水利局", "--county", "青田县")
    _flask(runner, "units", "create", "QT-WX", "温溪镇人民政府", "--county", "青田县")
    office = _flask(
        runner, "users", "create", "qt.office", "--role", "supervisor", "--region", "青田县"
    )
    inspector = _flask(
        runner, "users", "create", "qt.insp", "--role", "inspector", "--township", "温溪镇"
    )
    _flask(runner, "users", "create", "qt.sl", "--role", "unit", "--unit", "QT-SL")
    one_time = re.findall(
        r"一次性密码\s*[(（]首次登录须修改[)）]\s*[:：]\s*(\S+)", office + inspector
    )
    return {"county_id": county_id, "office": one_time[0], "inspector": one_time[1]}


def _first_login(app, username: str, one_time: str):  # type: ignore[no-untyped-def]
    """Log in with the one-time password and choose a new one; the client and its CSRF header."""
    client = app.test_client()
    login = client.post("/api/v1/auth/login", json={"username": username, "password": one_time})
    assert login.get_json()["user"]["must_change_password"] is True
    headers = {"X-CSRF-Token": login.get_json()["csrf_token"]}
    changed = client.post(
        "/api/v1/auth/password",
        json={"current_password": one_time, "new_password": f"{username}-own-secret"},
        headers=headers,
    )
    assert changed.status_code == 204
    return client, headers


LEDGER = [
    {
        "项目编号": "QT-2026-01",
        "项目名称": "温溪镇东岸村自来水提升",
        "层级": "县级",
        "乡镇(街道)": "温溪镇",
        "村(社区)": "东岸村",
        "责任单位": "县水利局",
        "计划投资(万元)": 120,
        "开工时间": "2026-03-01",
        "计划完成时间": "2026-11-30",
        "形象进度(%)": 60,
    },
    {
        "项目编号": "QT-2026-02",
        "项目名称": "鹤城街道长者食堂",
        "层级": "县级",
        "乡镇(街道)": "鹤城街道",
        "责任单位": "县民政局",
        "开工时间": "2026-02-01",
        "计划完成时间": "2026-12-31",
        "形象进度(%)": 80,
    },
]


def _push(client, headers, client_id: str, *mutations: dict) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    response = client.post(
        "/api/v1/sync/push",
        json={"client_id": client_id, "schema_version": 1, "mutations": list(mutations)},
        headers=headers,
    )
    assert response.status_code == 200, response.get_json()
    return response.get_json()["results"]


def _pull(client, headers, client_id: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    local: dict = {}  # type: ignore[type-arg]
    cookie = None
    while True:
        body = client.post(
            "/api/v1/sync/pull",
            json={"client_id": client_id, "cookie": cookie},
            headers=headers,
        ).get_json()
        for change in body["changes"]:
            if change["op"] == "put":
                local[(change["type"], change["id"])] = change["data"]
        cookie = body["cookie"]
        if not body["has_more"]:
            return local


def _capture(phone, headers, project_id: int, template: dict) -> str:  # type: ignore[no-untyped-def, type-arg]
    """The inspector's inspection of the project, every required item answered, submitted:
    captured offline, pushed as one batch."""
    client_id, inspection_id = str(uuid.uuid4()), str(uuid.uuid4())
    values = {
        "yes_no_na": "yes",
        "number": 3,
        "text": "好",
        "gps": {"lat": 28.1, "lon": 120.1},
        "date": "2026-12-07",
    }
    mutations = [
        {
            "name": "inspection.create",
            "args": {
                "id": inspection_id,
                "project_id": project_id,
                "kind": "routine",
                "started_at": NOW,
                "template_id": template["id"],
                "location": {"lat": 28.1, "lon": 120.1, "accuracy_m": 10, "at": NOW},
            },
        }
    ]
    for item in template["items"]:
        if item["required"]:
            photos = [str(uuid.uuid4()) for _ in range(item.get("min_count") or 1)]
            options = item.get("options") or [None]
            value = {"choice": options[0], "multiple_choice": options[:1], "photo": photos}
            mutations.append(
                {
                    "name": "answer.set",
                    "args": {
                        "inspection_id": inspection_id,
                        "item_id": item["id"],
                        "value": {**values, **value}[item["kind"]],
                    },
                }
            )
    mutations.append({"name": "inspection.submit", "args": {"inspection_id": inspection_id}})
    numbered = [{**m, "id": n, "client_time": NOW} for n, m in enumerate(mutations, start=1)]
    results = _push(phone, headers, client_id, *numbered)
    assert [r["status"] for r in results] == ["applied"] * len(numbered), results
    return inspection_id


def test_a_county_starts_from_nothing(app, runner) -> None:
    made = _set_up_the_county(runner)

    office, office_headers = _first_login(app, "qt.office", made["office"])
    imported = office.post(
        "/api/v1/projects/import",
        data={"file": (io.BytesIO(ledger_xlsx(*LEDGER)), "台账.xlsx")},
        headers=office_headers,
        content_type="multipart/form-data",
    )
    assert imported.status_code == 200, imported.get_json()
    assert imported.get_json()["created"] == 2
    county_id = int(made["county_id"])
    counted = select(func.count()).where(Project.county_id == county_id)
    assert db.session.scalar(counted) == 2

    phone, phone_headers = _first_login(app, "qt.insp", made["inspector"])
    local = _pull(phone, phone_headers, str(uuid.uuid4()))
    projects = [data for (kind, _), data in local.items() if kind == "project"]
    assert [p["name"] for p in projects] == ["温溪镇东岸村自来水提升"]  # its township's only
    template = next(data for (kind, _), data in local.items() if kind == "template")
    inspection_id = _capture(phone, phone_headers, projects[0]["id"], template)

    queue = office.get("/api/v1/review/inspections").get_json()["items"]
    assert [item["id"] for item in queue] == [inspection_id]


# the county's own checklist (README「为一个县启用」, 5): a yes/no item whose 是 is a problem,
# a number 0–100, a multiple choice, a date, a photo item needing two photos, the location
CHECKLIST = {
    "name": "青田县民生实事现场检查表",
    "kinds": [],
    "series_ids": [],
    "items": [
        {
            "kind": "yes_no_na",
            "label": "存在安全隐患",
            "required": True,
            "bad_answer": "yes",
            "opens_problem": True,
        },
        {"kind": "number", "label": "形象进度", "unit": "%", "minimum": 0, "maximum": 100},
        {
            "kind": "multiple_choice",
            "label": "已配备的设施",
            "required": True,
            "options": ["床铺", "棉被", "灶具"],
        },
        {"kind": "date", "label": "投入使用日期", "required": True},
        {"kind": "photo", "label": "现场照片", "required": True, "min_count": 2},
        {"kind": "gps", "label": "现场定位", "required": True},
    ],
}


def test_a_county_designs_its_checklist_and_an_inspector_captures_with_it(app, runner) -> None:
    from server.inspections.models import Inspection

    made = _set_up_the_county(runner)
    office, office_headers = _first_login(app, "qt.office", made["office"])
    imported = office.post(
        "/api/v1/projects/import",
        data={"file": (io.BytesIO(ledger_xlsx(*LEDGER)), "台账.xlsx")},
        headers=office_headers,
        content_type="multipart/form-data",
    )
    assert imported.status_code == 200, imported.get_json()

    designed = office.post("/api/v1/templates", json=CHECKLIST, headers=office_headers)
    assert designed.status_code == 201, designed.get_json()
    v1 = designed.get_json()
    assert v1["county_id"] == int(made["county_id"])  # the office's own county
    changed = {**CHECKLIST, "items": [*CHECKLIST["items"], {"kind": "text", "label": "其他情况"}]}
    published = office.post(
        f"/api/v1/templates/{v1['id']}/versions", json=changed, headers=office_headers
    )
    assert published.status_code == 201, published.get_json()
    v2 = published.get_json()

    phone, phone_headers = _first_login(app, "qt.insp", made["inspector"])
    local = _pull(phone, phone_headers, str(uuid.uuid4()))
    pulled = {key[1]: data for key, data in local.items() if key[0] == "template"}
    assert (pulled[v2["id"]]["active"], pulled[v1["id"]]["active"]) == (True, False)
    assert pulled[v2["id"]]["version"] == 2 and len(pulled[v2["id"]]["items"]) == 7
    project = next(data for (kind, _), data in local.items() if kind == "project")

    with_v2 = _capture(phone, phone_headers, project["id"], pulled[v2["id"]])
    queue = office.get("/api/v1/review/inspections").get_json()["items"]
    assert [item["id"] for item in queue] == [with_v2]
    # a phone offline since before v2 pushes its capture with v1: kept with v1
    with_v1 = _capture(phone, phone_headers, project["id"], pulled[v1["id"]])
    queue = office.get("/api/v1/review/inspections").get_json()["items"]
    assert {item["id"] for item in queue} == {with_v2, with_v1}
    db.session.expire_all()
    kept = {i.id: i.template_id for i in db.session.scalars(select(Inspection))}
    assert kept == {with_v2: v2["id"], with_v1: v1["id"]}
    answered = db.session.get(Inspection, with_v2)
    assert answered is not None and {a.item.kind for a in answered.answers} >= {
        "multiple_choice",
        "date",
    }
