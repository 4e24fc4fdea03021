"""Assignment slips (交办单): 督交〔2023〕17号, numbered per office region and year without gaps.

The number comes from a counter row incremented with UPDATE … RETURNING inside the assigning
transaction: concurrent assignments queue on the row lock, and a rolled-back assignment gives
its number back, so the sequence has neither duplicates nor gaps.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from server.auth.models import User
from server.issues.deadlines import DEFAULT_TIMEZONE, local_date
from server.issues.models import AssignmentSlip, Issue, SlipCounter
from server.regions.models import Region, Unit

SLIP_PREFIX = "督交"
# what the one-page slip holds beside a long problem description (its PDF clips the description
# but never the requirements); checked by the schemas before any slip is made
REQUIREMENTS_MAX_CHARS = 1000


def office_region_id(user: User, issue: Issue) -> int:
    """The issuing office's region; an office user over everything numbers in the problem's
    top-level region (the first step of its path)."""
    if user.region_id is not None:
        return user.region_id
    return int(issue.region_path.strip("/").split("/")[0])


def next_number(session: Session, region_id: int, year: int) -> int:
    """The next slip number of ``region_id`` in ``year`` (1 for the first)."""
    bump = (
        update(SlipCounter)
        .where(SlipCounter.region_id == region_id, SlipCounter.year == year)
        .values(last_number=SlipCounter.last_number + 1)
        .returning(SlipCounter.last_number)
        .execution_options(synchronize_session=False)
    )
    number = session.execute(bump).scalar_one_or_none()
    if number is not None:
        return number
    try:
        with session.begin_nested():
            session.add(SlipCounter(region_id=region_id, year=year, last_number=1))
        return 1
    except IntegrityError:  # another assignment made the counter first: queue on its row
        return session.execute(bump).scalar_one()


def issue_slip(
    session: Session,
    user: User,
    issue: Issue,
    unit: Unit,
    deadline: date,
    requirements: str | None,
    now: datetime,
    timezone: str = DEFAULT_TIMEZONE,
) -> AssignmentSlip:
    region_id = office_region_id(user, issue)
    if session.get(Region, region_id) is None:  # pragma: no cover - paths name real regions
        raise LookupError(region_id)
    year = local_date(now, timezone).year
    slip = AssignmentSlip(
        issue=issue,
        region_id=region_id,
        prefix=SLIP_PREFIX,
        year=year,
        number=next_number(session, region_id, year),
        unit=unit,
        deadline=deadline,
        requirements=(requirements or "").strip() or None,
        issued_by_id=user.id,
        issued_at=now,
    )
    session.add(slip)
    return slip


def void_slips_in_force(issue: Issue, now: datetime) -> list[AssignmentSlip]:
    """Void the problem's slips still in force (before a new one is issued); returns them."""
    voided = [slip for slip in issue.slips if slip.voided_at is None]
    for slip in voided:
        slip.voided_at = now
    return voided
