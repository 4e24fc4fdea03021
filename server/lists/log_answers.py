"""What the project log shows of an inspection beyond its line (issue 14): the checklist it was
captured with (name and version: the inspection's own version, not today's) and each answer
against that version's item, marked when it is the item's bad answer; and the thumbnails of a
line's photos by stage (发现 / 整改 / 复核 / 代表 / 检查)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from server.db import db
from server.inspections.models import Answer, Inspection
from server.media.models import Photo


def is_bad(bad_answer: Any, value: Any) -> bool:
    """True when the value is (or, for a multiple choice, holds) one of the item's bad answers
    (the rule of pwa/src/lib/template-pick.ts isBadAnswer)."""
    if bad_answer is None or value is None:
        return False
    bads = {str(b) for b in bad_answer} if isinstance(bad_answer, list) else {str(bad_answer)}
    if isinstance(value, list):
        return any(str(v) in bads for v in value)
    return str(value) in bads


def _answer(answer: Answer) -> dict[str, Any]:
    item = answer.item
    bad_answer = getattr(item, "bad_answer", None)
    return {
        "item_id": item.id,
        "position": item.position,
        "label": item.label,
        "kind": item.kind,
        "unit": item.unit,
        "value": answer.value,
        "note": answer.note,
        "bad": is_bad(bad_answer, answer.value),
    }


def checklist_of(inspection: Inspection) -> dict[str, Any] | None:
    """The inspection's template version and its answers in item order (None without one)."""
    template = inspection.template
    answers = sorted(inspection.answers, key=lambda a: (a.item.position, a.item_id))
    if template is None and not answers:
        return None
    return {
        "template": (
            None
            if template is None
            else {"id": template.id, "name": template.name, "version": template.version}
        ),
        "answers": [_answer(a) for a in answers],
    }


def thumbnails(owner_type: str, ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Owner id → its photos ({id, stage, status, thumb_url, display_url}) oldest first; a
    problem's are its own and its events'."""
    wanted = set(ids)
    if not wanted:
        return {}
    types = ("issue", "event") if owner_type == "issue" else (owner_type,)
    rows = db.session.execute(
        select(Photo.owner_id, Photo.id, Photo.stage, Photo.status)
        .where(Photo.owner_type.in_(types), Photo.owner_id.in_(wanted))
        .order_by(Photo.created_at, Photo.id)
    )
    found: dict[str, list[dict[str, Any]]] = {}
    for owner_id, photo_id, stage, status in rows:
        found.setdefault(owner_id, []).append(
            {
                "id": photo_id,
                "stage": stage,
                "status": status,
                "thumb_url": f"/api/v1/photos/{photo_id}/thumb",
                "display_url": f"/api/v1/photos/{photo_id}/display",
            }
        )
    return found


YES_NO = {"yes": "是", "no": "否", "na": "不适用"}


def answer_text(answer: dict[str, Any]) -> str:
    """One answer as the XLSX cell reads it: 是 / 否 / 不适用, a number with its unit, the options
    picked, 照片 N 张, a position; （问题） after an answer the item counts as a problem."""
    value, kind = answer["value"], answer["kind"]
    if value is None or value == "" or value == []:
        text = "—"
    elif kind == "yes_no_na":
        text = YES_NO.get(str(value), str(value))
    elif kind == "photo" and isinstance(value, list):
        text = f"照片 {len(value)} 张"
    elif kind == "gps" and isinstance(value, dict):
        text = f"{float(value.get('lat', 0)):.5f}, {float(value.get('lon', 0)):.5f}"
    elif isinstance(value, list):
        text = "、".join(str(v) for v in value)
    elif kind == "number" and answer["unit"]:
        text = f"{value} {answer['unit']}"
    else:
        text = str(value)
    return f"{answer['label']}：{text}{'（问题）' if answer['bad'] else ''}"


def checklist_cell(checklist: dict[str, Any] | None) -> str | None:
    """The 检查表回答 cell of an inspection line: its checklist version, then every answer."""
    if not checklist or not checklist["answers"]:
        return None
    template = checklist["template"]
    head = f"{template['name']}（第 {template['version']} 版）\n" if template else ""
    return head + "\n".join(answer_text(a) for a in checklist["answers"])
