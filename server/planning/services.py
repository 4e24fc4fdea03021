"""Building plans: the population, the selection or the random draw, saving, redrawing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.planning import sampling
from server.planning.completion import complete_tasks  # noqa: F401  (re-exported: other domains import these from here)
from server.planning.models import InspectionPlan, InspectionTask
from server.planning.population import DEFAULT_STATUSES, Eligible, eligible_projects
from server.planning.scope import covers_region, visible_plans
from server.projects.models import Project
from server.projects.services import STATUS_CODES, today
from server.regions.models import Region
from sync.changes import log_changes

SEED_LIMIT = 10**9  # generated seeds have at most nine digits: easy to read out and write down


@dataclass
class Draft:
    """A plan before it is saved: what a preview shows and what creating saves."""

    name: str
    kind: str
    region: Region | None
    as_of: date
    statuses: list[str]
    due_date: date | None
    population: list[Eligible]
    selected: list[Eligible]
    seed: int | None = None
    sample_size: int | None = None
    sample_share_pct: Decimal | None = None
    stratify: str = "none"
    strata: list[sampling.Stratum] = field(default_factory=list)

    @property
    def population_size(self) -> int:
        return len(self.population)


def _region(user: User, region_id: int | None) -> Region | None:
    if region_id is None:
        return user.region
    region = db.session.get(Region, region_id)
    if region is None:
        raise AppError("validation_error", errors={"region_id": ["地区不存在"]})
    if not covers_region(user, region):
        raise AppError("validation_error", errors={"region_id": ["该地区不在您的管辖范围内"]})
    return region


def _statuses(kind: str, given: list[str] | None, picked: bool) -> list[str]:
    """The statuses asked for, else the kind's; a joint check or a revisit of picked projects
    (回头看 of a rectified problem, whatever its project's progress) takes any."""
    if given:
        return list(given)
    if picked and kind == "revisit":
        return list(STATUS_CODES)
    if kind in DEFAULT_STATUSES:
        return list(DEFAULT_STATUSES[kind])
    if picked:
        return list(STATUS_CODES)
    raise AppError("validation_error", errors={"statuses": ["联合督导请选择进度状态或项目"]})


def _chosen(population: list[Eligible], project_ids: list[int] | None) -> list[Eligible]:
    """All of the population, or the projects the office picked from it."""
    if not project_ids:
        return population
    by_id = {e.project.id: e for e in population}
    outside = [pid for pid in project_ids if pid not in by_id]
    if outside:
        listed = "、".join(str(pid) for pid in outside)
        raise AppError(
            "validation_error",
            errors={"project_ids": [f"以下项目不在本次范围内或进度状态不符：{listed}"]},
        )
    return [by_id[pid] for pid in sorted(set(project_ids))]


def _stratum_keys(population: list[Eligible], stratify: str) -> list[int | None] | None:
    if stratify != "township":
        return None
    return [e.project.township_id for e in population]


def _as_app_error(error: sampling.SampleError) -> AppError:
    return AppError.of(error)


def draft_plan(user: User, args: dict[str, Any]) -> Draft:
    """Work out a plan from the form without saving anything."""
    kind = args["kind"]
    region = _region(user, args.get("region_id"))
    wanted = _statuses(kind, args.get("statuses"), bool(args.get("project_ids")))
    as_of = args.get("as_of") or today()
    population = eligible_projects(user, region, wanted, as_of)
    draft = Draft(
        name=args["name"],
        kind=kind,
        region=region,
        as_of=as_of,
        statuses=wanted,
        due_date=args.get("due_date"),
        population=population,
        selected=[],
    )
    if kind != "random":
        draft.selected = _chosen(population, args.get("project_ids"))
        if not draft.selected:
            raise AppError("empty_population")
        return draft
    draft.seed = args["seed"] if args.get("seed") is not None else secrets.randbelow(SEED_LIMIT)
    draft.sample_share_pct = args.get("sample_share")
    draft.stratify = args.get("stratify") or "none"
    try:
        draft.sample_size = sampling.sample_count(
            len(population), args.get("sample_size"), draft.sample_share_pct
        )
        result = sampling.draw(
            draft.seed,
            [e.project.id for e in population],
            draft.sample_size,
            _stratum_keys(population, draft.stratify),
        )
    except sampling.SampleError as error:
        raise _as_app_error(error) from error
    drawn = set(result.sample)
    draft.selected = [e for e in population if e.project.id in drawn]
    draft.strata = result.strata
    return draft


def create_plan(user: User, args: dict[str, Any]) -> InspectionPlan:
    """Save a plan and one unassigned task per selected project."""
    draft = draft_plan(user, args)
    random_check = draft.kind == "random"
    keys = _stratum_keys(draft.population, draft.stratify)
    plan = InspectionPlan(
        name=draft.name,
        kind=draft.kind,
        region=draft.region,
        region_path=draft.region.path if draft.region else "/",
        as_of=draft.as_of,
        statuses=draft.statuses,
        due_date=draft.due_date,
        created_by=user,
        algorithm=sampling.ALGORITHM if random_check else None,
        seed=draft.seed,
        sample_size=draft.sample_size,
        sample_share_pct=draft.sample_share_pct,
        stratify=draft.stratify,
        population=[e.project.id for e in draft.population],
        population_townships=keys,
        sample=[e.project.id for e in draft.selected],
    )
    plan.tasks = [
        InspectionTask(
            project=e.project, due_date=draft.due_date, status="todo", schedule_status=e.status
        )
        for e in draft.selected
    ]
    db.session.add(plan)
    db.session.flush()
    log_changes(db.session, "task", plan.tasks, new=True)
    return plan


def list_plans(user: User) -> list[InspectionPlan]:
    return list(
        db.session.scalars(
            select(InspectionPlan)
            .where(visible_plans(user))
            .options(selectinload(InspectionPlan.tasks), selectinload(InspectionPlan.region))
            .order_by(InspectionPlan.created_at.desc(), InspectionPlan.id.desc())
        )
    )


def get_plan(user: User, plan_id: int) -> InspectionPlan:
    """A plan the user may see; 404 otherwise."""
    plan = db.session.scalar(
        select(InspectionPlan)
        .where(InspectionPlan.id == plan_id, visible_plans(user))
        .options(
            selectinload(InspectionPlan.tasks)
            .selectinload(InspectionTask.project)
            .selectinload(Project.township),
            selectinload(InspectionPlan.tasks).selectinload(InspectionTask.assignee),
        )
    )
    if plan is None:
        raise AppError("not_found")
    return plan


@dataclass(frozen=True)
class Redraw:
    """The sample drawn again from the stored seed and population, against the recorded one."""

    matches: bool
    tasks_match: bool
    seed: int
    algorithm: str
    population_size: int
    sample: list[int]
    recorded: list[int]
    strata: list[sampling.Stratum]


def redraw(plan: InspectionPlan) -> Redraw:
    """Draw a random check's sample again and say whether it is the one on record."""
    if plan.kind != "random" or plan.seed is None or plan.sample_size is None:
        raise AppError("not_a_random_plan")
    if plan.algorithm != sampling.ALGORITHM:
        raise AppError("unknown_algorithm", algorithm=plan.algorithm)
    result = sampling.draw(plan.seed, plan.population, plan.sample_size, plan.population_townships)
    recorded = sorted(plan.sample)
    return Redraw(
        matches=result.sample == recorded,
        tasks_match=sorted(t.project_id for t in plan.tasks) == result.sample,
        seed=plan.seed,
        algorithm=plan.algorithm,
        population_size=len(plan.population),
        sample=result.sample,
        recorded=recorded,
        strata=result.strata,
    )
