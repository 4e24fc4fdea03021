"""Checklists the office designs (issue 13): families of versions, per county, series and kind.

A family's versions share ``family_id`` (the id of version 1). Publishing a new version makes it
the family's only ``active`` one; an inspection keeps the version it was captured with forever,
so every version stays stored and pulled. Retiring a family leaves none active. A template of no
county (``county_id`` None) is a shipped default: read-only for offices (an administrator may
retire one). Who sees a county's templates: the users working in it or above it (its scope is
``Scope(everyone=True, region_path=<the county's path>)``, server/audience.py).

Which template a phone offers for a project and an inspection kind (``candidates``,
``pick_template``) is the PWA's rule, mirrored here for the server's tests and the demo.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.orm import utcnow
from core.problems import noun
from server.audience import can_see, in_region
from server.auth.models import User
from server.errors import AppError
from server.inspections.models import ChecklistItem, ChecklistTemplate
from server.projects.models import Project
from server.regions.models import Region, Series
from sync.changes import log_change, log_changes
from sync.errors import Rejected
from sync.scope import Scope

CUSTOM_CATEGORY = "custom"
DEFAULT_CATEGORY = "general"


def template_scope(session: Session, template: ChecklistTemplate) -> Scope:
    """A default goes to everyone; a county's to the users working in the county or above."""
    if template.county_id is None:
        return Scope(everyone=True)
    county = session.get(Region, template.county_id)
    return Scope(region_path=county.path if county is not None else None, everyone=True)


def visible(session: Session, user: User, template: ChecklistTemplate) -> bool:
    return can_see(user, template_scope(session, template))


def templates_for(
    session: Session, user: User, county_id: int | None, include_inactive: bool
) -> list[ChecklistTemplate]:
    """The templates the user sees (defaults and its county's), newest family first; one
    county's and the defaults with ``county_id``; only active ones unless asked."""
    query = select(ChecklistTemplate).order_by(
        ChecklistTemplate.county_id.is_(None),
        ChecklistTemplate.name,
        ChecklistTemplate.family_id,
        ChecklistTemplate.version.desc(),
    )
    if county_id is not None:
        query = query.where(
            (ChecklistTemplate.county_id == county_id) | ChecklistTemplate.county_id.is_(None)
        )
    if not include_inactive:
        query = query.where(ChecklistTemplate.active.is_(True))
    return [t for t in session.scalars(query) if visible(session, user, t)]


def template_of(session: Session, user: User, template_id: str) -> ChecklistTemplate:
    """A template (any version) the user sees; 404 otherwise (another county's too)."""
    template = session.get(ChecklistTemplate, template_id)
    if template is None or not visible(session, user, template):
        raise AppError("not_found", what=noun("checklist"))
    return template


def county_for(session: Session, user: User, county_id: int | None) -> Region:
    """The county a new checklist is for: given, or the office's own county (404 outside the
    user's area)."""
    if county_id is None:
        if user.region is not None and user.region.level == "county":
            return user.region
        raise AppError("validation_error", errors={"county_id": [_say("county")]})
    county = session.get(Region, county_id)
    if county is None or county.level != "county" or not in_region(user, county.path):
        raise AppError("not_found", what=noun("county"))
    return county


def _say(key: str) -> str:
    from core.problems import CHECKLIST_ITEM_RULES
    from server.i18n import pick

    return pick(*CHECKLIST_ITEM_RULES[key])


def _check_series(session: Session, county: Region, series_ids: Sequence[int]) -> list[int]:
    ids = sorted(set(series_ids))
    if not ids:
        return []
    found = session.scalars(
        select(Series.id).where(
            Series.id.in_(ids), (Series.region_id == county.id) | Series.region_id.is_(None)
        )
    ).all()
    if len(found) != len(ids):
        raise AppError("validation_error", errors={"series_ids": [_say("series")]})
    return ids


def _items(data: dict[str, Any]) -> list[ChecklistItem]:
    return [
        ChecklistItem(id=str(uuid.uuid4()), position=position, **item)
        for position, item in enumerate(data["items"], start=1)
    ]


def create(
    session: Session, user: User, data: dict[str, Any], now: datetime | None = None
) -> ChecklistTemplate:
    """Version 1 of a new checklist of the county, published at once."""
    county = county_for(session, user, data.get("county_id"))
    template_id = str(uuid.uuid4())
    template = ChecklistTemplate(
        id=template_id,
        family_id=template_id,
        county_id=county.id,
        series_ids=_check_series(session, county, data.get("series_ids") or []),
        kinds=sorted(set(data.get("kinds") or [])),
        category=data.get("category") or CUSTOM_CATEGORY,
        name=data["name"].strip(),
        version=1,
        active=True,
        published_at=now or utcnow(),
        published_by_id=user.id,
        items=_items(data),
    )
    session.add(template)
    session.flush()
    log_change(session, "template", template, new=True)
    return template


def _newest(session: Session, family_id: str) -> int:
    return session.scalar(
        select(func.max(ChecklistTemplate.version)).where(ChecklistTemplate.family_id == family_id)
    )


def check_editable(user: User, template: ChecklistTemplate) -> None:
    """A shipped default is read-only for offices."""
    if template.county_id is None:
        raise AppError("template_read_only")


def publish_version(
    session: Session,
    user: User,
    template: ChecklistTemplate,
    data: dict[str, Any],
    now: datetime | None = None,
) -> ChecklistTemplate:
    """Version n+1 of ``template``'s family (only from the newest version): new items with
    new ids; the version before stops being offered."""
    check_editable(user, template)
    # one publisher at a time per family (PostgreSQL; SQLite writes one at a time anyway)
    session.scalars(
        select(ChecklistTemplate.id)
        .where(ChecklistTemplate.family_id == template.family_id)
        .with_for_update()
    ).all()
    if template.version != _newest(session, template.family_id):
        raise AppError("template_not_latest")
    county = session.get(Region, template.county_id)
    assert county is not None
    was_active = [
        t
        for t in session.scalars(
            select(ChecklistTemplate).where(
                ChecklistTemplate.family_id == template.family_id,
                ChecklistTemplate.active.is_(True),
            )
        )
    ]
    for old in was_active:
        old.active = False
    new_id = str(uuid.uuid4())
    new = ChecklistTemplate(
        id=new_id,
        family_id=template.family_id,
        county_id=template.county_id,
        series_ids=_check_series(session, county, data.get("series_ids") or []),
        kinds=sorted(set(data.get("kinds") or [])),
        category=data.get("category") or template.category,
        name=data["name"].strip(),
        version=template.version + 1,
        active=True,
        published_at=now or utcnow(),
        published_by_id=user.id,
        items=_items(data),
    )
    session.add(new)
    session.flush()
    if was_active:
        log_changes(session, "template", was_active)
    log_change(session, "template", new, new=True)
    return new


def retire(session: Session, user: User, template: ChecklistTemplate) -> ChecklistTemplate:
    """No version of the family is offered any more (inspections made with it stay)."""
    if template.county_id is None and user.role != "admin":
        raise AppError("template_read_only")
    family = session.scalars(
        select(ChecklistTemplate).where(
            ChecklistTemplate.family_id == template.family_id,
            ChecklistTemplate.active.is_(True),
        )
    ).all()
    for version in family:
        version.active = False
    if family:
        log_changes(session, "template", family)
    return template


def candidates(session: Session, project: Project, kind: str) -> list[ChecklistTemplate]:
    """The active templates a phone offers for ``project`` and inspection ``kind``, the
    default choice first (README of the contract): the county's own before the shipped ones,
    among them those naming the project's series or the kind before those for any."""
    active = session.scalars(
        select(ChecklistTemplate).where(
            ChecklistTemplate.active.is_(True),
            (ChecklistTemplate.county_id == project.county_id)
            | ChecklistTemplate.county_id.is_(None),
        )
    ).all()
    fitting = [
        t
        for t in active
        if (not t.series_ids or project.series_id in t.series_ids)
        and (not t.kinds or kind in t.kinds)
    ]

    def order(t: ChecklistTemplate) -> tuple[int, int, str]:
        specific = bool(t.series_ids) + bool(t.kinds)
        return (t.county_id is None, -specific, t.name)

    return sorted(fitting, key=order)


def pick_template(
    session: Session, project: Project, kind: str, category: str | None = None
) -> ChecklistTemplate | None:
    """The default choice: the first county-specific candidate, else the default of
    ``category`` (the project name's keyword match), else the general one."""
    found = candidates(session, project, kind)
    if found and found[0].county_id is not None:
        return found[0]
    for wanted in (category, DEFAULT_CATEGORY):
        for template in found:
            if template.category == wanted:
                return template
    return found[0] if found else None


def check_for_project(template: ChecklistTemplate | None, project: Project) -> None:
    """An inspection may use a default, or a template of its project's county (any version:
    a phone offline for a week captured with the version it had)."""
    if template is not None and template.county_id not in (None, project.county_id):
        raise Rejected("template_not_for_project")
