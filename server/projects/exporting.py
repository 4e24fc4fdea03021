"""Export the ledger to XLSX in the import's own format (so an export imports back)."""

from __future__ import annotations

from server.auth.models import User
from server.i18n import LEVEL_LABELS
from server.money import yuan_to_wan
from server.projects.ledger import export_ledger
from server.projects.schedule import STATUS_LABELS_ZH
from server.projects.services import ProjectFilters, list_projects


def export_projects(user: User, filters: ProjectFilters) -> bytes:
    """The filtered ledger as XLSX, readable again by the import."""
    filters.page, filters.per_page = 1, 1_000_000
    page = list_projects(user, filters)
    rows = []
    for view in page.items:
        p = view.project
        rows.append(
            {
                "项目编号": p.code,
                "项目名称": p.name,
                "层级": LEVEL_LABELS["zh-CN"][p.level],
                "系列": p.series.name if p.series else None,
                "乡镇(街道)": p.township.name if p.township else None,
                "村(社区)": p.village.name if p.village else None,
                "责任单位": p.unit.name if p.unit else None,
                "分管领导": p.lead_official,
                "联系人": p.contact_name,
                "联系电话": p.contact_phone,
                "计划投资(万元)": yuan_to_wan(p.planned_investment_yuan),
                "下达资金(万元)": yuan_to_wan(p.allocated_investment_yuan),
                "完成投资(万元)": yuan_to_wan(p.spent_investment_yuan),
                "开工时间": p.start_date,
                "计划完成时间": p.planned_completion_date,
                "实际完成时间": p.actual_completion_date,
                "形象进度(%)": float(view.progress_pct) if view.progress_pct is not None else None,
                "暂缓原因": p.postponed_reason,
                "滞后原因": p.lag_reason,
                "经度": p.lon,
                "纬度": p.lat,
                "年度": p.batch_year,
                "序时进度": STATUS_LABELS_ZH[view.schedule.status],
            }
        )
    return export_ledger(rows, title=f"民生实事项目台账（截至 {page.as_of.isoformat()}）")
