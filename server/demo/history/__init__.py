"""The demo counties' 2023 field history, made through the same API a phone and the office use.

``flask --app server demo history`` plays each county's year (server/demo/history/story.py).
Taishang: 36 monthly inspections (回头看 / 随机查 / 重点督) with site photos, the 45 problems the
report says were coordinated (6 found on lagging projects, 39 made of the deputies' reports behind
its 39 recommendations) moving 交办 → 整改 → 复核 → 销号, the reports answered and rated.
Qingtian: the same inspections and the 4 problems of its 4 assignment slips (交办单).
Deterministic; a county whose history exists is skipped.
"""

from __future__ import annotations

import time

from flask import Flask
from sqlalchemy import select

from server.db import db
from server.demo.history.runner import already_played, play
from server.regions.models import Region

# county key → (county name, deputies' reports, problems inspectors find)
COUNTIES = {
    "taishang": ("泉州台商投资区", 39, 6),
    # the Qingtian report's 4 assignment slips (交办单): 4 problems found. No deputies' reports:
    # its deputies vote the 81 township projects (票决) and its standing committee's 代表与选任工委
    # joins 2 of the 9 special inspections (联合督导), but it names no suggestion, report or
    # reply of a deputy, so none is made up here
    "qingtian": ("青田县", 0, 4),
}


def generate_history(app: Flask, password: str) -> list[str]:
    """Play every demo county's year not played yet; lines to print."""
    lines = []
    for key, (name, reports, found) in COUNTIES.items():
        county = db.session.scalar(
            select(Region).where(Region.name == name, Region.level == "county")
        )
        if county is None:
            lines.append(f"{name}：未载入演示数据，先运行 flask --app server demo load")
            continue
        if already_played(key):
            lines.append(f"{name}：2023 年现场记录已存在，跳过（already generated）")
            continue
        started = time.monotonic()
        made = play(app, key, county, password, reports, found)
        lines.append(
            f"{name}：2023 年现场记录已生成——检查 {made['inspections']} 次，问题 {made['problems']} 个，"
            f"代表反映 {made['reports']} 件，照片 {made['photos']} 张，共 {made['steps']} 步，"
            f"用时 {time.monotonic() - started:.1f} 秒"
        )
    return lines
