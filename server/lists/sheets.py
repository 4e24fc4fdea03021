"""The 责任清单 and 整改清单 as XLSX."""

from __future__ import annotations

from datetime import date

from openpyxl.styles import Font

from server.clock import apart
from server.issues.models import Issue
from server.issues.services import returned_inspections
from server.lists.log import local_time
from server.lists.services import (
    UnitDuty,
    days_left,
    rectification_report,
    reported_late,
    slip_of,
    state_label,
)
from server.lists.xlsx import write_sheet
from server.spreadsheets import new_workbook, to_bytes

RETURNED = "（所属检查已退回）"


def _states(issues: list[Issue]):  # type: ignore[no-untyped-def]
    """Each problem's 状态 cell: its state, marked while its inspection waits returned (退回)."""
    waiting = returned_inspections(getattr(i, "inspection_id", None) for i in issues)

    def state(issue: Issue) -> str:
        mark = RETURNED if getattr(issue, "inspection_id", None) in waiting else ""
        return state_label(issue.state) + mark

    return state


RESPONSIBILITY_HEADERS = (
    "序号",
    "责任单位",
    "单位联系人",
    "问题",
    "所属项目",
    "分管领导",
    "项目联系人",
    "状态",
    "整改期限",
)
RECTIFICATION_HEADERS = (
    "序号",
    "交办单号",
    "问题",
    "整改要求",
    "责任单位",
    "整改期限",
    "状态",
    "剩余天数",
    "整改报告时间",
)
SUMMARY_HEADERS = ("责任单位", "问题数", "已整改", "逾期", "逾期整改")
LATE = "逾期整改"  # reported fixed, but it reached the server after the deadline


def _project_contact(issue: Issue) -> str | None:
    p = issue.project
    if p is None:
        return None
    return " ".join(x for x in (p.contact_name, p.contact_phone) if x) or None


def _left(issue: Issue, today: date) -> str | None:
    left = days_left(issue, today)
    if left is None:
        return LATE if reported_late(issue) else None
    return f"逾期 {-left} 天" if left < 0 else f"{left} 天"


def _reported(issue: Issue) -> str | None:
    """When the unit reported it fixed, and when that reached the server if much later."""
    report = rectification_report(issue)
    if report is None:
        return None
    done = local_time(report.at)
    if not apart(report.at, report.received_at):
        return done
    return f"{done}（同步 {local_time(report.received_at)}）"


def responsibility_xlsx(duties: list[UnitDuty], today: date) -> bytes:
    """One line per problem, grouped by unit; a summary sheet counts each unit's problems."""
    book, sheet = new_workbook()
    sheet.title = "责任清单"
    state = _states([i for d in duties for i in d.issues])
    rows = []
    for duty in duties:
        for issue in duty.issues:
            rows.append(
                (
                    len(rows) + 1,
                    duty.unit.name,
                    duty.contact or None,
                    issue.title,
                    issue.project.name if issue.project else None,
                    issue.project.lead_official if issue.project else None,
                    _project_contact(issue),
                    state(issue),
                    issue.deadline,
                )
            )
    write_sheet(
        sheet,
        f"问题责任清单（截至 {today.isoformat()}）",
        RESPONSIBILITY_HEADERS,
        rows,
        (6, 22, 16, 36, 24, 12, 20, 14, 12),
    )
    summary = book.create_sheet("汇总")
    write_sheet(
        summary,
        "各责任单位问题汇总",
        SUMMARY_HEADERS,
        [
            (
                d.unit.name,
                len(d.issues),
                sum(1 for i in d.issues if i.state in ("rectified", "verified", "closed")),
                sum(1 for i in d.issues if (days_left(i, today) or 0) < 0),
                sum(1 for i in d.issues if reported_late(i)),
            )
            for d in duties
        ],
        (24, 10, 10, 10, 10),
    )
    return to_bytes(book)


def rectification_xlsx(issues: list[Issue], today: date, unit_name: str | None) -> bytes:
    """Problem → requirement → deadline → status, with the slip number when there is one."""
    book, sheet = new_workbook()
    sheet.title = "整改清单"
    state = _states(issues)
    rows = []
    for n, issue in enumerate(issues, start=1):
        number, requirements = slip_of(issue)
        rows.append(
            (
                n,
                number,
                issue.title,
                requirements or None,
                issue.unit.name if issue.unit else None,
                issue.deadline,
                state(issue),
                _left(issue, today),
                _reported(issue),
            )
        )
    title = f"{unit_name + ' ' if unit_name else ''}问题整改清单（截至 {today.isoformat()}）"
    write_sheet(sheet, title, RECTIFICATION_HEADERS, rows, (6, 20, 32, 40, 22, 12, 14, 12, 30))
    for row in range(3, 3 + len(rows)):
        if str(sheet.cell(row, 8).value or "").startswith("逾期"):  # overdue, or fixed late
            sheet.cell(row, 8).font = Font(bold=True, color="C00000")
    return to_bytes(book)
