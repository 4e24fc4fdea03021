"""The demo's 2023 as a timeline of steps, each a call a phone or the office makes.

``plan`` lays out the year for one county: monthly 回头看 / 随机查 / 重点督 inspections with
site photos, the problems the report says were coordinated (found by inspectors or made of
deputies' reports), each moving 交办 → 整改 → 复核 → 销号 (a few extended, a few late, a few
still open and overdue at the year's end), and the deputies' reports answered and rated. Every
id is derived from a name, so the same county gives the same history.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from server.demo.history import texts

ZONE = ZoneInfo("Asia/Shanghai")
YEAR = 2023
NAMESPACE = uuid.UUID("0b5f3a52-7d0e-4c7e-9d55-2023de0a0001")
KINDS = ("revisit", "random", "focused")  # 回头看 on done projects, 随机查, 重点督 on lagging ones
DEADLINE_DAYS = 30


def demo_id(*parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(str(p) for p in parts)))


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A local (Asia/Shanghai) moment of ``day``."""
    return datetime.combine(day, time(hour, minute), ZONE)


@dataclass(frozen=True)
class Site:
    """A project as the story uses it."""

    id: int
    name: str
    lat: float
    lon: float
    unit_id: int
    inspector: str  # the inspector whose townships hold it
    progress: float
    done: bool


@dataclass
class Problem:
    key: str
    site: Site
    found: datetime
    title: str
    description: str
    inspection_id: str | None = None  # found by an inspector at this inspection
    report_id: str | None = None  # made of this deputy's report (受理)
    deputy: str | None = None
    fate: str = "closed"  # closed · late · extended · overdue
    issue_id: str | None = None  # known once the problem exists


@dataclass(order=True)
class Step:
    moment: datetime
    order: int
    what: str = field(compare=False)
    run: Callable[[], None] = field(compare=False)


@dataclass
class Year:
    inspections: list[tuple[datetime, str, str, Site]]  # (when, kind, id, site)
    problems: list[Problem]
    ratings: dict[str, str]  # report id → rating


def plan(
    sites: list[Site],
    deputies: list[str],
    key: str,
    counts: tuple[int, int],
    lagging_ids: list[int],
) -> Year:
    """The year for one county: 3 inspections a month (重点督 on the ``lagging_ids``, else the
    least advanced), ``counts`` = (deputies' reports, each made a problem; problems inspectors
    find on lagging projects)."""
    reports, found = counts
    rng = random.Random(f"{key}-{YEAR}")
    lagging = [s for s in sites if s.id in lagging_ids] or sorted(
        sites, key=lambda s: (s.progress, s.id)
    )[:7]
    done = [s for s in sites if s.done] or sites
    inspections = []
    for month in range(1, 13):
        for n, kind in enumerate(KINDS):
            pool = {"revisit": done, "random": sites, "focused": lagging}[kind]
            site = pool[(month * 3 + n) % len(pool)]
            day = date(YEAR, month, 6 + 7 * n)
            inspections.append(
                (at(day, 9, 30), kind, demo_id(key, "inspection", month, kind), site)
            )
    problems: list[Problem] = []
    focused = [i for i in inspections if i[1] == "focused"]
    for n in range(found):
        when, _, inspection_id, site = focused[1 + n % (len(focused) - 1)]
        title, description = texts.FOUND[n % len(texts.FOUND)]
        problems.append(
            Problem(
                key=f"found-{n}",
                site=site,
                found=when + timedelta(minutes=40),
                title=title,
                description=description,
                inspection_id=inspection_id,
            )
        )
    first, last = date(YEAR, 2, 3), date(YEAR, 12, 8)
    span = (last - first).days
    ratings = {}
    for n in range(reports):
        day = first + timedelta(days=round(n * span / max(1, reports - 1)))
        site = sites[rng.randrange(len(sites))]
        title, description = texts.REPORTED[n % len(texts.REPORTED)]
        report_id = demo_id(key, "report", n)
        problems.append(
            Problem(
                key=f"report-{n}",
                site=site,
                found=at(day, 15, 10),
                title=f"{title}（{site.name[:20]}）",
                description=description,
                report_id=report_id,
                deputy=deputies[n % len(deputies)],
            )
        )
        ratings[report_id] = "basically_satisfied" if n % 6 == 5 else "satisfied"
    problems.sort(key=lambda p: (p.found, p.key))
    # the fates: by the order found, so they fall in the right part of the year
    fates = {3: "extended", 9: "extended", 15: "extended", 20: "late", 24: "late"}
    for n, fate in fates.items():
        if n < len(problems):
            problems[n].fate = fate
    autumn = [p for p in problems if date(YEAR, 9, 1) <= p.found.date() <= date(YEAR, 10, 31)]
    for p in autumn[:4]:
        p.fate = "overdue"
    return Year(inspections, problems, ratings)
