"""Play a county's 2023 (``story.plan``) through the real API, each step at its own moment.

Each step runs under ``core.orm.clock_at`` its 2023 moment, so the server stamps what it receives
as it would have then (``received_at``, deadlines, sessions, the office's today) and trusts the
phones' times (server/clock.py: after the account's creation, not in the future).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from flask import Flask
from sqlalchemy import select, update

from core.orm import clock_at, utcnow
from server.auth.models import User
from server.db import db
from server.demo.history import texts
from server.demo.history.actors import Actor
from server.demo.history.photos import site_photo
from server.demo.history.problems import problem_steps
from server.demo.history.story import (
    YEAR,
    ZONE,
    Problem,
    Site,
    Step,
    Year,
    at,
    demo_id,
    plan,
)
from server.inspections.models import ChecklistTemplate, Inspection
from server.inspections.templates import ensure_default_templates
from server.projects.models import Project
from server.regions.models import Region

# the accounts "exist" from the start of the year the history replays
ACCOUNTS_FROM = datetime(YEAR, 1, 1, 8, 0, tzinfo=ZONE)
END = datetime(YEAR, 12, 31, 23, 0, tzinfo=ZONE)


class History:
    def __init__(self, app: Flask, key: str, county: Region, password: str) -> None:
        self.app, self.key, self.county, self.password = app, key, county, password
        self.actors: dict[str, Actor] = {}
        self.steps: list[Step] = []
        self.photos = 0

    # -- who ---------------------------------------------------------------------------------

    def actor(self, username: str) -> Actor:
        if username not in self.actors:
            self.actors[username] = Actor(self.app, username, self.password, self.key)
        return self.actors[username]

    def users(self, role: str) -> list[User]:
        found = db.session.scalars(select(User).where(User.role == role).order_by(User.username))
        return [u for u in found if self._in_county(u)]

    def _in_county(self, user: User) -> bool:
        if user.region_id == self.county.id:
            return True
        if user.unit is not None and user.unit.region_id == self.county.id:
            return True
        return any(t.parent_id == self.county.id for t in user.townships)

    def backdate_accounts(self) -> None:
        """The county's accounts were made before the year began (created_at), so the phones'
        2023 times are trusted (server/clock.py)."""
        ids = [
            u.id for role in ("supervisor", "inspector", "unit", "deputy") for u in self.users(role)
        ]
        db.session.execute(
            update(User)
            .where(User.id.in_(ids), User.created_at > ACCOUNTS_FROM)
            .values(created_at=ACCOUNTS_FROM)
        )
        db.session.commit()

    def sites(self) -> list[Site]:
        inspectors = {
            t.id: u.username for u in reversed(self.users("inspector")) for t in u.townships
        }
        unit_logins = {u.unit_id: u.username for u in reversed(self.users("unit"))}
        self.unit_logins = unit_logins
        projects = db.session.scalars(
            select(Project).where(Project.county_id == self.county.id).order_by(Project.code)
        )
        return [
            Site(
                id=p.id,
                name=p.name,
                lat=p.lat,
                lon=p.lon,
                unit_id=p.unit_id,
                inspector=inspectors[p.township_id],
                progress=float(p.progress_pct or 0),
                done=p.actual_completion_date is not None,
            )
            for p in projects
            if p.lat is not None
            and p.township_id in inspectors
            and p.unit_id in unit_logins
            and p.batch_year == YEAR
        ]

    # -- steps -------------------------------------------------------------------------------

    def step(self, moment: datetime, what: str, run: Callable[[], None]) -> None:
        if moment <= END:
            self.steps.append(Step(moment, len(self.steps), what, run))

    def photo(self, who: str, owner_type: str, owner_id: str, site: Site, seed: str) -> str:
        """A site photo: the record first (photo.attach), then its bytes through tus."""
        taken = utcnow().astimezone(ZONE)
        data = site_photo(f"{self.key}/{seed}", taken.replace(tzinfo=None), site.lat, site.lon)
        photo_id = demo_id(self.key, "photo", seed)
        actor = self.actor(who)
        actor.push(
            "photo.attach",
            id=photo_id,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            content_type="image/jpeg",
            owner_type=owner_type,
            owner_id=owner_id,
            taken_at=taken.isoformat(),
            location=self.fix(site),
        )
        actor.upload(data)
        self.photos += 1
        return photo_id

    @staticmethod
    def fix(site: Site) -> dict[str, Any]:
        return {"lat": site.lat, "lon": site.lon, "accuracy_m": 8}

    def inspection_steps(
        self,
        when: datetime,
        kind: str,
        inspection_id: str,
        site: Site,
        template: ChecklistTemplate,
        found: list[Problem],
    ) -> None:
        who = site.inspector

        def start() -> None:
            self.actor(who).push(
                "inspection.create",
                id=inspection_id,
                project_id=site.id,
                kind=kind,
                started_at=when.isoformat(),
                template_id=template.id,
                location={**self.fix(site), "at": when.isoformat()},
            )

        def answer() -> None:
            phone = self.actor(who)
            photo_id = self.photo(who, "inspection", inspection_id, site, f"{inspection_id}/site")
            bad = bool(found)
            for item in template.items:
                value: Any
                if item.kind == "photo":
                    value = [photo_id]
                elif item.kind == "gps":
                    value = {"lat": site.lat, "lon": site.lon}
                elif item.kind == "number":
                    value = round(min(100.0, site.progress), 1)
                elif item.kind == "yes_no_na":
                    value = ("yes" if bad else "no") if item.label.startswith("存在") else "yes"
                elif item.kind == "text":
                    value = "群众反映良好。" if not bad else "现场发现问题，已记录。"
                else:
                    continue
                phone.push("answer.set", inspection_id=inspection_id, item_id=item.id, value=value)

        def record(problem: Problem) -> Callable[[], None]:
            def run() -> None:
                problem.issue_id = demo_id(self.key, "issue", problem.key)
                self.actor(who).push(
                    "issue.create",
                    id=problem.issue_id,
                    project_id=site.id,
                    inspection_id=inspection_id,
                    title=problem.title,
                    description=problem.description,
                    severity="medium",
                    location=self.fix(site),
                )

            return run

        def submit() -> None:
            self.actor(who).push("inspection.submit", inspection_id=inspection_id)

        def approve() -> None:
            self.actor(self.office).call(
                "POST",
                f"/api/v1/review/inspections/{inspection_id}/approve",
                {"review_note": texts.APPROVE_NOTE},
            )

        self.step(when, f"{kind} {site.name}", start)
        self.step(when + timedelta(minutes=20), "answers", answer)
        for problem in found:
            self.step(problem.found, f"problem {problem.key}", record(problem))
        self.step(when + timedelta(hours=2), "submit", submit)
        self.step(at(when.date() + timedelta(days=1), 9, 0), "approve", approve)

    def report_steps(self, problem: Problem) -> None:
        assert problem.report_id and problem.deputy
        report_id, deputy, site = problem.report_id, problem.deputy, problem.site

        def file() -> None:
            self.actor(deputy).push(
                "report.create",
                id=report_id,
                title=problem.title,
                description=problem.description,
                project_id=site.id,
                location=self.fix(site),
            )
            self.photo(deputy, "report", report_id, site, f"{report_id}/report")

        def accept() -> None:
            body = self.actor(self.office).call(
                "POST", f"/api/v1/reports/{report_id}/accept", {"severity": "medium"}
            )
            problem.issue_id = body["issue"]["id"]

        self.step(problem.found, f"report {problem.key}", file)
        self.step(problem.found + timedelta(days=1), "accept", accept)

    # -- the year ----------------------------------------------------------------------------

    def build(self, reports: int, found: int) -> None:
        offices = [u.username for u in self.users("supervisor")]
        self.office = offices[0]
        deputies = [u.username for u in self.users("deputy")]
        self.year: Year = plan(
            self.sites(), deputies, self.key, (reports, found), self.lagging_in_may()
        )
        template = _general_template()
        by_inspection: dict[str, list[Problem]] = {}
        for problem in self.year.problems:
            if problem.inspection_id:
                by_inspection.setdefault(problem.inspection_id, []).append(problem)
            else:
                self.report_steps(problem)
            problem_steps(self, problem)
        for when, kind, inspection_id, site in self.year.inspections:
            self.inspection_steps(
                when, kind, inspection_id, site, template, by_inspection.get(inspection_id, [])
            )

    def lagging_in_may(self) -> list[int]:
        """The district projects the office's bulletin shows lagging at the end of May (the
        report's 7 lagging projects): the ones 重点督 visits."""
        with clock_at(at(date(YEAR, 6, 1), 9, 0)):
            figures = self.actor(self.office).call(
                "GET",
                f"/api/v1/bulletins/figures?from={YEAR}-05-01&to={YEAR}-05-31"
                f"&county={self.county.id}",
            )
        # that session belongs to June: the year's steps log in afresh from January
        self.actors.pop(self.office)
        return [p["id"] for p in figures["lagging"] if p["level"] == "county"]

    def run(self) -> int:
        for step in sorted(self.steps):
            with clock_at(step.moment):
                step.run()
        return len(self.steps)


def _general_template() -> ChecklistTemplate:
    """The default 通用检查表 (its first version: the demo's ids must not move)."""
    return db.session.scalars(
        select(ChecklistTemplate).where(
            ChecklistTemplate.category == "general",
            ChecklistTemplate.county_id.is_(None),
            ChecklistTemplate.version == 1,
        )
    ).one()


def already_played(key: str) -> bool:
    first = demo_id(key, "inspection", 1, "revisit")
    return db.session.get(Inspection, first) is not None


def play(
    app: Flask, key: str, county: Region, password: str, reports: int, found: int
) -> dict[str, int]:
    """Play the county's year; what was made (steps, photos, problems, reports, inspections)."""
    ensure_default_templates(db.session)
    db.session.commit()
    history = History(app, key, county, password)
    history.backdate_accounts()
    history.build(reports, found)
    steps = history.run()
    return {
        "steps": steps,
        "photos": history.photos,
        "inspections": len(history.year.inspections),
        "problems": len(history.year.problems),
        "reports": reports,
    }
