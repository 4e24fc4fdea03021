"""The bulletin's 情况 in words when the office wrote none, shaped like the reports it models
(../shared/domain/): the whole first, then 省市级 and 县（区）级 (and 乡镇级) projects each with
their completion, schedule and funds, then the totals, then the period's inspections, problems
and deputies' reports. Amounts in 万元 with two decimals and thousands separators."""

from __future__ import annotations

from datetime import date
from typing import Any

from server.bulletins.figures import rate
from server.bulletins.tables import LEVELS_ZH, percent, wan
from server.bulletins.typeset import full_width
from server.projects.services import STATUS_CODES, STATUS_LABELS_ZH

# the reports' own grouping: provincial and city projects together, then the county's, then
# the townships'
GROUPS = ((("province", "city"), "省市级"), (("county",), None), (("township",), None))
FUND_KEYS = ("planned_yuan", "released_yuan", "spent_yuan")


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def amount(yuan: int) -> str:
    """万元 as printed: 53,253.00."""
    return f"{wan(yuan):,.2f}"


def _statuses(counts: dict[str, int]) -> str:
    said = "，".join(
        f"{STATUS_LABELS_ZH[code]}{counts[code]}个" for code in STATUS_CODES if counts[code]
    )
    return said or "暂无项目"


def _funds(line: dict[str, Any], share: Any) -> str:
    return (
        f"已下达资金{amount(line['released_yuan'])}万元，"
        f"占计划投资{amount(line['planned_yuan'])}万元的{percent(share)}"
    )


def _group(bulletin: dict[str, Any], levels: tuple[str, ...], name: str | None) -> str | None:
    """One sentence of a group of levels, or None when it has no project."""

    def rows(figure: str) -> list[dict[str, Any]]:
        return [r for r in bulletin[figure]["levels"] if r["level"] in levels]

    projects = rows("projects")
    if not projects:
        return None
    label = name if len(projects) > 1 and name else LEVELS_ZH[projects[0]["level"]]
    total = sum(r["total"] for r in projects)
    done = sum(r["completed"] for r in projects)
    counts = {code: sum(r[code] for r in rows("statuses")) for code in STATUS_CODES}
    funds = {key: sum(r[key] for r in rows("funds")) for key in FUND_KEYS}
    return full_width(
        f"{label}项目{total}个，已完成{done}个，完成率{percent(rate(done, total))}；"
        f"从序时进度看，{_statuses(counts)}；"
        f"{_funds(funds, rate(funds['released_yuan'], funds['planned_yuan']))}。"
    )


def summary_paragraphs(bulletin: dict[str, Any]) -> list[str]:
    """情况 in words, from the figures (the office's own 问题 / 要求 paragraphs come later)."""
    total = bulletin["projects"]["total"]
    funds = bulletin["funds"]["total"]
    problems = bulletin["problems"]["total"]
    reports = bulletin["deputy_reports"]
    region = bulletin["region"]["name"]
    groups = [_group(bulletin, levels, name) for levels, name in GROUPS]
    return [
        f"截至{chinese_date(bulletin['to'])}，{region}共有民生实事项目{total['total']}个，"
        f"已完成{total['completed']}个，完成率{percent(total['rate'])}。",
        *(g for g in groups if g),
        f"合计{_statuses(bulletin['statuses']['total'])}；"
        f"{_funds(funds, funds['released_share'])}；已完成投资{amount(funds['spent_yuan'])}万元。",
        f"{chinese_date(bulletin['from'])}至{chinese_date(bulletin['to'])}，共开展督查检查"
        f"{bulletin['inspections']['total']}次，发现问题{problems['found']}个，"
        f"整改{problems['rectified']}个，销号{problems['closed']}个；截至期末尚未销号"
        f"{problems['open']}个，其中逾期{problems['overdue']}个。收到人大代表反映"
        f"{reports['received']}件，已受理{reports['accepted']}件，已答复{reports['replied']}件。",
    ]
