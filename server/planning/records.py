"""Inspection tasks as pull sends them: the assignee's alone on the phones."""

from __future__ import annotations

from marshmallow import Schema, fields
from sqlalchemy.orm import Session, selectinload

from core.orm import foreign_key
from server.planning.models import InspectionTask
from server.projects.models import Project
from server.refs import ProjectRefSchema
from sync.registry import RecordType, register_record_type
from sync.scope import Scope


class TaskPlanRef(Schema):
    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class TaskData(Schema):
    """An inspection task: which project to visit, for which plan and kind, by when."""

    id = fields.String()
    plan = fields.Nested(TaskPlanRef)
    kind = fields.String(attribute="plan.kind")
    project_id = fields.Integer()
    project = fields.Nested(ProjectRefSchema)
    assignee_id = fields.Integer(allow_none=True)
    due_date = fields.Date(allow_none=True)
    status = fields.String()
    schedule_status = fields.String()
    completed_at = fields.DateTime(allow_none=True)
    inspection_id = fields.String(allow_none=True)


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
