"""XLSForm through the API: the three test forms (tests/inspections/xlsforms.py) imported item by
item, refused row by row with nothing stored, previewed, capped in size, and a designed checklist
exported and imported back equal with everything the designer sets."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook

from server.db import db
from server.inspections.models import ChecklistTemplate
from server.inspections.template_xlsform import MAX_XLSFORM_BYTES
from tests.inspections.conftest import checklist
from tests.inspections.xlsforms import facilities_form, safety_check, unsupported_form

URL = "/api/v1/templates/import-xlsform"
FIELDS = (
    "kind",
    "label",
    "required",
    "options",
    "unit",
    "hint",
    "bad_answer",
    "opens_problem",
    "minimum",
    "maximum",
    "integer",
    "min_count",
)


def upload(office, data: bytes, name: str = "form.xlsx", query: str = "", **form: Any) -> Any:  # type: ignore[no-untyped-def]
    return office.post(
        f"{URL}{query}",
        data={"file": (io.BytesIO(data), name), **form},
        content_type="multipart/form-data",
    )


def fields(item: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(item[name] for name in FIELDS)


def test_the_safety_check_is_imported_item_for_item(office, county) -> None:
    response = upload(office, safety_check(), "安全检查.xlsx", kinds="routine,random")
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert (body["name"], body["county_id"], body["kinds"], body["category"]) == (
        "施工安全检查",
        county.id,
        ["random", "routine"],
        "safety_check",
    )
    # fmt: off
    assert [fields(i) for i in body["items"]] == [
        ("yes_no_na", "存在安全隐患", True, None, None, "请绕现场一周后作答\n如脚手架、临边防护",
         None, False, None, None, False, None),
        ("yes_no_na", "灭火器在有效期内", True, None, None, None,
         None, False, None, None, False, None),
        ("number", "安全出口数量", False, None, "个", None, None, False, 1, 20, True, None),
        ("photo", "现场照片", True, None, None, None, None, False, None, None, False, None),
        ("gps", "现场定位", True, None, None, None, None, False, None, None, False, None),
    ]
    # fmt: on


def test_select_multiple_with_its_choices_is_imported_item_for_item(office) -> None:
    body = upload(office, facilities_form(), "设施.xlsx").get_json()
    assert body["name"] == "设施"  # no settings sheet: the file's name
    # fmt: off
    assert [fields(i) for i in body["items"]] == [
        ("multiple_choice", "已配备的设施", True, ["床铺", "棉被", "灶具"], None, "可多选",
         None, False, None, None, False, None),
        ("choice", "环境卫生", True, ["干净整洁", "一般", "较差"], None, None,
         None, False, None, None, False, None),
        ("number", "建筑面积", False, None, "平方米", None, None, False, 0, None, False, None),
        ("date", "开放日期", False, None, None, None, None, False, None, None, False, None),
        ("text", "其他情况", False, None, None, None, None, False, None, None, False, None),
    ]
    # fmt: on


def test_a_form_with_unsupported_rows_is_refused_row_by_row_and_nothing_is_stored(office) -> None:
    response = upload(office, unsupported_form(), "odk.xlsx")
    assert response.status_code == 422
    body = response.get_json()
    assert body["code"] == "xlsform_refused"
    assert body["message"] == "该 XLSForm 有 9 处无法导入，未导入任何内容"
    assert [(r["sheet"], r["row"], r["column"]) for r in body["rows"]] == [
        ("survey", 2, "relevant"),
        ("survey", 3, "required"),
        ("survey", 6, "relevant"),
        ("survey", 7, "type"),
        ("survey", 8, "type"),
        ("survey", 10, "type"),
        ("survey", 11, "type"),
        ("survey", 12, "constraint"),
        ("survey", 13, "constraint"),
    ]
    assert all(r["message"].startswith("『survey』工作表第") for r in body["rows"])
    assert db.session.query(ChecklistTemplate).count() == 0


def test_a_dry_run_shows_the_items_and_stores_nothing(office) -> None:
    response = upload(office, safety_check(), query="?dry_run=1")
    assert response.status_code == 200
    body = response.get_json()
    assert [i["label"] for i in body["items"]][:2] == ["存在安全隐患", "灭火器在有效期内"]
    assert [(r["row"], r["code"]) for r in body["ignored"]] == [(2, "metadata"), (3, "metadata")]
    assert db.session.query(ChecklistTemplate).count() == 0


def test_a_file_over_two_megabytes_is_refused(office) -> None:
    response = upload(office, b"x" * (MAX_XLSFORM_BYTES + 1))
    assert response.status_code == 413
    assert response.get_json()["code"] == "upload_too_large"


def test_an_item_the_designer_refuses_is_a_refused_row(office) -> None:
    from tests.inspections.xlsforms import xlsform

    one_option = xlsform(
        survey=[["type", "name", "label"], ["select_one only", "only", "唯一选项"]],
        choices=[["list_name", "name", "label"], ["only", "a", "甲"]],
    )
    body = upload(office, one_option).get_json()
    assert body["code"] == "xlsform_refused"
    assert [(r["row"], r["column"], r["code"]) for r in body["rows"]] == [
        (2, "options", "invalid_item")
    ]


def test_a_designed_checklist_exports_and_imports_back_equal(office, county) -> None:
    designed = checklist(county_id=county.id)
    designed["items"] += [
        {"kind": "number", "label": "床位", "integer": True, "minimum": 1, "maximum": 50},
        {
            "kind": "multiple_choice",
            "label": "缺少的设施",
            "options": ["床铺", "棉被", "灶具"],
            "bad_answer": ["棉被", "灶具"],
            "opens_problem": True,
        },
        {"kind": "date", "label": "开放日期", "hint": "按公示牌填写"},
        {"kind": "yes_no_na", "label": "有专人管理", "bad_answer": "no"},
    ]
    original = office.post("/api/v1/templates", designed).get_json()
    exported = office.get(f"/api/v1/templates/{original['id']}/xlsform")
    assert exported.status_code == 200
    assert (
        "%E6%96%BD%E5%B7%A5%E5%AE%89%E5%85%A8%E6%A3%80%E6%9F%A5-v1.xlsx"
        in (exported.headers["Content-Disposition"])
    )  # 施工安全检查-v1.xlsx
    survey = load_workbook(io.BytesIO(exported.data))["survey"]
    header = [c.value for c in survey[1]]
    assert {"constraint", "bad_answer", "opens_problem", "min_count"} <= set(header)
    back = upload(office, exported.data, "施工安全检查-v1.xlsx").get_json()
    assert [fields(i) for i in back["items"]] == [fields(i) for i in original["items"]]
    assert back["name"] == original["name"] and back["id"] != original["id"]
