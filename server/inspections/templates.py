"""The default checklists (检查表) for the common project categories.

Ids are derived from category, version and position, so loading twice creates nothing twice.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.orm import utcnow
from server.inspections.models import ChecklistItem, ChecklistTemplate
from sync.changes import log_changes

_NAMESPACE = uuid.UUID("6f1d2c1e-0d55-4c55-9a7e-3a4b5c6d7e8f")

# (kind, label, required, options / unit)
_COMMON_END = [
    ("photo", "现场照片（全景、细部各至少一张）", True, None),
    ("gps", "现场定位", True, None),
    ("text", "群众意见或其他情况", False, None),
]
DEFAULT_TEMPLATES: dict[str, tuple[str, list[tuple[str, str, bool, object]]]] = {
    "general": (
        "通用检查表",
        [
            ("yes_no_na", "项目已按计划开工或建成", True, None),
            ("number", "现场核实形象进度", True, "%"),
            ("yes_no_na", "公示牌信息完整（项目名称、责任单位、投资、工期）", False, None),
            ("yes_no_na", "存在安全隐患", True, None),
            *_COMMON_END,
        ],
    ),
    "disaster_shelter": (
        "自然灾害避灾点检查表",
        [
            ("yes_no_na", "避灾点标识牌醒目、指引清楚", True, None),
            ("number", "床铺（双层床或折叠床）数量", True, "张"),
            ("number", "棉被数量", True, "床"),
            ("yes_no_na", "灶具、餐具、洗漱用品配备齐全", True, None),
            ("yes_no_na", "有管理人员和值守制度", True, None),
            ("choice", "环境卫生", True, ["干净整洁", "一般", "较差"]),
            *_COMMON_END,
        ],
    ),
    "elder_canteen": (
        "长者食堂检查表",
        [
            ("yes_no_na", "已投入运营", True, None),
            ("number", "日均就餐老人人数", False, "人"),
            ("yes_no_na", "食品经营许可证在有效期内", True, None),
            ("yes_no_na", "明厨亮灶、留样记录完整", True, None),
            ("yes_no_na", "助餐补贴按标准发放", False, None),
            *_COMMON_END,
        ],
    ),
    "rural_toilet": (
        "农村公厕检查表",
        [
            ("yes_no_na", "已建成并对外开放", True, None),
            ("yes_no_na", "有专人保洁", True, None),
            ("yes_no_na", "水、电、照明正常", True, None),
            ("choice", "卫生状况", True, ["干净无异味", "一般", "脏乱"]),
            *_COMMON_END,
        ],
    ),
    "sewage": (
        "农村生活污水治理检查表",
        [
            ("yes_no_na", "管网已接通、农户已接入", True, None),
            ("yes_no_na", "终端设施正常运行", True, None),
            ("yes_no_na", "出水无明显异味、浑浊", True, None),
            ("number", "接入农户数", False, "户"),
            *_COMMON_END,
        ],
    ),
    "tap_water": (
        "农村自来水检查表",
        [
            ("yes_no_na", "管网铺设完成", True, None),
            ("yes_no_na", "入户龙头能正常供水", True, None),
            ("choice", "水压", True, ["正常", "偏低", "无水"]),
            ("yes_no_na", "有水质检测报告", False, None),
            *_COMMON_END,
        ],
    ),
    "cultural_space": (
        "新型公共文化空间检查表",
        [
            ("yes_no_na", "已投入使用并按时开放", True, None),
            ("number", "本月开展活动场次", False, "场"),
            ("yes_no_na", "有专人管理", True, None),
            ("yes_no_na", "存在闲置情况", True, None),
            *_COMMON_END,
        ],
    ),
    "road": (
        "道路硬化检查表",
        [
            ("yes_no_na", "路面已硬化完成", True, None),
            ("number", "硬化长度", False, "公里"),
            ("yes_no_na", "路面无明显开裂、沉陷", True, None),
            ("yes_no_na", "安全防护设施（护栏、标志）到位", True, None),
            *_COMMON_END,
        ],
    ),
}


def _id(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


def default_item_rules(kind: str, label: str, options: list[str] | None) -> dict[str, object]:
    """What a default checklist's item counts as a problem (migration 0018 applies the same rule
    to the stored ones): a yes/no item is bad when answered 否, except one asking whether
    something bad exists (「存在…」), bad when 是, and it opens a problem draft; a choice item's
    last option is bad; a photo item needs at least one photo."""
    if kind == "yes_no_na":
        return {"bad_answer": "yes" if label.startswith("存在") else "no", "opens_problem": True}
    if kind == "choice" and options:
        return {"bad_answer": [options[-1]]}
    if kind == "photo":
        return {"min_count": 1}
    return {}


def ensure_default_templates(session: Session, version: int = 1) -> list[ChecklistTemplate]:
    """Create the default checklists that are missing; returns the new ones."""
    created = []
    for category, (name, items) in DEFAULT_TEMPLATES.items():
        template_id = _id(category, version)
        if session.scalar(select(ChecklistTemplate.id).where(ChecklistTemplate.id == template_id)):
            continue
        template = ChecklistTemplate(
            id=template_id,
            family_id=_id(category, 1),
            category=category,
            name=name,
            version=version,
            published_at=utcnow(),
        )
        for position, (kind, label, required, extra) in enumerate(items, start=1):
            options = extra if isinstance(extra, list) else None
            template.items.append(
                ChecklistItem(
                    id=_id(category, version, position),
                    position=position,
                    kind=kind,
                    label=label,
                    required=required,
                    options=options,
                    unit=extra if isinstance(extra, str) else None,
                    **default_item_rules(kind, label, options),
                )
            )
        session.add(template)
        created.append(template)
    if created:
        log_changes(session, "template", created)
    return created
