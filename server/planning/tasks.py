"""Tasks: assigning them to inspectors (and deputies for 联合督导), and one's own list."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.problems import listed
from server.auth.models import User
from server.db import db
from server.errors import AppError
from server.i18n import role_label
from server.planning.models import InspectionPlan, InspectionTask
from server.planning.scope import ASSIGNEE_ROLES, covers_project
from server.projects.models import Project
from sync.changes import log_changes


def _assignee(plan: InspectionPlan, assignee_id: int) -> User:
    user = db.session.get(User, assignee_id)
    if user is None or not user.active:
        raise AppError("validation_error", errors={"assignee_id": ["找不到该用户或账号已停用"]})
    allowed = ASSIGNEE_ROLES[plan.kind]
    if user.role not in allowed:
        names = "或".join(role_label(role) for role in allowed)
        raise AppError("validation_error", errors={"assignee_id": [f"此类任务只能交给{names}"]})
    return user


def assign_tasks(
    plan: InspectionPlan, task_ids: list[int], assignee_id: int, due_date: date | None
) -> list[InspectionTask]:
    """Give the plan's tasks to one person, who must cover each task's project."""
    assignee = _assignee(plan, assignee_id)
    by_id = {task.id: task for task in plan.tasks}
    unknown = [tid for tid in task_ids if tid not in by_id]
    if unknown:
        raise AppError(
            "validation_error",
            errors={"task_ids": [f"任务不属于本清单：{'、'.join(map(str, unknown))}"]},
        )
    tasks = [by_id[tid] for tid in sorted(set(task_ids))]
    finished = [t.project.name for t in tasks if t.status == "done"]
    if finished:
        raise AppError("task_done", tasks=listed(finished))
    outside = [t.project.name for t in tasks if not covers_project(assignee, t.project)]
    if outside:
        raise AppError(
            "assignee_out_of_scope", assignee=assignee.display_name, projects=listed(outside)
        )
    for task in tasks:
        task.assignee = assignee
        if due_date is not None:
            task.due_date = due_date
    log_changes(db.session, "task", tasks)
    return tasks


def candidates(plan: InspectionPlan) -> list[User]:
    """Active people of the plan's assignee roles who cover at least one of its projects."""
    users = db.session.scalars(
        select(User)
        .where(User.role.in_(ASSIGNEE_ROLES[plan.kind]), User.active.is_(True))
        .options(selectinload(User.townships), selectinload(User.region))
        .order_by(User.role, User.display_name, User.id)
    )
    projects = [task.project for task in plan.tasks]
    return [u for u in users if any(covers_project(u, p) for p in projects)]


def my_tasks(user: User) -> list[InspectionTask]:
    """The tasks assigned to the user, open ones first, soonest due first."""
    return list(
        db.session.scalars(
            select(InspectionTask)
            .where(InspectionTask.assignee_id == user.id)
            .options(
                selectinload(InspectionTask.plan),
                selectinload(InspectionTask.project).selectinload(Project.township),
            )
            .order_by(
                InspectionTask.status.desc(),  # todo before done
                InspectionTask.due_date.is_(None),
                InspectionTask.due_date,
                InspectionTask.id,
            )
        )
    )
