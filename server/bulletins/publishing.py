"""Published bulletins (督查通报): the office drafts its paragraphs (情况 / 问题 / 要求) for a
region and period, edits them, and publishes: the bulletin then gets its number (督通〔年〕N号,
gapless per region and year like the slips' numbers) and its figures frozen as they are that
moment, so later changes to the ledger do not alter it."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from core.orm import utcnow
from server.audience import region_clause
from server.audit import services as audit
from server.auth.models import User
from server.bulletins.models import Bulletin, BulletinCounter
from server.bulletins.period import Period, Scope, parse_period, resolve_scope
from server.bulletins.schemas import BulletinSchema
from server.bulletins.services import BulletinRequest, build_bulletin
from server.db import db
from server.errors import AppError
from server.issues.services import local_date
from server.projects.services import today
from server.regions.models import Region

PARAGRAPHS = ("situation", "problems", "requirements")
THAWED_DAYS = ("from", "to", "issued_on")


def _visible(user: User) -> Any:
    return region_clause(user, Region.path)


def get_bulletin(user: User, bulletin_id: int, lock: bool = False) -> Bulletin:
    """The bulletin if it is of the user's region (or one inside it); 404 otherwise."""
    query = (
        select(Bulletin)
        .join(Region, Region.id == Bulletin.region_id)
        .where(Bulletin.id == bulletin_id, _visible(user))
    )
    bulletin = db.session.scalars(query.with_for_update(of=Bulletin) if lock else query).first()
    if bulletin is None:
        raise AppError("not_found")
    return bulletin


def list_bulletins(user: User) -> list[Bulletin]:
    """The user's region's bulletins, newest first."""
    return list(
        db.session.scalars(
            select(Bulletin)
            .join(Region, Region.id == Bulletin.region_id)
            .where(_visible(user))
            .order_by(Bulletin.id.desc())
        )
    )


def _period(first: date, last: date) -> Period:
    """The period checked as the JSON bulletin checks it (400 ``bad_period``)."""
    args = {"from": first.isoformat(), "to": last.isoformat()}
    return parse_period(args, today(), current_app.config["TIMEZONE"])


def _region_id(user: User, county: int | None) -> int:
    scope = resolve_scope(user, county)
    if scope.region_id is None:
        raise AppError(
            "region_required",
            errors={"county": ["请选择地区"]},
        )
    return scope.region_id


def _write(bulletin: Bulletin, data: dict[str, Any]) -> None:
    for field in PARAGRAPHS:
        if field in data:
            text = (data[field] or "").strip()
            setattr(bulletin, field, text or None)


def create_draft(user: User, data: dict[str, Any]) -> Bulletin:
    """A draft for ``from``–``to`` of the user's region or ``county`` inside it."""
    period = _period(data["from_"], data["to"])
    bulletin = Bulletin(
        region_id=_region_id(user, data.get("county")),
        first_day=period.first,
        last_day=period.last,
        status="draft",
        created_by_id=user.id,
    )
    _write(bulletin, data)
    db.session.add(bulletin)
    db.session.commit()
    return bulletin


def _still_draft(bulletin: Bulletin) -> None:
    if bulletin.status != "draft":
        raise AppError("bulletin_published", bulletin=bulletin.code)


def update_draft(user: User, bulletin_id: int, data: dict[str, Any]) -> Bulletin:
    """Change a draft's paragraphs, period or region; a published bulletin is a 409."""
    bulletin = get_bulletin(user, bulletin_id, lock=True)
    _still_draft(bulletin)
    if "from_" in data or "to" in data:
        period = _period(data.get("from_", bulletin.first_day), data.get("to", bulletin.last_day))
        bulletin.first_day, bulletin.last_day = period.first, period.last
    if "county" in data:
        bulletin.region_id = _region_id(user, data["county"])
    _write(bulletin, data)
    db.session.commit()
    return bulletin


def next_number(region_id: int, year: int) -> int:
    """The next bulletin number of ``region_id`` in ``year`` (1 for the first): a counter row
    incremented inside the publishing transaction, so numbers have neither gaps nor twins."""
    bump = (
        update(BulletinCounter)
        .where(BulletinCounter.region_id == region_id, BulletinCounter.year == year)
        .values(last_number=BulletinCounter.last_number + 1)
        .returning(BulletinCounter.last_number)
        .execution_options(synchronize_session=False)
    )
    number = db.session.execute(bump).scalar_one_or_none()
    if number is not None:
        return number
    try:
        with db.session.begin_nested():
            db.session.add(BulletinCounter(region_id=region_id, year=year, last_number=1))
        return 1
    except IntegrityError:  # another publication made the counter first: queue on its row
        return db.session.execute(bump).scalar_one()


def _scope(bulletin: Bulletin) -> Scope:
    return Scope(bulletin.region.path, bulletin.region.name, bulletin.region_id)


def _live(bulletin: Bulletin) -> dict[str, Any]:
    period = Period.of_days(bulletin.first_day, bulletin.last_day, current_app.config["TIMEZONE"])
    return build_bulletin(BulletinRequest(period, _scope(bulletin), "json", bulletin.number))


def publish(user: User, bulletin_id: int) -> Bulletin:
    """Number the draft and freeze its figures as the JSON bulletin gives them now."""
    bulletin = get_bulletin(user, bulletin_id, lock=True)
    _still_draft(bulletin)
    now = utcnow()
    bulletin.year = local_date(now, current_app.config["TIMEZONE"]).year
    bulletin.number = next_number(bulletin.region_id, bulletin.year)
    figures = BulletinSchema().dump(_live(bulletin))
    bulletin.figures = figures
    bulletin.title = figures["title"]
    # the county's audit chain as the ledger stands, printed as 审计指纹 (server/audit); the
    # publication's own audit row, appended at commit, carries it too
    bulletin.audit_seq, bulletin.audit_head = audit.head_of_region(db.session, bulletin.region)
    bulletin.status = "published"
    bulletin.published_by_id = user.id
    bulletin.published_at = now
    db.session.commit()
    return bulletin


def figures_of(bulletin: Bulletin) -> dict[str, Any]:
    """The JSON figures: frozen once published, as of now for a draft."""
    if bulletin.figures is not None:
        return bulletin.figures
    return BulletinSchema().dump(_live(bulletin))


def _audit_mark(bulletin: Bulletin) -> dict[str, Any] | None:
    """A published bulletin's audit fingerprint (its chain head at publication)."""
    if bulletin.audit_head is None:
        return None
    return {"seq": bulletin.audit_seq, "fingerprint": audit.fingerprint(bulletin.audit_head)}


def document(bulletin: Bulletin) -> dict[str, Any]:
    """The bulletin as ``pdf.bulletin_pdf`` and ``xlsx.bulletin_xlsx`` take it: the figures
    (frozen ones with their days read back), its number's year and the office's paragraphs."""
    if bulletin.figures is None:
        figures = _live(bulletin)
    else:
        figures = dict(bulletin.figures)
        for key in THAWED_DAYS:
            figures[key] = date.fromisoformat(figures[key])
    return {
        **figures,
        "year": bulletin.year,
        "audit": _audit_mark(bulletin),
        "paragraphs": {field: getattr(bulletin, field) for field in PARAGRAPHS},
    }
