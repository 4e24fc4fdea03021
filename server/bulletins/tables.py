"""The bulletin's figures as titled tables (Chinese, as the document prints them), shared by
the XLSX (one sheet per table) and the PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from server.i18n import LEVEL_LABELS
from server.money import yuan_to_wan
from server.projects.services import STATUS_CODES, STATUS_LABELS_ZH
from server.reports.schemas import RATING_LABELS
from server.review.schemas import KIND_LABELS

LEVELS_ZH = LEVEL_LABELS["zh-CN"]
NOT_ASSIGNED = "未交办"
NO_REASON = "未填写"  # as the office's page says when a project gives no reason


@dataclass
class Table:
    """``sheet`` names the XLSX sheet (≤ 31 characters); ``total`` is the 合计 row, if any."""

    sheet: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    total: list[Any] | None = None
    widths: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Percent:
    """A percentage (``value`` = 84.50 for 84.50%, None for none): "84.50%" in the PDF, the
    number 0.845 formatted 0.00% in the XLSX."""

    value: Decimal | None

    def __str__(self) -> str:
        return percent(self.value)

    @property
    def places(self) -> int:
        """Decimal places as the figure gives them ("84.50" → 2, "45.0" → 1)."""
        exponent = 0 if self.value is None else self.value.as_tuple().exponent
        return max(0, -exponent) if isinstance(exponent, int) else 0


def percent(value: Any) -> str:
    return "—" if value is None else f"{value}%"


def share(value: Any) -> Percent:
    return Percent(None if value is None else Decimal(str(value)))


def wan(yuan: int) -> Decimal:
    """万元 as an exact decimal (whole yuan are four decimals of 万元)."""
    return Decimal(str(yuan_to_wan(yuan)))


def _projects(b: dict[str, Any]) -> Table:
    figure = b["projects"]
    rows = [
        [LEVELS_ZH[r["level"]], r["total"], r["completed"], share(r["rate"])]
        for r in figure["levels"]
    ]
    t = figure["total"]
    return Table(
        "项目完成情况",
        "一、各级民生实事项目完成情况",
        ["层级", "项目数", "已完成", "完成率"],
        rows,
        ["合计", t["total"], t["completed"], share(t["rate"])],
    )


def _statuses(b: dict[str, Any]) -> Table:
    figure = b["statuses"]
    rows = [[LEVELS_ZH[r["level"]], *(r[code] for code in STATUS_CODES)] for r in figure["levels"]]
    return Table(
        "序时进度",
        "二、项目序时进度情况",
        ["层级", *(STATUS_LABELS_ZH[code] for code in STATUS_CODES)],
        rows,
        ["合计", *(figure["total"][code] for code in STATUS_CODES)],
    )


def _funds(b: dict[str, Any]) -> Table:
    def line(r: dict[str, Any]) -> list[Any]:
        return [
            wan(r["planned_yuan"]),
            wan(r["released_yuan"]),
            wan(r["spent_yuan"]),
            share(r["released_share"]),
        ]

    figure = b["funds"]
    return Table(
        "资金情况",
        "三、资金下达与使用情况（万元）",
        ["层级", "计划投资", "已下达", "已完成投资", "下达占计划"],
        [[LEVELS_ZH[r["level"]], *line(r)] for r in figure["levels"]],
        ["合计", *line(figure["total"])],
    )


def _listed(sheet: str, title: str, reason: str, rows: list[dict[str, Any]]) -> Table:
    return Table(
        sheet,
        title,
        ["项目编号", "项目名称", "层级", "乡镇（街道）", "责任单位", "形象进度", reason],
        [
            [
                p["code"],
                p["name"],
                LEVELS_ZH[p["level"]],
                p["township_name"] or "",
                p["unit_name"] or "",
                share(p["progress_pct"]),
                p["reason"] or NO_REASON,
            ]
            for p in rows
        ],
        [f"合计 {len(rows)} 个", "", "", "", "", "", ""],
        widths=[14, 46, 10, 14, 18, 10, 36],
    )


def _problems(b: dict[str, Any]) -> Table:
    keys = ("found", "rectified", "closed", "open", "overdue")
    figure = b["problems"]
    return Table(
        "问题整改",
        "六、问题发现与整改情况",
        ["责任单位", "本期发现", "本期整改", "本期销号", "未销号", "逾期"],
        [[u["unit_name"] or NOT_ASSIGNED, *(u[k] for k in keys)] for u in figure["units"]],
        ["合计", *(figure["total"][k] for k in keys)],
        widths=[24, 12, 12, 12, 12, 12],
    )


def _inspections(b: dict[str, Any]) -> Table:
    figure = b["inspections"]
    return Table(
        "督查检查",
        "七、督查检查开展情况",
        ["类型", "次数"],
        [[KIND_LABELS[kind][0], n] for kind, n in figure["kinds"].items()],
        ["合计", figure["total"]],
    )


def _deputies(b: dict[str, Any]) -> Table:
    figure = b["deputy_reports"]
    ratings = figure["ratings"]
    rows = [
        ["收到代表反映", figure["received"]],
        ["已受理", figure["accepted"]],
        ["不予受理", figure["declined"]],
        ["已答复", figure["replied"]],
        *([f"评价：{RATING_LABELS[g][0]}", n] for g, n in ratings["grades"].items()),
        ["满意率（满意+基本满意）", share(ratings["satisfaction_rate"])],
    ]
    return Table("代表反映", "八、人大代表反映问题办理情况", ["项目", "数量"], rows)


def bulletin_tables(b: dict[str, Any]) -> list[Table]:
    """Every table of the bulletin, in the document's order."""
    return [
        _projects(b),
        _statuses(b),
        _funds(b),
        _listed("滞后项目", "四、进度滞后项目及原因", "滞后原因", b["lagging"]),
        _listed("暂缓项目", "五、暂缓实施项目及原因", "暂缓原因", b["postponed"]),
        _problems(b),
        _inspections(b),
        _deputies(b),
    ]
