"""The office's ledger events in the audit chain: a bulletin's publication (with the chain head
it prints as 审计指纹 in its PDF) and project fields changed by an import, before → after."""

from __future__ import annotations

import json
import shutil
import subprocess

from server.db import db
from server.projects.models import Project
from tests.audit.conftest import log_rows, sql
from tests.bulletins.conftest import cast, townships  # noqa: F401  (fixtures)
from tests.bulletins.test_published_bulletins import Desk
from tests.projects.ledger.factories import ledger_xlsx
from tests.projects.test_import_api import post_import
from tests.support import skip_or_fail


def _rows(table: str) -> list[dict]:  # type: ignore[type-arg]
    return [dict(r) for r in log_rows() if r["table_name"] == table]


def test_an_import_records_each_field_before_and_after(
    client, login, make_user, county, verify
) -> None:  # type: ignore[no-untyped-def]
    office = make_user("supervisor", region=county)
    token = login(office)
    first = ledger_xlsx(
        {"项目编号": "A001", "项目名称": "长者食堂", "层级": "县级", "计划完成时间": "2023-12-31"}
    )
    assert post_import(client, token, first, county.id).status_code == 200
    moved = ledger_xlsx(
        {
            "项目编号": "A001",
            "项目名称": "长者食堂",
            "计划完成时间": "2024-03-31",
            "滞后原因": "用地审批未完成",
        }
    )
    body = post_import(client, token, moved, county.id).get_json()
    assert body["updated"] == 1, body
    project = db.session.query(Project).filter_by(code="A001").one()
    rows = [r for r in _rows("projects") if r["record_id"] == str(project.id)]
    assert [r["action"] for r in rows] == ["created", "updated"]
    assert {r["actor_id"] for r in rows} == {office.id}
    assert {r["chain"] for r in rows} == {county.id}
    changed = rows[1]["data"]
    assert '"planned_completion_date":["2023-12-31","2024-03-31"]' in changed
    assert '"lag_reason":[null,"用地审批未完成"]' in changed
    assert verify()[0] == 0


def test_a_progress_report_records_the_figures_it_changes(  # type: ignore[no-untyped-def]
    client, login, make_user, make_project, county, verify
) -> None:
    project = make_project(code="P1", name="长者食堂", progress=30)
    office = make_user("supervisor", region=county)
    response = client.post(
        f"/api/v1/projects/{project.id}/progress-reports",
        json={"report_date": "2023-08-31", "progress_pct": 45.5},
        headers={"X-CSRF-Token": login(office)},
    )
    assert response.status_code == 201, response.get_json()
    edits = [r for r in _rows("projects") if r["action"] == "updated"]
    assert [r["record_id"] for r in edits] == [str(project.id)]
    assert edits[0]["actor_id"] == office.id
    assert json.loads(edits[0]["data"])["changes"]["progress_pct"] == ["30", "45.5"]
    assert verify()[0] == 0


def _pdf_text(data: bytes, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if shutil.which("pdftotext") is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(data)
    run = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return "".join(run.stdout.split())


def test_a_published_bulletin_prints_the_chain_head(  # type: ignore[no-untyped-def]
    app,
    cast,  # noqa: F811
    county,
    make_project,
    verify,
    tmp_path,
) -> None:
    make_project(code="B1", name="文化礼堂")  # a row in the county's chain
    desk = Desk(app, cast["office"])
    draft = desk.draft()
    before = log_rows(county.id)
    bulletin = desk.publish(draft["id"])
    rows = log_rows(county.id)
    head = before[-1]
    published = rows[-1]
    assert (published["table_name"], published["action"]) == ("bulletins", "published")
    assert published["record_id"] == str(bulletin["id"])
    assert published["actor_id"] == cast["office"].id
    assert f'"audit_head":"{head["hash"]}"' in published["data"]
    assert f'"audit_seq":{head["seq"]}' in published["data"]
    pdf = desk.client.get(f"/api/v1/bulletins/{bulletin['id']}?format=pdf")
    text = _pdf_text(pdf.data, tmp_path)
    assert f"审计指纹{head['hash'][:16]}" in text
    assert f"审计链第{head['seq']}条" in text
    assert verify("--county", county.name)[0] == 0
    draft_pdf = desk.client.get(f"/api/v1/bulletins/{desk.draft()['id']}?format=pdf")
    assert "审计指纹" not in _pdf_text(draft_pdf.data, tmp_path)  # a draft has none yet


def test_a_bulletins_fingerprint_changed_by_sql_is_named(  # type: ignore[no-untyped-def]
    app,
    cast,  # noqa: F811
    county,
    make_project,
    verify,
) -> None:
    make_project(code="B2", name="避灾点")
    desk = Desk(app, cast["office"])
    bulletin = desk.publish(desk.draft()["id"])
    assert verify()[0] == 0
    sql("UPDATE bulletins SET audit_head = :h WHERE id = :id", h="a" * 64, id=bulletin["id"])
    code, out = verify()
    assert code == 1
    assert f"id {bulletin['id']}" in out and "表 bulletins" in out
    assert "印的审计指纹与链上" in out
