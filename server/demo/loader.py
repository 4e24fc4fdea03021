"""Load the demo counties: regions, units, series, users, and the ledger snapshots.

Each county's ledger arrives as dated snapshots imported in order through the real import, so the
progress history is what an office would have built month by month. Safe to run twice: what
exists is left alone.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from server.auth.models import User
from server.auth.services import create_user
from server.db import db
from server.demo.unit_logins import ensure_unit_logins
from server.inspections.templates import ensure_default_templates
from server.projects.importing import import_ledger
from server.projects.models import Project
from server.regions.models import Region, Unit
from server.regions.services import get_or_create_region, get_or_create_series

DATA = Path(__file__).parent / "data"
DEMO_PASSWORD = "demo12345"

# province and city above each county (the counties' files name only themselves)
PARENTS = {
    "taishang": (("福建省", "350000"), ("泉州市", "350500")),
    "qingtian": (("浙江省", "330000"), ("丽水市", "331100")),
}


@dataclass
class CountyFiles:
    key: str
    folder: Path

    def county(self) -> dict[str, Any]:
        return json.loads((self.folder / "county.json").read_text(encoding="utf-8"))

    def rows(self, name: str) -> list[dict[str, str]]:
        with (self.folder / name).open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))

    def snapshots(self) -> list[tuple[date, Path]]:
        found = sorted(self.folder.glob("ledger_*.csv"))
        return [(date.fromisoformat(p.stem.removeprefix("ledger_")), p) for p in found]

    def users(self) -> list[dict[str, Any]]:
        return json.loads((self.folder / "users.json").read_text(encoding="utf-8"))


def _county_region(files: CountyFiles) -> Region:
    info = files.county()
    (province_name, province_code), (city_name, city_code) = PARENTS[files.key]
    province, _ = get_or_create_region(province_name, "province", None, province_code)
    city, _ = get_or_create_region(city_name, "city", province, city_code)
    county, _ = get_or_create_region(info["name"], "county", city, info.get("code"))
    for township_info in info["townships"]:
        township, _ = get_or_create_region(
            township_info["name"], "township", county, township_info.get("code")
        )
        for village in township_info.get("villages", []):
            get_or_create_region(village, "village", township)
    return county


def _units_and_series(files: CountyFiles, county: Region) -> None:
    for row in files.rows("units.csv"):
        if db.session.scalar(select(Unit.id).where(Unit.code == row["code"])) is None:
            db.session.add(Unit(code=row["code"], name=row["name"], region_id=county.id))
    for row in files.rows("series.csv"):
        get_or_create_series(row["name"], county)
    db.session.flush()


def _ensure_user(spec: dict[str, Any], county: Region | None) -> User | None:
    if db.session.scalar(select(User).where(User.username == spec["username"])) is not None:
        return None
    unit = None
    if spec.get("unit"):
        unit = db.session.scalar(select(Unit).where(Unit.code == spec["unit"]))
    townships = []
    for name in spec.get("townships") or []:
        township = (
            db.session.scalar(
                select(Region).where(
                    Region.name == name, Region.level == "township", Region.parent_id == county.id
                )
            )
            if county
            else None
        )
        if township is not None:
            townships.append(township)
    region = (
        county if county is not None and spec["role"] in ("supervisor", "deputy", "admin") else None
    )
    return create_user(
        spec["username"],
        DEMO_PASSWORD,
        spec["role"],
        spec.get("display_name"),
        unit,
        region,
        townships,
    )


def load_demo() -> list[str]:
    """Load both demo counties; returns lines to print (what was loaded and the logins)."""
    lines: list[str] = []
    templates = ensure_default_templates(db.session)
    db.session.commit()
    if templates:
        lines.append(f"检查表：新建 {len(templates)} 张")
    counties = [CountyFiles(key, DATA / key) for key in PARENTS]
    for files in counties:
        county = _county_region(files)
        _units_and_series(files, county)
        for spec in files.users():
            _ensure_user(spec, county)
        ensure_unit_logins((row["code"] for row in files.rows("units.csv")), DEMO_PASSWORD)
        db.session.commit()
        existing = (
            db.session.scalar(select(func.count()).where(Project.county_id == county.id)) or 0
        )
        if existing:
            lines.append(f"{county.name}：已有 {existing} 个项目，跳过导入（already loaded）")
            continue
        author = db.session.scalars(
            select(User).where(User.role == "supervisor", User.region_id == county.id)
        ).first()
        for snapshot_date, path in files.snapshots():
            outcome = import_ledger(
                author,
                county,
                path.read_bytes(),
                path.name,
                dry_run=False,
                report_date=snapshot_date,
            )
            if outcome.errors:
                raise RuntimeError(f"demo ledger {path.name} has errors: {outcome.errors[:3]}")
            lines.append(
                f"{county.name} {snapshot_date}：新建 {outcome.created}，更新 {outcome.updated}，未变 {outcome.unchanged}"
            )
    for spec in json.loads((DATA / "users.json").read_text(encoding="utf-8")):
        _ensure_user(spec, None)
    db.session.commit()
    lines.append("")
    lines.append(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
    for user in db.session.scalars(
        select(User).order_by(User.region_id.is_not(None), User.region_id, User.role, User.username)
    ):
        scope = (
            user.region.name
            if user.region
            else (
                user.unit.name if user.unit else "、".join(t.name for t in user.townships) or "全部"
            )
        )
        lines.append(f"  {user.username:<16} {user.role:<10} {user.display_name} ({scope})")
    return lines
