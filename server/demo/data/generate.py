"""Build the demo data files of the two counties from the two reports in ``shared/domain/``.

Deterministic (no clock, no randomness: every "random" choice is a hash of the project code),
so running it again rewrites the very same files::

    .venv/bin/python -m server.demo.data.generate

It writes, for ``taishang`` (泉州台商投资区 2023) and ``qingtian`` (青田县 2023):
``county.json``, ``units.csv``, ``series.csv``, ``users.json`` and one ``ledger_YYYY-MM-DD.csv``
per snapshot (UTF-8 with BOM, the ledger-import headers), plus the global ``users.json``.

How the reported figures are reproduced (checked again by ``tests/demo/test_demo_data_files.py``):

- Taishang, 2023-07-31, the 48 district (县级) projects: 17 completed early, 4 ahead of schedule,
  27 on schedule; 下达资金 sums to 40600 万元 and 计划投资 to 48047 万元, and
  40600 / 48047 = 84.4995…% → 84.50% (rounded half-up to two decimals). Seven of the 27 were
  behind on 2023-05-31 ("督促7个滞后项目建设提速"). By 2023-12-31 all 81 are completed, two of
  them a few days after the planned date.
- Qingtian, 2023-12-31: 222 projects; 107 provincial/city all completed; 34 county tasks: 31
  completed, 华侨医院 postponed, 2 due 2024-02-09 and on schedule; 81 township projects in all 32
  townships (下达资金 2300 万元): 56 completed, 22 due 2024-02-09 and on schedule, 3 behind. On
  2024-02-08 the 22 and the 2 are completed; the 3 are still behind.

Each project's progress at a snapshot follows the schedule rule of ``server.projects.schedule``:
"on schedule" rows stay within ±6 points of the planned progress, "ahead" rows are 15–22 points
above it, rows behind before their due date 15–22 points below it, and the result is asserted
against ``schedule_status`` while generating.
"""

from __future__ import annotations

import csv
import hashlib
import json
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

HERE = Path(__file__).resolve().parent

HEADER = [
    "项目编号", "项目名称", "层级", "系列", "乡镇(街道)", "村(社区)", "责任单位", "分管领导",
    "联系人", "联系电话", "计划投资(万元)", "下达资金(万元)", "完成投资(万元)", "开工时间",
    "计划完成时间", "实际完成时间", "形象进度(%)", "暂缓原因", "滞后原因", "经度", "纬度",
]  # fmt: skip

PACE_STATUS = {"on": ON_SCHEDULE, "ahead": AHEAD, "behind": BEHIND, "postponed": POSTPONED}


# ---------------------------------------------------------------------------------------------
# small deterministic helpers


def h(key: str, lo: int, hi: int) -> int:
    """A stable integer in [lo, hi] derived from ``key``."""
    digest = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], 16)
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
    return "施工组织不力,进度滞后"


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


# ---------------------------------------------------------------------------------------------
# 泉州台商投资区 2023


TS_SNAPSHOTS = [d("2023-03-31"), d("2023-05-31"), d("2023-07-31"), d("2023-12-31")]
TS_JULY = d("2023-07-31")
TS_MAY = d("2023-05-31")

TS_TOWNSHIPS = [
    ("洛阳镇", "350598100",
     ["下曾村", "洛阳村", "杏宅村", "屿头村", "西安村", "梅岭村", "锦水村", "端明村", "溪庄村", "锦厝村"],
     (24.985, 118.728)),
    ("东园镇", "350598101",
     ["灵溪社区", "东园村", "长新村", "阳光村", "琅山村", "上港村", "前康村", "山前村"],
     (24.988, 118.782)),
    ("张坂镇", "350598102",
     ["张坂村", "玉霞村", "后蔡村", "浮山村", "下宫村", "玉埕村", "崇山村", "美峰村", "群贤村", "玉塘村", "群力村"],
     (25.038, 118.842)),
    ("百崎回族乡", "350598200",
     ["里春村", "白奇村", "下埭村", "莲埭村", "克圃村"],
     (24.972, 118.822)),
]  # fmt: skip

TS_UNITS = [
    ("TS-YJ", "综合执法与应急管理局"),
    ("TS-NLS", "农林水与生态环境局"),
    ("TS-MS", "民生保障局"),
    ("TS-JW", "教育文体旅游局"),
    ("TS-GJ", "规划建设与交通局"),
    ("TS-WJ", "卫生健康局"),
    ("TS-T-LUOYANG", "洛阳镇人民政府"),
    ("TS-T-DONGYUAN", "东园镇人民政府"),
    ("TS-T-ZHANGBAN", "张坂镇人民政府"),
    ("TS-T-BAIQI", "百崎回族乡人民政府"),
]

TS_PEOPLE = {
    "TS-YJ": ("郭志明", "庄伟杰", "0595-68260101"),
    "TS-NLS": ("蔡建国", "黄志鹏", "0595-68260202"),
    "TS-MS": ("刘文斌", "曾丽萍", "0595-68260303"),
    "TS-JW": ("陈秀英", "骆晓东", "0595-68260404"),
    "TS-GJ": ("王振华", "林俊辉", "0595-68260505"),
    "TS-WJ": ("许少东", "吴丽华", "0595-68260606"),
    "TS-T-LUOYANG": ("李国栋", "郑雅婷", "0595-68261010"),
    "TS-T-DONGYUAN": ("庄永福", "江小燕", "0595-68262020"),
    "TS-T-ZHANGBAN": ("骆建新", "骆美玲", "0595-68263030"),
    "TS-T-BAIQI": ("郭文忠", "郭秀兰", "0595-68264040"),
}

S_EDU, S_HEALTH, S_CARE, S_ENV, S_SAFE = (
    "教育文体惠民",
    "医疗健康保障",
    "养老托育服务",
    "城乡环境提升",
    "安全应急保障",
)
TS_SERIES = [S_EDU, S_HEALTH, S_CARE, S_ENV, S_SAFE]

# The 48 district projects. kind: E = completed early by 2023-07-31 (done date given),
# A = ahead of schedule on 2023-07-31, O = on schedule, L = behind on 2023-05-31 then on
# schedule again by 2023-07-31. "late" = finished a few days after the planned date.
TS_DISTRICT = [
    # name, series, township, village, unit, plan, start, due, kind, done
    ("东园镇中心小学综合楼新建工程", S_EDU, "东园镇", "东园村", "TS-JW", 6200, "2023-01-10", "2023-12-31", "O", None),
    ("张坂镇第二中心幼儿园新建工程", S_EDU, "张坂镇", "浮山村", "TS-JW", 3600, "2023-01-15", "2023-12-31", "O", None),
    ("洛阳镇中学教学楼改扩建工程", S_EDU, "洛阳镇", "洛阳村", "TS-JW", 2800, "2023-02-01", "2023-12-31", "O", None),
    ("百崎回族乡中心小学运动场提升改造", S_EDU, "百崎回族乡", "白奇村", "TS-JW", 680, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇中心小学学生食堂改造", S_EDU, "张坂镇", "张坂村", "TS-JW", 450, "2023-03-01", "2023-08-31", "O", None),
    ("御湖湾百姓书房新型公共文化空间", S_EDU, "东园镇", "灵溪社区", "TS-JW", 120, "2023-01-05", "2023-06-30", "E", "2023-04-28"),
    ("梅岭村百姓书房新型公共文化空间", S_EDU, "洛阳镇", "梅岭村", "TS-JW", 95, "2023-01-05", "2023-06-30", "E", "2023-05-20"),
    ("张坂镇后蔡村新型公共文化空间", S_EDU, "张坂镇", "后蔡村", "TS-JW", 88, "2023-01-05", "2023-06-30", "E", "2023-06-15"),
    ("百崎乡丝路文化艺术新型公共文化空间", S_EDU, "百崎回族乡", "里春村", "TS-JW", 260, "2023-03-01", "2023-09-30", "O", None),
    ("洛阳镇杏宅村全民健身广场建设", S_EDU, "洛阳镇", "杏宅村", "TS-JW", 150, "2023-02-15", "2023-09-30", "E", "2023-07-10"),
    ("东园镇卫生院门急诊综合楼提升改造", S_HEALTH, "东园镇", "东园村", "TS-WJ", 1800, "2023-02-01", "2023-12-31", "O", None),
    ("张坂镇卫生院发热门诊规范化建设", S_HEALTH, "张坂镇", "张坂村", "TS-WJ", 420, "2023-02-15", "2023-10-31", "O", None),
    ("百崎回族乡卫生院中医馆建设", S_HEALTH, "百崎回族乡", "白奇村", "TS-WJ", 160, "2023-02-01", "2023-09-30", "E", "2023-07-05"),
    ("洛阳镇卫生院DR及彩超设备更新", S_HEALTH, "洛阳镇", "洛阳村", "TS-WJ", 380, "2023-03-01", "2023-11-30", "A", None),
    ("张坂镇玉霞村卫生所规范化建设", S_HEALTH, "张坂镇", "玉霞村", "TS-WJ", 45, "2023-02-20", "2023-08-31", "E", "2023-06-20"),
    ("东园镇长新村卫生所规范化建设", S_HEALTH, "东园镇", "长新村", "TS-WJ", 42, "2023-02-20", "2023-08-31", "E", "2023-06-28"),
    ("洛阳镇屿头村卫生所规范化建设", S_HEALTH, "洛阳镇", "屿头村", "TS-WJ", 40, "2023-02-20", "2023-08-31", "E", "2023-07-12"),
    ("洛阳镇洛阳村长者食堂建设", S_CARE, "洛阳镇", "洛阳村", "TS-MS", 30, "2023-04-01", "2023-10-31", "O", None),
    ("东园镇东园村长者食堂建设", S_CARE, "东园镇", "东园村", "TS-MS", 30, "2023-04-01", "2023-10-31", "O", None),
    ("张坂镇张坂村长者食堂建设", S_CARE, "张坂镇", "张坂村", "TS-MS", 30, "2023-04-10", "2023-10-31", "O", None),
    ("百崎回族乡白奇村长者食堂建设", S_CARE, "百崎回族乡", "白奇村", "TS-MS", 30, "2023-04-10", "2023-10-31", "O", None),
    ("张坂镇玉塘村普惠托育园建设", S_CARE, "张坂镇", "玉塘村", "TS-WJ", 600, "2023-02-15", "2023-12-31", "O", None),
    ("东园镇阳光村农村幸福院提升改造", S_CARE, "东园镇", "阳光村", "TS-MS", 60, "2023-02-01", "2023-09-30", "E", "2023-05-25"),
    ("洛阳镇区域性养老服务中心建设", S_CARE, "洛阳镇", "西安村", "TS-MS", 1500, "2023-01-15", "2023-12-31", "L", None),
    ("百崎回族乡下埭村居家养老服务站建设", S_CARE, "百崎回族乡", "下埭村", "TS-MS", 55, "2023-02-01", "2023-09-30", "E", "2023-06-10"),
    ("洛阳镇下曾村等5村农村生活污水提升治理", S_ENV, "洛阳镇", "下曾村", "TS-NLS", 3200, "2023-01-15", "2023-12-31", "L", None),
    ("东园镇琅山村等6村农村生活污水提升治理", S_ENV, "东园镇", "琅山村", "TS-NLS", 5000, "2023-01-15", "2023-12-31", "O", None),
    ("张坂镇崇山村等7村农村生活污水提升治理", S_ENV, "张坂镇", "崇山村", "TS-NLS", 5200, "2023-01-15", "2023-11-30", "O", "late:2023-12-08"),
    ("百崎回族乡克圃村等3村农村生活污水提升治理", S_ENV, "百崎回族乡", "克圃村", "TS-NLS", 1600, "2023-02-01", "2023-11-30", "L", None),
    ("洛阳镇杏宅村农村公厕新建", S_ENV, "洛阳镇", "杏宅村", "TS-T-LUOYANG", 45, "2023-02-01", "2023-08-31", "E", "2023-05-15"),
    ("东园镇前康村农村公厕提升改造", S_ENV, "东园镇", "前康村", "TS-T-DONGYUAN", 30, "2023-02-01", "2023-08-31", "E", "2023-04-20"),
    ("张坂镇美峰村农村公厕新建", S_ENV, "张坂镇", "美峰村", "TS-T-ZHANGBAN", 40, "2023-02-01", "2023-08-31", "E", "2023-05-30"),
    ("百崎回族乡莲埭村农村公厕新建", S_ENV, "百崎回族乡", "莲埭村", "TS-T-BAIQI", 38, "2023-02-01", "2023-08-31", "E", "2023-06-05"),
    ("张坂镇群力村农村自来水管网延伸工程", S_ENV, "张坂镇", "群力村", "TS-NLS", 900, "2023-02-01", "2023-10-31", "L", None),
    ("洛阳镇溪庄村农村自来水管网改造", S_ENV, "洛阳镇", "溪庄村", "TS-NLS", 750, "2023-02-15", "2023-10-31", "O", None),
    ("东园镇上港村农村道路提升改造", S_ENV, "东园镇", "上港村", "TS-GJ", 1200, "2023-03-01", "2023-11-30", "O", None),
    ("张坂镇浮山村至下宫村道路拓宽改造", S_ENV, "张坂镇", "浮山村", "TS-GJ", 2600, "2023-02-15", "2023-12-15", "L", "late:2023-12-22"),
    ("百崎回族乡里春村滨海景观带提升", S_ENV, "百崎回族乡", "里春村", "TS-GJ", 1300, "2023-03-01", "2023-12-31", "O", None),
    ("洛阳镇锦水村溪流综合治理", S_ENV, "洛阳镇", "锦水村", "TS-NLS", 1100, "2023-02-15", "2023-11-30", "O", None),
    ("东园镇山前村城乡公交首末站建设", S_ENV, "东园镇", "山前村", "TS-GJ", 480, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇玉塘村农贸市场改造提升", S_ENV, "张坂镇", "玉塘村", "TS-T-ZHANGBAN", 520, "2023-03-01", "2023-11-30", "L", None),
    ("乡镇船舶安全评估及北斗定位终端安装", S_SAFE, "张坂镇", "玉霞村", "TS-NLS", 26, "2023-02-01", "2023-11-30", "E", "2023-06-30"),
    ("张坂镇群贤村小型消防救援站建设", S_SAFE, "张坂镇", "群贤村", "TS-YJ", 850, "2023-02-01", "2023-12-31", "O", None),
    ("东园镇灵溪社区微型消防站规范化建设", S_SAFE, "东园镇", "灵溪社区", "TS-YJ", 120, "2023-02-01", "2023-09-30", "E", "2023-07-18"),
    ("洛阳镇端明村洛阳江防洪堤加固工程", S_SAFE, "洛阳镇", "端明村", "TS-NLS", 0, "2023-01-10", "2023-12-31", "O", None),
    ("百崎回族乡应急广播“村村响”升级改造", S_SAFE, "百崎回族乡", "里春村", "TS-YJ", 95, "2023-02-15", "2023-09-30", "E", "2023-06-25"),
    ("东园镇灵溪社区电动自行车集中充电设施建设", S_SAFE, "东园镇", "灵溪社区", "TS-YJ", 300, "2023-03-01", "2023-10-31", "A", None),
    ("张坂镇后蔡村地质灾害隐患点治理", S_SAFE, "张坂镇", "后蔡村", "TS-GJ", 360, "2023-03-01", "2023-11-30", "L", None),
]  # fmt: skip

TS_PLAN_TOTAL = Decimal(48047)
TS_ALLOC_JULY = Decimal(40600)

TS_LAG_REASONS = {
    "洛阳镇区域性养老服务中心建设": "选址优化调整,施工图审查延后,进度滞后",
    "洛阳镇下曾村等5村农村生活污水提升治理": "管网路由涉及群众房前屋后,政策处理进度慢",
    "百崎回族乡克圃村等3村农村生活污水提升治理": "终端设施选址未落定,进度滞后",
    "张坂镇群力村农村自来水管网延伸工程": "主管道穿越道路审批未完成,进度滞后",
    "张坂镇浮山村至下宫村道路拓宽改造": "沿线征迁未完成,进度滞后",
    "张坂镇玉塘村农贸市场改造提升": "临时安置摊位协调未到位,进度滞后",
    "张坂镇后蔡村地质灾害隐患点治理": "配套资金拨付滞后,进度滞后",
}

# 15 disaster shelters (市级: 市、区配套补助资金 5 万元 each, 75 万元 in all).
TS_SHELTERS = [
    ("洛阳镇", "下曾村"), ("东园镇", "灵溪社区"), ("张坂镇", "玉霞村"), ("百崎回族乡", "里春村"),
    ("洛阳镇", "洛阳村"), ("洛阳镇", "屿头村"), ("洛阳镇", "端明村"),
    ("东园镇", "琅山村"), ("东园镇", "上港村"), ("东园镇", "前康村"),
    ("张坂镇", "浮山村"), ("张坂镇", "下宫村"), ("张坂镇", "崇山村"),
    ("百崎回族乡", "莲埭村"), ("百崎回族乡", "克圃村"),
]  # fmt: skip

# The other 18 provincial / city projects. kind: E = completed early before 2023-07-31,
# B = behind on 2023-07-31 (typhoon Doksuri), O = on schedule.
TS_PROVCITY = [
    ("洛阳镇卫生院标准化急救站点建设", "省级", S_HEALTH, "洛阳镇", "洛阳村", "TS-WJ", 180, "2023-03-01", "2023-09-30", "E", "2023-07-20"),
    ("东园镇中心小学近视防控教室照明改造", "省级", S_EDU, "东园镇", "东园村", "TS-JW", 90, "2023-04-01", "2023-08-31", "O", None),
    ("东园镇阳光村普惠性托育机构新增托位", "省级", S_CARE, "东园镇", "阳光村", "TS-WJ", 120, "2023-03-01", "2023-11-30", "O", None),
    ("百崎回族乡莲埭村老年助餐服务点建设", "省级", S_CARE, "百崎回族乡", "莲埭村", "TS-MS", 40, "2023-03-01", "2023-09-30", "O", None),
    ("洛阳镇锦厝村困难残疾人家庭无障碍改造", "省级", S_CARE, "洛阳镇", "锦厝村", "TS-MS", 36, "2023-03-01", "2023-10-31", "E", "2023-07-25"),
    ("东园镇前康村城乡供水一体化管网改造", "省级", S_ENV, "东园镇", "前康村", "TS-NLS", 1800, "2023-02-01", "2023-12-31", "O", None),
    ("张坂镇下宫村农村公路安全生命防护工程", "省级", S_SAFE, "张坂镇", "下宫村", "TS-GJ", 420, "2023-03-01", "2023-10-31", "B", None),
    ("张坂镇中心幼儿园“阳光厨房”改造", "省级", S_EDU, "张坂镇", "玉埕村", "TS-JW", 60, "2023-04-01", "2023-08-31", "O", None),
    ("百崎回族乡白奇村农村饮水安全巩固提升", "省级", S_ENV, "百崎回族乡", "白奇村", "TS-NLS", 300, "2023-02-15", "2023-11-30", "O", None),
    ("洛阳镇洛阳桥历史街区消防设施提升", "市级", S_SAFE, "洛阳镇", "洛阳村", "TS-YJ", 260, "2023-03-01", "2023-11-30", "O", None),
    ("东园镇长新村“一老一小”服务站建设", "市级", S_CARE, "东园镇", "长新村", "TS-MS", 80, "2023-03-15", "2023-10-31", "O", None),
    ("张坂镇张坂村学校食堂“明厨亮灶”建设", "省级", S_EDU, "张坂镇", "张坂村", "TS-JW", 75, "2023-04-01", "2023-08-31", "E", "2023-07-28"),
    ("洛阳镇西安村口袋公园建设", "市级", S_ENV, "洛阳镇", "西安村", "TS-GJ", 150, "2023-03-01", "2023-10-31", "O", None),
    ("百崎回族乡下埭村百崎湖环湖健身步道提升", "省级", S_EDU, "百崎回族乡", "下埭村", "TS-JW", 600, "2023-02-15", "2023-12-31", "O", None),
    ("洛阳镇杏宅村小微水体整治", "省级", S_ENV, "洛阳镇", "杏宅村", "TS-NLS", 120, "2023-03-01", "2023-10-31", "O", None),
    ("东园镇东园村农贸市场提升改造", "省级", S_ENV, "东园镇", "东园村", "TS-T-DONGYUAN", 450, "2023-03-01", "2023-12-31", "O", None),
    ("张坂镇玉埕村社区嵌入式养老服务设施建设", "省级", S_CARE, "张坂镇", "玉埕村", "TS-MS", 220, "2023-03-01", "2023-12-31", "O", None),
    ("张坂镇群贤村“15分钟健身圈”建设", "省级", S_EDU, "张坂镇", "群贤村", "TS-JW", 130, "2023-03-15", "2023-11-30", "O", None),
]  # fmt: skip


def done_before_due(code: str, due: date, not_before: date) -> date:
    """A completion date on or before ``due`` and after ``not_before``."""
    done = due - timedelta(days=h(code + "/done", 0, 25))
    if done <= not_before:
        done = not_before + timedelta(days=h(code + "/done2", 1, max(1, (due - not_before).days)))
    assert not_before < done <= due, (code, done)
    return done


def taishang() -> County:
    specs: list[Spec] = []
    for number, row in enumerate(TS_DISTRICT, start=1):
        name, series, township, village, unit, plan, start, due, kind, done = row
        code = f"TS2023-{number:03d}"
        spec = Spec(
            code, name, "县级", series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        if kind == "E":
            spec.done = d(done)
            assert spec.done < spec.due and spec.done <= TS_JULY
        elif done and done.startswith("late:"):
            spec.done = d(done.removeprefix("late:"))
            assert spec.done > spec.due
        else:
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=7))
        if kind == "A":
            spec.pace[TS_JULY] = "ahead"
        if kind == "L":
            # slow from the start: 5 points under the planned share in March, behind in May
            march = TS_SNAPSHOTS[0]
            planned = planned_progress(spec.start, spec.due, march) or Decimal(0)
            spec.progress[march] = max(0, round_half_up(planned) - 5)
            spec.pace[TS_MAY] = "behind"
            spec.lag_reason = TS_LAG_REASONS[name]
        if name.startswith("乡镇船舶安全评估"):
            spec.cost = Decimal("25.418")
        if "长者食堂" in name:
            spec.cost = Decimal(30)
        specs.append(spec)

    # 计划投资: the flood bank takes whatever makes the total 48047 万元.
    balance = next(s for s in specs if s.plan == 0)
    balance.plan = TS_PLAN_TOTAL - sum(s.plan for s in specs)
    assert 2000 <= balance.plan <= 4000, balance.plan

    # 下达资金 on 2023-07-31: completed projects have their whole cost, the others 78–88 % of the
    # plan; the rest of 40600 goes to the biggest projects still under way.
    july: dict[str, Decimal] = {}
    for s in specs:
        if s.done is not None and s.done <= TS_JULY:
            july[s.code] = (
                s.cost if s.cost is not None else money(s.plan * h(s.code + "/cost", 93, 100) / 100)
            )
            s.cost = july[s.code]
        elif "长者食堂" in s.name:
            july[s.code] = Decimal(30)
        else:
            july[s.code] = money(s.plan * h(s.code + "/a7", 78, 88) / 100, "1")
    rest = TS_ALLOC_JULY - sum(july.values())
    big = sorted((s for s in specs if s.done > TS_JULY and s.plan >= 2000), key=lambda s: -s.plan)
    share = money(rest / len(big), "1")
    for s in big[1:]:
        july[s.code] += share
        rest -= share
    july[big[0].code] += rest
    for s in specs:
        assert july[s.code] <= s.plan, (s.code, july[s.code], s.plan)
    assert sum(july.values()) == TS_ALLOC_JULY
    for s in specs:
        a7 = july[s.code]
        s.alloc[TS_SNAPSHOTS[0]] = a7 if s.done <= TS_SNAPSHOTS[0] else money(a7 * Decimal("0.45"))
        s.alloc[TS_SNAPSHOTS[1]] = a7 if s.done <= TS_SNAPSHOTS[1] else money(a7 * Decimal("0.75"))
        s.alloc[TS_JULY] = a7
        final = s.cost if s.cost is not None else money(s.plan * h(s.code + "/cost", 93, 100) / 100)
        s.alloc[TS_SNAPSHOTS[3]] = max(a7, final)

    for number, (township, village) in enumerate(TS_SHELTERS, start=1):
        code = f"TS2023-S{number:03d}"
        spec = Spec(
            code,
            f"{township}{village}自然灾害避灾点规范化建设",
            "市级",
            S_SAFE,
            township,
            village,
            "TS-YJ",
            Decimal(5),
            d("2023-03-01") + timedelta(days=h(code + "/st", 0, 30)),
            d("2023-07-15"),
        )
        spec.done = d("2023-06-05") + timedelta(days=h(code + "/dn", 0, 40))
        spec.cost = Decimal(5)
        for when in TS_SNAPSHOTS:
            spec.alloc[when] = Decimal(5)
        specs.append(spec)
    for number, row in enumerate(TS_PROVCITY, start=len(TS_SHELTERS) + 1):
        name, level, series, township, village, unit, plan, start, due, kind, done = row
        code = f"TS2023-S{number:03d}"
        spec = Spec(
            code, name, level, series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        if kind == "E":
            spec.done = d(done)
        elif kind == "B":
            spec.pace[TS_JULY] = "behind"
            spec.lag_reason = "受第5号台风“杜苏芮”影响停工,进度滞后"
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=30))
        else:
            spec.done = done_before_due(code, spec.due, TS_JULY + timedelta(days=7))
        specs.append(spec)

    users = [
        {"username": "ts_duchashi", "display_name": "黄丽娟(区督查室)", "role": "supervisor",
         "unit": None, "townships": [], "county": True},
        {"username": "ts_duchayuan1", "display_name": "陈志强(督查员)", "role": "inspector",
         "unit": None, "townships": ["洛阳镇", "东园镇"], "county": False},
        {"username": "ts_duchayuan2", "display_name": "郭雅芳(督查员)", "role": "inspector",
         "unit": None, "townships": ["张坂镇", "百崎回族乡"], "county": False},
        {"username": "ts_duchayuan3", "display_name": "庄明辉(督查员)", "role": "inspector",
         "unit": None, "townships": ["东园镇", "张坂镇"], "county": False},
        {"username": "ts_yingji", "display_name": "庄伟杰(综合执法与应急管理局)", "role": "unit",
         "unit": "TS-YJ", "townships": [], "county": False},
        {"username": "ts_nonglinshui", "display_name": "黄志鹏(农林水与生态环境局)", "role": "unit",
         "unit": "TS-NLS", "townships": [], "county": False},
        {"username": "ts_minsheng", "display_name": "曾丽萍(民生保障局)", "role": "unit",
         "unit": "TS-MS", "townships": [], "county": False},
        {"username": "ts_daibiao1", "display_name": "骆清泉(区人大代表)", "role": "deputy",
         "unit": None, "townships": [], "county": False},
        {"username": "ts_daibiao2", "display_name": "郭丽云(区人大代表)", "role": "deputy",
         "unit": None, "townships": [], "county": False},
    ]  # fmt: skip
    return County(
        slug="taishang",
        name="泉州台商投资区",
        code="350598",
        level_label="区",
        supervisor_office="台商投资区督查室",
        area_code="0595",
        townships=TS_TOWNSHIPS,
        box=(24.95, 25.10, 118.70, 118.95),
        units=TS_UNITS,
        series=TS_SERIES,
        snapshots=TS_SNAPSHOTS,
        specs=specs,
        users=users,
        people=TS_PEOPLE,
    )


# ---------------------------------------------------------------------------------------------
# 青田县 2023


QT_SNAPSHOTS = [d("2023-06-30"), d("2023-12-31"), d("2024-02-08")]
QT_JUNE, QT_YEAR_END, QT_FESTIVAL = QT_SNAPSHOTS
SPRING_FESTIVAL_EVE = d("2024-02-09")

# name, code, unit code suffix, villages, (lat, lon)
QT_TOWNSHIPS = [
    ("鹤城街道", "331121001", "HECHENG", ["城东社区", "城西社区", "太鹤社区"], (28.140, 120.290)),
    ("瓯南街道", "331121002", "ONAN", ["南湾村", "外岙村", "上垟村", "湖边村"], (28.125, 120.305)),
    ("油竹街道", "331121003", "YOUZHU", ["油竹村", "塘垟村", "新大村"], (28.118, 120.335)),
    ("三溪口街道", "331121004", "SANXIKOU", ["三溪口村", "岩口村", "雄溪村"], (28.155, 120.240)),
    ("温溪镇", "331121100", "WENXI", ["温溪村", "港头村", "东岸村", "梅岙村"], (28.075, 120.430)),
    ("东源镇", "331121101", "DONGYUAN", ["东源村", "平演村", "徐岙村"], (28.120, 120.395)),
    ("高湖镇", "331121102", "GAOHU", ["高湖村", "洋坑村", "西山村"], (28.195, 120.385)),
    ("船寮镇", "331121103", "CHUANLIAO", ["船寮村", "高岗村", "赤岩村", "大路村"], (28.190, 120.140)),
    ("海口镇", "331121104", "HAIKOU", ["海口村", "何岙村", "尚仁村"], (28.170, 120.185)),
    ("腊口镇", "331121105", "LAKOU", ["腊口村", "石郭村", "东山村"], (28.262, 120.048)),
    ("仁庄镇", "331121106", "RENZHUANG", ["孙山村", "仁庄村", "雅林村", "夏严村"], (28.005, 120.205)),
    ("北山镇", "331121107", "BEISHAN", ["北山村", "张口村", "东垟村"], (28.275, 120.105)),
    ("山口镇", "331121108", "SHANKOU", ["山口村", "石门村", "隔溪村"], (28.150, 120.212)),
    ("祯埠镇", "331121109", "ZHENBU", ["陈篆村", "祯埠村", "王岙村"], (28.095, 120.140)),
    ("阜山乡", "331121200", "FUSHAN", ["阜山村", "陈宅村", "清湖村"], (27.965, 120.070)),
    ("方山乡", "331121201", "FANGSHAN", ["龙现村", "方山村", "奎岩村"], (28.020, 120.370)),
    ("章村乡", "331121202", "ZHANGCUN", ["章村村", "岭头村"], (27.935, 120.050)),
    ("小舟山乡", "331121203", "XIAOZHOUSHAN", ["小舟山村", "朱山村"], (28.245, 120.160)),
    ("吴坑乡", "331121204", "WUKENG", ["吴坑村", "桐坑村"], (28.235, 120.045)),
    ("汤垟乡", "331121205", "TANGYANG", ["汤垟村", "坑口村"], (27.990, 119.975)),
    ("贵岙乡", "331121206", "GUIAO", ["贵岙村", "东坑村"], (28.040, 120.420)),
    ("季宅乡", "331121207", "JIZHAI", ["季宅村", "小溪村"], (28.080, 120.020)),
    ("黄垟乡", "331121208", "HUANGYANG", ["黄垟村", "朱岙村"], (28.050, 120.055)),
    ("万山乡", "331121209", "WANSHAN", ["万山村", "双垟村"], (27.950, 120.130)),
    ("舒桥乡", "331121210", "SHUQIAO", ["舒桥村", "里垟村"], (28.290, 120.320)),
    ("巨浦乡", "331121211", "JUPU", ["巨浦村", "下岸村"], (28.220, 120.300)),
    ("万阜乡", "331121212", "WANFU", ["万阜村", "上坑村"], (28.060, 120.260)),
    ("石溪乡", "331121213", "SHIXI", ["石溪村", "坳后村"], (28.030, 120.240)),
    ("祯旺乡", "331121214", "ZHENWANG", ["祯旺村", "南阳村"], (28.045, 120.120)),
    ("岭根乡", "331121215", "LINGGEN", ["岭根村", "叶垟村"], (28.330, 120.150)),
    ("章旦乡", "331121216", "ZHANGDAN", ["章旦村", "瓦窑村"], (28.120, 120.200)),
    ("高市乡", "331121217", "GAOSHI", ["高市村", "凤阳村"], (28.180, 120.060)),
]  # fmt: skip

QT_BUREAUS = [
    ("QT-JT", "县交通运输局"),
    ("QT-WJ", "县卫健局"),
    ("QT-JY", "县教育局"),
    ("QT-MZ", "县民政局"),
    ("QT-SL", "县水利局"),
    ("QT-ZJ", "县住建局"),
    ("QT-YB", "县医保局"),
    ("QT-RS", "县人力社保局"),
    ("QT-WG", "县文广旅体局"),
    ("QT-SJ", "县市场监管局"),
    ("QT-GA", "县公安局"),
    ("QT-ZF", "县综合行政执法局"),
    ("QT-ZY", "县自然资源和规划局"),
    ("QT-CL", "县残联"),
]

QT_SURNAMES = "周陈叶徐林王吴刘季詹邱潘夏留胡郑项杨"
QT_GIVEN = ["建平", "晓峰", "海燕", "志勇", "丽君", "伟东", "春华", "国强", "美玲", "旭东",
            "雅琴", "文斌", "宏伟", "素芳", "俊峰", "立新", "慧敏", "永胜", "一鸣", "秀丽"]  # fmt: skip


def qt_person(key: str) -> str:
    return (
        QT_SURNAMES[h(key + "/s", 0, len(QT_SURNAMES) - 1)]
        + QT_GIVEN[h(key + "/g", 0, len(QT_GIVEN) - 1)]
    )


def township_unit_name(township: str) -> str:
    return f"{township}办事处" if township.endswith("街道") else f"{township}人民政府"


X_TRAFFIC, X_HEALTH, X_EDU, X_CARE, X_SOCIAL = (
    "交通出行",
    "医疗健康",
    "教育提质",
    "养老托育",
    "社会保障",
)
X_JOBS, X_CULTURE, X_LIVING, X_WATER, X_SAFETY = (
    "就业增收",
    "文化体育",
    "人居环境",
    "饮用水安全",
    "平安建设",
)
QT_TEN = [
    X_TRAFFIC,
    X_HEALTH,
    X_EDU,
    X_CARE,
    X_SOCIAL,
    X_JOBS,
    X_CULTURE,
    X_LIVING,
    X_WATER,
    X_SAFETY,
]
QT_TOWNSHIP_SERIES = "乡镇民生实事票决项目"
QT_PROVCITY_SERIES = "省市级民生实事"

HOSPITAL_REASON = (
    "专项债资金未发放到位,资金难以保障,经研究暂缓实施,待明年专项债资金到位后再开工建设"
)

# The 34 county tasks (县政府十方面民生实事). kind: done (with date), early (done before
# 2023-06-30), lag (behind on 2023-06-30, done later), pending (due 2024-02-09, done before the
# Spring Festival), postponed (华侨医院).
QT_COUNTY = [
    # name, series, township, village, unit, plan, start, due, kind, done
    ("提升改造农村公路120公里", X_TRAFFIC, "船寮镇", "", "QT-JT", 9600, "2023-02-15", "2023-11-30", "lag", "2023-12-20"),
    ("新建改建城乡公交候车亭60个", X_TRAFFIC, "鹤城街道", "", "QT-JT", 360, "2023-03-01", "2023-10-31", "done", "2023-10-20"),
    ("新增城区公共停车泊位1000个", X_TRAFFIC, "瓯南街道", "", "QT-ZJ", 2800, "2023-06-15", "2024-02-09", "pending", "2024-02-02"),
    ("改造农村公路危桥10座", X_TRAFFIC, "温溪镇", "", "QT-JT", 1500, "2023-03-10", "2023-12-31", "done", "2023-12-26"),
    ("开工建设华侨医院", X_HEALTH, "油竹街道", "新大村", "QT-WJ", 20000, "2023-03-01", "2023-12-31", "postponed", None),
    ("推进村卫生室医保互联互通", X_HEALTH, "鹤城街道", "", "QT-YB", 180, "2023-03-01", "2023-11-30", "lag", "2023-11-25"),
    ("建成县人民医院胸痛中心和卒中中心", X_HEALTH, "鹤城街道", "太鹤社区", "QT-WJ", 650, "2023-02-20", "2023-10-31", "early", "2023-06-20"),
    ("开展城乡老年人免费健康体检3万人次", X_HEALTH, "鹤城街道", "", "QT-WJ", 450, "2023-03-01", "2023-11-30", "done", "2023-11-15"),
    ("完成乡镇卫生院提升改造3家", X_HEALTH, "船寮镇", "船寮村", "QT-WJ", 1200, "2023-03-15", "2023-12-31", "done", "2023-12-28"),
    ("建成瓯南幼儿园新园区", X_EDU, "瓯南街道", "外岙村", "QT-JY", 3200, "2023-01-10", "2023-08-31", "done", "2023-08-25"),
    ("改造提升农村中小学食堂15所", X_EDU, "腊口镇", "", "QT-JY", 900, "2023-03-01", "2023-08-31", "done", "2023-08-20"),
    ("改造中小学教室照明200间", X_EDU, "鹤城街道", "", "QT-JY", 320, "2023-04-01", "2023-08-31", "done", "2023-08-15"),
    ("温溪镇第二小学扩建工程", X_EDU, "温溪镇", "东岸村", "QT-JY", 4500, "2023-02-01", "2023-12-31", "done", "2023-12-30"),
    ("新建老年食堂(助餐点)20个", X_CARE, "鹤城街道", "", "QT-MZ", 400, "2023-03-01", "2023-10-31", "done", "2023-10-25"),
    ("完成困难老年人家庭适老化改造300户", X_CARE, "鹤城街道", "", "QT-MZ", 150, "2023-03-01", "2023-10-31", "early", "2023-06-28"),
    ("新增普惠性托位300个", X_CARE, "瓯南街道", "", "QT-WJ", 600, "2023-03-01", "2023-12-31", "done", "2023-12-15"),
    ("建设乡镇居家养老服务中心3家", X_CARE, "东源镇", "东源村", "QT-MZ", 450, "2023-03-15", "2023-11-30", "done", "2023-11-20"),
    ("实现困难群众医疗救助“一站式”结算全覆盖", X_SOCIAL, "鹤城街道", "", "QT-YB", 80, "2023-03-01", "2023-09-30", "early", "2023-06-15"),
    ("建成县残疾人康复服务中心", X_SOCIAL, "油竹街道", "塘垟村", "QT-CL", 800, "2023-02-15", "2023-12-31", "done", "2023-12-20"),
    ("建设“共富工坊”20家", X_JOBS, "船寮镇", "", "QT-RS", 200, "2023-03-01", "2023-11-30", "done", "2023-11-10"),
    ("开展华侨回乡创业及技能培训2000人次", X_JOBS, "鹤城街道", "", "QT-RS", 120, "2023-03-01", "2023-11-30", "done", "2023-10-31"),
    ("建设城市书房3家", X_CULTURE, "鹤城街道", "城西社区", "QT-WG", 300, "2023-03-01", "2023-10-31", "done", "2023-10-28"),
    ("新建乡村百姓健身房10个", X_CULTURE, "山口镇", "", "QT-WG", 200, "2023-03-15", "2023-10-31", "done", "2023-09-30"),
    ("提升瓯江沿岸健身步道8公里", X_CULTURE, "鹤城街道", "", "QT-WG", 700, "2023-03-01", "2023-12-31", "done", "2023-12-18"),
    ("改造城镇老旧小区5个", X_LIVING, "鹤城街道", "城东社区", "QT-ZJ", 3500, "2023-03-01", "2023-12-31", "done", "2023-12-25"),
    ("新建改造城乡公厕15座", X_LIVING, "三溪口街道", "", "QT-ZF", 450, "2023-03-01", "2023-10-31", "done", "2023-10-15"),
    ("瓯南街道农贸市场提升改造", X_LIVING, "瓯南街道", "上垟村", "QT-SJ", 1200, "2023-06-15", "2024-02-09", "pending", "2024-02-06"),
    ("创建生活垃圾分类示范小区20个", X_LIVING, "鹤城街道", "", "QT-ZF", 160, "2023-03-01", "2023-11-30", "done", "2023-11-20"),
    ("实施农村饮用水达标提标工程(受益2万人)", X_WATER, "阜山乡", "", "QT-SL", 2600, "2023-02-20", "2023-12-31", "done", "2023-12-22"),
    ("完成小型水库除险加固8座", X_WATER, "高湖镇", "", "QT-SL", 1600, "2023-02-20", "2023-11-30", "done", "2023-11-28"),
    ("完成山塘综合整治20座", X_WATER, "仁庄镇", "", "QT-SL", 800, "2023-03-01", "2023-10-31", "done", "2023-10-30"),
    ("建设农贸市场食品安全快检室10个", X_SAFETY, "温溪镇", "", "QT-SJ", 150, "2023-03-01", "2023-09-30", "early", "2023-06-10"),
    ("实施城区路口交通信号灯智能化改造30处", X_SAFETY, "鹤城街道", "", "QT-GA", 500, "2023-03-01", "2023-10-31", "done", "2023-10-20"),
    ("完成地质灾害隐患点综合治理15处", X_SAFETY, "祯埠镇", "", "QT-ZY", 1100, "2023-03-01", "2023-11-30", "done", "2023-11-26"),
]  # fmt: skip

QT_COUNTY_LAG = {
    "提升改造农村公路120公里": "部分路段受梅雨季节影响施工缓慢,沥青铺设进度滞后",
    "推进村卫生室医保互联互通": "部分村卫生室网络专线及医保结算设备未到位,进度滞后",
}

# The 107 provincial / city projects: (level, unit, count, name pattern, where, plan range 万元).
# "{t}" is the township, "{v}" a village of it.
QT_PROVCITY_KINDS = [
    ("省级", "QT-JT", 12, "{t}{v}通村公路提升改造", "rural", (180, 900)),
    ("省级", "QT-MZ", 12, "{t}{v}老年食堂(助餐点)建设", "all", (15, 60)),
    ("省级", "QT-WJ", 4, "{t}普惠性托育机构建设", ["鹤城街道", "瓯南街道", "温溪镇", "船寮镇"], (80, 300)),
    ("省级", "QT-WJ", 10, "{t}{v}卫生室规范化建设", "rural", (15, 60)),
    ("省级", "QT-SL", 10, "{t}{v}农村饮用水达标提标工程", "rural", (60, 400)),
    ("省级", "QT-JY", 6, "{t}中心学校“阳光厨房”改造", ["温溪镇", "船寮镇", "海口镇", "腊口镇", "仁庄镇", "北山镇"], (30, 120)),
    ("省级", "QT-WJ", 3, "{t}急救站点建设", ["温溪镇", "船寮镇", "仁庄镇"], (50, 200)),
    ("省级", "QT-ZJ", 4, "{t}{v}老旧小区改造提升", [("鹤城街道", "城东社区"), ("鹤城街道", "城西社区"), ("鹤城街道", "太鹤社区"), ("油竹街道", "油竹村")], (300, 1500)),
    ("市级", "QT-CL", 5, "{t}{v}困难残疾人家庭无障碍改造", "all", (10, 40)),
    ("市级", "QT-WG", 10, "{t}{v}乡村百姓健身房建设", "rural", (15, 50)),
    ("市级", "QT-JT", 5, "{t}{v}公交候车亭及招呼站建设", "all", (10, 60)),
    ("市级", "QT-SL", 8, "{t}{v}山塘综合整治", "rural", (30, 200)),
    ("市级", "QT-SJ", 4, "{t}农贸市场改造提升", ["温溪镇", "船寮镇", "海口镇", "北山镇"], (150, 600)),
    ("市级", "QT-ZF", 8, "{t}{v}旅游公厕改造", "rural", (20, 60)),
    ("市级", "QT-ZY", 6, "{t}{v}地质灾害隐患点综合治理", "rural", (50, 400)),
]  # fmt: skip

# Township projects (乡镇民生实事票决项目): kinds of works, by village.
QT_TOWNSHIP_WORKS = [
    "村道硬化提升工程", "休闲公园建设", "太阳能路灯安装", "文化礼堂提升改造", "生态停车场建设",
    "居家养老服务照料中心提升", "饮用水管网改造", "溪道整治及护岸建设", "便民桥修复加固",
    "健身广场建设", "垃圾分类收集点建设", "村内道路安全护栏安装", "农村公厕提升改造",
    "村级便民服务中心改造", "防洪堤加固",
]  # fmt: skip

QT_DELAYED = {
    # township: (name, village, due, lag reason, progress at 2023-06-30 / 2023-12-31 / 2024-02-08)
    "瓯南街道": ("瓯南街道南湾村休闲场所", "南湾村", "2023-10-31",
                 "受政策处理因素影响,进度滞后", (20, 55, 65)),
    "仁庄镇": ("仁庄镇孙山村村委办公楼至后山公路硬化", "孙山村", "2023-11-30",
               "林地审批未完成,进度滞后", (None, 60, 70)),
    "祯埠镇": ("祯埠镇陈篆至海口南岸(祯埠段)道路安全防护设施建设", "陈篆村", "2023-12-15",
               "受政策处理、林地审批等因素影响,进度滞后", (None, 70, 80)),
}  # fmt: skip

QT_TOWNSHIP_FUNDS = Decimal(2300)


def qingtian() -> County:
    specs: list[Spec] = []
    names = [t[0] for t in QT_TOWNSHIPS]
    rural = [t for t in names if not t.endswith("街道")]

    # provincial / city: 107, all completed by 2023-12-31
    number = 0
    for level, unit, count, pattern, where, (low, high) in QT_PROVCITY_KINDS:
        if where == "all" or where == "rural":
            pool = names if where == "all" else rural
            offset = h(pattern, 0, len(pool) - 1)
            places = []
            for i in range(count):
                township = pool[(offset + i * 3) % len(pool)]
                villages = next(t[3] for t in QT_TOWNSHIPS if t[0] == township)
                places.append((township, villages[h(pattern + township, 0, len(villages) - 1)]))
        elif isinstance(where[0], tuple):
            places = list(where)
        else:
            places = [(t, next(x[3] for x in QT_TOWNSHIPS if x[0] == t)[0]) for t in where]
        assert len(places) == count
        for index, (township, village) in enumerate(places):
            number += 1
            code = f"QT2023-S{number:03d}"
            name = pattern.format(t=township, v=village)
            start = d("2023-02-15") + timedelta(days=h(code + "/st", 0, 60))
            due = d(
                ["2023-09-30", "2023-10-31", "2023-11-30", "2023-12-20"][h(code + "/due", 0, 3)]
            )
            spec = Spec(code, name, level, QT_PROVCITY_SERIES, township, village, unit,
                        money(h(code + "/plan", low, high), "1"), start, due)  # fmt: skip
            if "通村公路" in name and index < 4:
                # the roads the report calls lagging: behind in June, finished late in December
                spec.due = d("2023-11-30")
                spec.pace[QT_JUNE] = "behind"
                spec.lag_reason = "受梅雨季节影响,路基路面施工进度滞后"
                spec.done = d("2023-12-05") + timedelta(days=h(code + "/dn", 0, 15))
            elif (
                ("老年食堂" in name and index < 6)
                or "无障碍" in name
                or ("候车亭" in name and index < 2)
            ):
                spec.done = start + timedelta(days=h(code + "/dn", 45, 75))
                assert spec.done <= QT_JUNE
            else:
                spec.done = done_before_due(code, spec.due, QT_JUNE + timedelta(days=20))
            specs.append(spec)
    assert number == 107

    for number, row in enumerate(QT_COUNTY, start=1):
        name, series, township, village, unit, plan, start, due, kind, done = row
        code = f"QT2023-X{number:03d}"
        spec = Spec(
            code, name, "县级", series, township, village, unit, Decimal(plan), d(start), d(due)
        )
        spec.done = d(done) if done else None
        if kind == "lag":
            spec.pace[QT_JUNE] = "behind"
            spec.lag_reason = QT_COUNTY_LAG[name]
        if kind == "postponed":
            spec.postpone_reason = HOSPITAL_REASON
            spec.pace[QT_YEAR_END] = spec.pace[QT_FESTIVAL] = "postponed"
            spec.progress = {QT_JUNE: 36, QT_YEAR_END: 60, QT_FESTIVAL: 60}
            spec.alloc = {when: Decimal(0) for when in QT_SNAPSHOTS}
            spec.cost = Decimal("486.5")
        specs.append(spec)

    # township projects: 81 over the 32 townships (3 in each 街道 and 镇 and in 3 乡, 2 elsewhere)
    three = {t for t in names if not t.endswith("乡")} | {"阜山乡", "方山乡", "章旦乡"}
    township_specs: list[Spec] = []
    number = 0
    for t_index, (township, _code, unit_suffix, villages, _point) in enumerate(QT_TOWNSHIPS):
        count = 3 if township in three else 2
        for i in range(count):
            number += 1
            code = f"QT2023-Z{number:03d}"
            village = villages[i % len(villages)]
            work = QT_TOWNSHIP_WORKS[(t_index * 2 + i * 5) % len(QT_TOWNSHIP_WORKS)]
            name = f"{township}{village}{work}"
            lag = ""
            if i == 0 and township in QT_DELAYED:
                name, village, _due, lag, _progress = QT_DELAYED[township]
            spec = Spec(code, name, "乡镇级", QT_TOWNSHIP_SERIES, township, village,
                        f"QT-T-{unit_suffix}", Decimal(0), d("2023-03-01"), d("2023-12-31"))  # fmt: skip
            spec.lag_reason = lag
            township_specs.append(spec)
    assert number == 81

    delayed = [s for s in township_specs if s.lag_reason]
    others = sorted(
        (s for s in township_specs if not s.lag_reason), key=lambda s: h(s.code + "/pick", 0, 10**9)
    )
    pending, finished = others[:22], others[22:]
    for s in delayed:
        _name, _village, due, _lag, (p6, p12, p2) = QT_DELAYED[s.township]
        s.start, s.due, s.done = d("2023-04-01"), d(due), None
        s.pace = {QT_YEAR_END: "behind", QT_FESTIVAL: "behind"}
        s.progress = {QT_YEAR_END: p12, QT_FESTIVAL: p2}
        if p6 is not None:
            s.pace[QT_JUNE] = "behind"
            s.progress[QT_JUNE] = p6
    for s in pending:
        s.start = d("2023-07-01") + timedelta(days=h(s.code + "/st", 0, 80))
        s.due = SPRING_FESTIVAL_EVE
        s.done = d("2024-01-10") + timedelta(days=h(s.code + "/dn", 0, 29))
    for index, s in enumerate(finished):
        s.start = d("2023-03-01") + timedelta(days=h(s.code + "/st", 0, 90))
        s.due = d(
            ["2023-08-31", "2023-09-30", "2023-10-31", "2023-11-30", "2023-12-31"][
                h(s.code + "/due", 0, 4)
            ]
        )
        if index < 8:  # done before the June report
            s.start = min(s.start, d("2023-04-15"))
            s.done = s.start + timedelta(days=h(s.code + "/dn", 45, 75))
        elif index < 11:  # finished a few days late (but within 2023)
            s.due = d("2023-11-30")
            s.done = d("2023-12-03") + timedelta(days=h(s.code + "/dn", 0, 20))
        else:
            s.done = done_before_due(s.code, s.due, QT_JUNE + timedelta(days=20))

    # 2300 万元 fixed funding over the 81 projects: 18–42 万元 each, the remainder on the last one.
    base = {s.code: h(s.code + "/fund", 18, 42) for s in township_specs}
    scale = QT_TOWNSHIP_FUNDS / sum(base.values())
    funds = {code: money(value * scale, "1") for code, value in base.items()}
    funds[township_specs[-1].code] += QT_TOWNSHIP_FUNDS - sum(funds.values())
    for s in township_specs:
        full = funds[s.code]
        s.plan = money(full * h(s.code + "/own", 100, 160) / 100, "0.1")
        s.alloc = {QT_JUNE: money(full * Decimal("0.6")), QT_YEAR_END: full, QT_FESTIVAL: full}
    specs.extend(township_specs)

    units = list(QT_BUREAUS) + [(f"QT-T-{t[2]}", township_unit_name(t[0])) for t in QT_TOWNSHIPS]
    people = {}
    for code, _name in units:
        phone = f"0578-68{h(code + '/tel', 10000, 99999)}"
        people[code] = (qt_person(code + "/lead"), qt_person(code + "/contact"), phone)

    users = [
        {"username": "qt_duchashi", "display_name": "叶晓峰(县政府督查室)", "role": "supervisor",
         "unit": None, "townships": [], "county": True},
        {"username": "qt_duchayuan1", "display_name": "周雅琴(督查员)", "role": "inspector",
         "unit": None, "townships": [*names[0:4], "温溪镇", "东源镇", "高湖镇", "方山乡", "贵岙乡"],
         "county": False},
        {"username": "qt_duchayuan2", "display_name": "徐立新(督查员)", "role": "inspector",
         "unit": None, "townships": ["船寮镇", "海口镇", "山口镇", "祯埠镇", "仁庄镇", "章旦乡",
                                     "万阜乡", "石溪乡", "祯旺乡", "季宅乡", "黄垟乡"],
         "county": False},
        {"username": "qt_duchayuan3", "display_name": "季永胜(督查员)", "role": "inspector",
         "unit": None, "townships": ["腊口镇", "北山镇", "阜山乡", "章村乡", "小舟山乡", "吴坑乡",
                                     "汤垟乡", "万山乡", "舒桥乡", "巨浦乡", "岭根乡", "高市乡"],
         "county": False},
        {"username": "qt_jiaotong", "display_name": f"{people['QT-JT'][1]}(县交通运输局)", "role": "unit",
         "unit": "QT-JT", "townships": [], "county": False},
        {"username": "qt_yibao", "display_name": f"{people['QT-YB'][1]}(县医保局)", "role": "unit",
         "unit": "QT-YB", "townships": [], "county": False},
        {"username": "qt_ounan", "display_name": f"{people['QT-T-ONAN'][1]}(瓯南街道办事处)", "role": "unit",
         "unit": "QT-T-ONAN", "townships": [], "county": False},
        {"username": "qt_daibiao1", "display_name": "留海燕(县人大代表)", "role": "deputy",
         "unit": None, "townships": [], "county": False},
        {"username": "qt_daibiao2", "display_name": "詹国强(县人大代表)", "role": "deputy",
         "unit": None, "townships": [], "county": False},
    ]  # fmt: skip
    return County(
        slug="qingtian",
        name="青田县",
        code="331121",
        level_label="县",
        supervisor_office="青田县人民政府督查室",
        area_code="0578",
        townships=[(t[0], t[1], t[3], t[4]) for t in QT_TOWNSHIPS],
        box=(27.90, 28.40, 119.80, 120.50),
        units=units,
        series=[*QT_TEN, QT_TOWNSHIP_SERIES, QT_PROVCITY_SERIES],
        snapshots=QT_SNAPSHOTS,
        specs=specs,
        users=users,
        people=people,
    )


# ---------------------------------------------------------------------------------------------
# writing


GLOBAL_USERS = [
    {"username": "admin", "display_name": "系统管理员", "role": "admin",
     "unit": None, "townships": [], "county": False},
    {"username": "supervisor", "display_name": "督查室(演示)", "role": "supervisor",
     "unit": None, "townships": [], "county": False},
]  # fmt: skip


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


def main() -> None:
    for county in (taishang(), qingtian()):
        write_county(county, HERE)
    write_json(HERE / "users.json", GLOBAL_USERS)


if __name__ == "__main__":
    main()
