"""The Chinese words of each notification (stored as written; see README: English later).

Pure: strings in, strings out. The API may add an English rendering from ``kind`` and the
linked record later; the stored rows hold the Chinese a clerk reads.
"""

from __future__ import annotations

from datetime import date

TITLE_MAX = 200
SUBJECT_MAX = 60
RATING_LABELS = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}


def short(text: str | None, limit: int = SUBJECT_MAX) -> str:
    """A record's title shortened for a notification line."""
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def day(value: date | None, today: date | None = None) -> str:
    """``9月1日``; with the year when it is not this year's."""
    if value is None:
        return "未定"
    if today is not None and value.year != today.year:
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.month}月{value.day}日"


def fit(title: str) -> str:
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def assigned(subject: str, deadline: date | None, today: date, slip: str | None = None) -> str:
    number = f"（{slip}）" if slip else ""
    return fit(f"您单位有新交办问题{number}：{short(subject)}，期限 {day(deadline, today)}")


def sent_back(subject: str) -> str:
    return fit(f"问题复核未通过，退回整改：{short(subject)}")


def reopened(subject: str, deadline: date | None, today: date) -> str:
    """A deputy's 不满意 sent the closed problem back to 整改中 (to its unit)."""
    return fit(
        f"人大代表对整改不满意，问题已重新交办：{short(subject)}，请于 {day(deadline, today)} 前整改"
    )


def unit_returned(unit: str | None, subject: str) -> str:
    return fit(f"{unit or '责任单位'}退回交办问题：{short(subject)}")


def extension_requested(unit: str | None, subject: str, wanted: date | None, today: date) -> str:
    until = f"，申请延至 {day(wanted, today)}" if wanted else ""
    return fit(f"{unit or '责任单位'}申请延期：{short(subject)}{until}")


def extension_decided(approved: bool, subject: str, deadline: date | None, today: date) -> str:
    if approved:
        return fit(f"延期申请已批准：{short(subject)}，新期限 {day(deadline, today)}")
    return fit(f"延期申请未获批准：{short(subject)}，期限仍为 {day(deadline, today)}")


def report_replied(subject: str) -> str:
    return fit(f"督查室已答复您反映的问题：{short(subject)}，请查看并评价")


def report_declined(subject: str) -> str:
    return fit(f"您反映的问题未予受理：{short(subject)}")


def report_rated(rating: str, subject: str) -> str:
    label = RATING_LABELS.get(rating, rating)
    if rating == "dissatisfied":
        return fit(f"【不满意】代表对答复不满意，需重新办理：{short(subject)}")
    return fit(f"代表评价「{label}」：{short(subject)}")


def inspection_returned(project: str | None) -> str:
    return fit(f"检查被退回，请更正后重新提交：{short(project or '检查记录')}")


def inspection_approved(project: str | None) -> str:
    return fit(f"检查已审核通过：{short(project or '检查记录')}")


def due_soon(subject: str, deadline: date, today: date) -> str:
    left = (deadline - today).days
    when = "今天到期" if left == 0 else f"还剩 {left} 天"
    return fit(f"问题即将到期（{when}）：{short(subject)}，期限 {day(deadline, today)}")


def overdue(subject: str, deadline: date, today: date, unit: str | None = None) -> str:
    who = f"{unit}的" if unit else ""
    return fit(f"{who}问题已逾期：{short(subject)}，期限 {day(deadline, today)}")
