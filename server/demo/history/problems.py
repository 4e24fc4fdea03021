"""One problem's life in the demo year: the office's 交办 and 销号 (REST), the unit's 整改 and
the inspector's 复核 with photos (sync), a deputy's report answered and rated."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from server.demo.history import texts
from server.demo.history.story import DEADLINE_DAYS, Problem, at

if TYPE_CHECKING:
    from server.demo.history.runner import History


def problem_steps(history: History, problem: Problem) -> None:
    """交办 → 整改中 → (延期) → 已整改 with a photo → 复核 with a photo → 销号, and for a report
    答复 and the deputy's rating; an overdue problem stops at 整改中."""
    site, office = problem.site, history.office
    unit = history.unit_logins[site.unit_id]
    assigned = at(problem.found.date() + timedelta(days=2), 10, 0)
    deadline = assigned.date() + timedelta(days=DEADLINE_DAYS)

    def issue() -> str:
        assert problem.issue_id, problem.key
        return problem.issue_id

    def assign() -> None:
        history.actor(office).call(
            "POST",
            f"/api/v1/issues/{issue()}/transitions",
            {
                "to": "assigned",
                "expected_from": "found",
                "unit_id": site.unit_id,
                "deadline": deadline.isoformat(),
                "requirements": texts.REQUIREMENTS,
            },
        )

    def start() -> None:
        history.actor(unit).push(
            "issue.transition", issue_id=issue(), expected_from="assigned", to="rectifying"
        )

    def ask_more_time() -> None:
        history.actor(unit).push(
            "issue.extension_request",
            issue_id=issue(),
            deadline=(deadline + timedelta(days=20)).isoformat(),
            reason=texts.EXTENSION_REASON,
        )

    def grant() -> None:
        history.actor(office).call(
            "POST", f"/api/v1/issues/{issue()}/extensions/decision", {"approve": True}
        )

    def rectified() -> None:
        photo_id = history.photo(unit, "issue", issue(), site, f"{problem.key}/rectify")
        history.actor(unit).push(
            "issue.transition",
            issue_id=issue(),
            expected_from="rectifying",
            to="rectified",
            photo_ids=[photo_id],
            reason="已按要求完成整改，附整改后照片。",
        )

    def verified() -> None:
        photo_id = history.photo(site.inspector, "issue", issue(), site, f"{problem.key}/verify")
        history.actor(site.inspector).push(
            "issue.transition",
            issue_id=issue(),
            expected_from="rectified",
            to="verified",
            photo_ids=[photo_id],
            reason=texts.VERIFY_NOTE,
        )

    def close() -> None:
        history.actor(office).call(
            "POST",
            f"/api/v1/issues/{issue()}/transitions",
            {"to": "closed", "expected_from": "verified"},
        )

    def reply() -> None:
        history.actor(office).call(
            "POST", f"/api/v1/reports/{problem.report_id}/reply", {"text": texts.REPLY}
        )

    def rate() -> None:
        assert problem.deputy and problem.report_id
        history.actor(problem.deputy).push(
            "report.rate",
            report_id=problem.report_id,
            rating=history.year.ratings[problem.report_id],
        )

    history.step(assigned, f"交办 {problem.key}", assign)
    history.step(at(assigned.date() + timedelta(days=2), 9, 0), "整改中", start)
    if problem.fate == "overdue":
        return
    done_day = {"closed": 18, "late": DEADLINE_DAYS + 8, "extended": DEADLINE_DAYS + 12}
    if problem.fate == "extended":
        history.step(at(assigned.date() + timedelta(days=20), 11, 0), "延期申请", ask_more_time)
        history.step(at(assigned.date() + timedelta(days=21), 10, 0), "延期批准", grant)
    rectified_on = assigned.date() + timedelta(days=done_day[problem.fate])
    history.step(at(rectified_on, 16, 0), "已整改", rectified)
    history.step(at(rectified_on + timedelta(days=3), 10, 0), "复核", verified)
    history.step(at(rectified_on + timedelta(days=5), 9, 30), "销号", close)
    if problem.report_id:
        history.step(at(rectified_on + timedelta(days=6), 10, 0), "答复", reply)
        history.step(at(rectified_on + timedelta(days=9), 20, 0), "评价", rate)
