"""The demo ledgers' building blocks: deterministic helpers, a project's spec, a county, the
rows of each snapshot (checked against the schedule rule) and writing the files."""

from __future__ import annotations

import csv
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from server.projects.schedule import (
    AHEAD,
    BEHIND,
    COMPLETED,
    COMPLETED_EARLY,
    ON_SCHEDULE,
    POSTPONED,
    ScheduleFacts,
    planned_progress,
    schedule_status,
)

HEADER = [
    "项目编号", "项目名称", "层级", "系列", "乡镇(街道)", "村(社区)", "责任单位", "分管领导",
    "联系人", "联系电话", "计划投资(万元)", "下达资金(万元)", "完成投资(万元)", "开工时间",
    "计划完成时间", "实际完成时间", "形象进度(%)", "暂缓原因", "滞后原因", "经度", "纬度",
]  # fmt: skip

PACE_STATUS = {"on": ON_SCHEDULE, "ahead": AHEAD, "behind": BEHIND, "postponed": POSTPONED}


# ---------------------------------------------------------------------------------------------
# small deterministic helpers


def h(key: str, lo: int, hi: int) -> int:
    """A stable integer in [lo, hi] derived from ``key``; full-width punctuation hashes as its
    ASCII form (NFKC), so writing a name's （） for () moves no project."""
    folded = unicodedata.normalize("NFKC", key)
    digest = int(hashlib.sha256(folded.encode("utf-8")).hexdigest()[:12], 16)
    return lo + digest % (hi - lo + 1)


def d(text: str) -> date:
    return date.fromisoformat(text)


def money(value: Decimal | int | float | str, places: str = "0.01") -> Decimal:
    return Decimal(str(value)).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def fmt_money(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.0001'), rounding=ROUND_HALF_UP):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------------------------------
# the model of one project


@dataclass
class Spec:
    code: str
    name: str
    level: str  # 省级 / 市级 / 县级 / 乡镇级
    series: str
    township: str
    village: str  # "" when the task is not tied to one village
    unit: str  # unit code (units.csv)
    plan: Decimal  # 计划投资(万元)
    start: date
    due: date
    done: date | None = None  # 实际完成时间 (None: not done by the last snapshot)
    pace: dict[date, str] = field(default_factory=dict)  # status while not done; default "on"
    lag_reason: str = ""
    postpone_reason: str = ""
    cost: Decimal | None = None  # 完成投资 once done
    alloc: dict[date, Decimal] = field(default_factory=dict)  # 下达资金 overrides
    progress: dict[date, int] = field(default_factory=dict)  # 形象进度 overrides


@dataclass
class County:
    slug: str
    name: str
    code: str
    level_label: str
    supervisor_office: str
    area_code: str  # telephone area code
    townships: list[
        tuple[str, str, list[str], tuple[float, float]]
    ]  # name, code, villages, (lat, lon)
    box: tuple[float, float, float, float]  # lat_min, lat_max, lon_min, lon_max
    units: list[tuple[str, str]]
    series: list[str]
    snapshots: list[date]
    specs: list[Spec]
    users: list[dict]
    people: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # unit -> leader, contact, phone

    def centre(self, township: str) -> tuple[float, float]:
        for name, _code, _villages, point in self.townships:
            if name == township:
                return point
        raise KeyError(township)

    def villages(self, township: str) -> list[str]:
        for name, _code, villages, _point in self.townships:
            if name == township:
                return villages
        raise KeyError(township)


def default_lag_reason(spec: Spec) -> str:
    return "施工组织不力，进度滞后"


def progress_at(spec: Spec, when: date, prev: int) -> tuple[int, str]:
    """(形象进度, expected status) of ``spec`` on ``when``."""
    if spec.done is not None and spec.done <= when:
        return 100, COMPLETED_EARLY if spec.done < spec.due else COMPLETED
    pace = spec.pace.get(when, "on")
    planned = planned_progress(spec.start, spec.due, when)
    assert planned is not None
    key = f"{spec.code}/{when.isoformat()}"
    if when in spec.progress:
        value = spec.progress[when]
    elif when <= spec.start:
        assert pace in ("on", "postponed"), (spec.code, when, pace)
        value = 0
    elif pace == "on":
        value = round_half_up(planned) + h(key, -4, 4)
    elif pace == "ahead":
        value = round_half_up(planned) + h(key, 16, 22)
    elif pace == "behind" and when > spec.due:
        value = max(prev + h(key, 5, 12), 50)
    elif pace == "behind":
        value = round_half_up(planned) - h(key, 16, 22)
    else:  # postponed: keeps what was done
        value = prev
    value = min(max(value, prev, 0), 99)
    return value, PACE_STATUS[pace]


def check_margin(spec: Spec, when: date, progress: int, status: str) -> None:
    """Keep statuses well away from the ±10 band edges so rounding never flips them."""
    planned = planned_progress(spec.start, spec.due, when)
    assert planned is not None
    diff = Decimal(progress) - planned
    if status == ON_SCHEDULE:
        assert abs(diff) <= 6, (spec.code, when, progress, planned)
    elif status == AHEAD:
        assert diff >= 15, (spec.code, when, progress, planned)
    elif status == BEHIND and when <= spec.due:
        assert diff <= -15, (spec.code, when, progress, planned)


def build_rows(county: County) -> dict[date, list[dict[str, str]]]:
    unit_names = dict(county.units)
    out: dict[date, list[dict[str, str]]] = {when: [] for when in county.snapshots}
    for spec in county.specs:
        cost = (
            spec.cost
            if spec.cost is not None
            else money(spec.plan * h(spec.code + "/cost", 93, 100) / 100)
        )
        lat, lon = point_of(county, spec)
        leader, contact, phone = county.people[spec.unit]
        prev_progress, prev_spent, prev_alloc = 0, Decimal(0), Decimal(0)
        for when in county.snapshots:
            progress, expected = progress_at(spec, when, prev_progress)
            done = spec.done is not None and spec.done <= when
            facts = ScheduleFacts(
                start_date=spec.start,
                planned_completion_date=spec.due,
                completed_on=spec.done if done else None,
                progress_pct=Decimal(progress),
                postponed_reason=spec.postpone_reason if expected == POSTPONED else None,
            )
            status = schedule_status(facts, when).status
            assert status == expected, (spec.code, spec.name, when, progress, status, expected)
            check_margin(spec, when, progress, status)
            if done:
                spent = cost
            else:
                spent = money(spec.plan * progress / 100 * h(f"{spec.code}/{when}/s", 85, 97) / 100)
                spent = min(spent, cost)
            spent = max(spent, prev_spent)
            if when in spec.alloc:
                alloc = spec.alloc[when]
            elif done:
                alloc = cost
            else:
                alloc = money(spec.plan * min(Decimal(1), Decimal(progress + 30) / 100))
            alloc = max(alloc, prev_alloc)
            assert alloc <= spec.plan, (spec.code, when, alloc, spec.plan)
            lag = ""
            if status == BEHIND:
                lag = spec.lag_reason or default_lag_reason(spec)
            out[when].append(
                {
                    "项目编号": spec.code,
                    "项目名称": spec.name,
                    "层级": spec.level,
                    "系列": spec.series,
                    "乡镇(街道)": spec.township,
                    "村(社区)": spec.village,
                    "责任单位": unit_names[spec.unit],
                    "分管领导": leader,
                    "联系人": contact,
                    "联系电话": phone,
                    "计划投资(万元)": fmt_money(spec.plan),
                    "下达资金(万元)": fmt_money(alloc),
                    "完成投资(万元)": fmt_money(spent),
                    "开工时间": spec.start.isoformat(),
                    "计划完成时间": spec.due.isoformat(),
                    "实际完成时间": spec.done.isoformat() if done and spec.done else "",
                    "形象进度(%)": str(progress),
                    "暂缓原因": spec.postpone_reason if status == POSTPONED else "",
                    "滞后原因": lag,
                    "经度": f"{lon:.6f}",
                    "纬度": f"{lat:.6f}",
                }
            )
            prev_progress, prev_spent, prev_alloc = progress, spent, alloc
    return out


def point_of(county: County, spec: Spec) -> tuple[float, float]:
    lat, lon = county.centre(spec.township)
    if spec.village:
        key = f"{spec.township}/{spec.village}"
        lat += h(key + "/lat", -16000, 16000) / 1_000_000
        lon += h(key + "/lon", -18000, 18000) / 1_000_000
    lat += h(spec.code + "/lat", -2500, 2500) / 1_000_000
    lon += h(spec.code + "/lon", -2500, 2500) / 1_000_000
    lat_min, lat_max, lon_min, lon_max = county.box
    return min(max(lat, lat_min), lat_max), min(max(lon, lon_min), lon_max)


def done_before_due(code: str, due: date, not_before: date) -> date:
    """A completion date on or before ``due`` and after ``not_before``."""
    done = due - timedelta(days=h(code + "/done", 0, 25))
    if done <= not_before:
        done = not_before + timedelta(days=h(code + "/done2", 1, max(1, (due - not_before).days)))
    assert not_before < done <= due, (code, done)
    return done


def write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = False) -> None:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_county(county: County, root: Path) -> None:
    folder = root / county.slug
    folder.mkdir(parents=True, exist_ok=True)
    write_json(
        folder / "county.json",
        {
            "name": county.name,
            "code": county.code,
            "level_label": county.level_label,
            "supervisor_office": county.supervisor_office,
            "townships": [
                {"name": name, "code": code, "villages": villages}
                for name, code, villages, _point in county.townships
            ],
        },
    )
    write_csv(folder / "units.csv", ["code", "name"], [list(u) for u in county.units])
    write_csv(folder / "series.csv", ["name"], [[s] for s in county.series])
    write_json(folder / "users.json", county.users)
    names = [s.name for s in county.specs]
    assert len(names) == len(set(names)), [n for n in names if names.count(n) > 1]
    for old in folder.glob("ledger_*.csv"):
        old.unlink()
    for when, rows in build_rows(county).items():
        write_csv(
            folder / f"ledger_{when.isoformat()}.csv",
            HEADER,
            [[row[col] for col in HEADER] for row in rows],
            bom=True,
        )
