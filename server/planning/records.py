"""Inspection tasks as pull sends them: the assignee's alone on the phones."""

from __future__ import annotations

from marshmallow import fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.planning.models import InspectionTask
from server.planning.schemas import PlanRefFields, TaskRecordFields
from server.projects.models import Project
from server.refs import ProjectRefSchema
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class TaskData(TaskRecordFields):
    """An inspection task (server/planning/schemas.py) with its plan and project."""

    plan = fields.Nested(PlanRefFields)
    project = fields.Nested(ProjectRefSchema)


_TASK = TaskData()


def task_scope(session: Session, task: InspectionTask) -> Scope:
    """The assignee's alone on the phones; the office of the project's region sees it too."""
    project = task.project or session.get(Project, task.project_id)
    return Scope(project.region_path, None, None, foreign_key(task, "assignee"))


TASKS = register_record_type(
    RecordType(
        name="task",
        model=InspectionTask,
        scope_of=task_scope,
        serialize=lambda task, user: _TASK.dump(task),
        load_options=(selectinload(InspectionTask.plan), selectinload(InspectionTask.project)),
        integer_ids=True,
    )
)
