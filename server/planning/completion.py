"""An inspection submitted by a task's assignee, of the task's project and kind, completes it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.inspections.models import Inspection
from server.planning.models import InspectionPlan, InspectionTask
from sync.changes import log_changes


def complete_tasks(session: Session, inspection: Inspection) -> list[InspectionTask]:
    """Mark the inspector's open tasks for this project and kind done, pointing at it."""
    tasks = list(
        session.scalars(
            select(InspectionTask)
            .join(InspectionPlan)
            .where(
                InspectionTask.assignee_id == inspection.inspector_id,
                InspectionTask.project_id == inspection.project_id,
                InspectionTask.status == "todo",
                InspectionPlan.kind == inspection.kind,
            )
        )
    )
    for task in tasks:
        task.status = "done"
        task.completed_at = inspection.submitted_at
        task.inspection_id = inspection.id
    if tasks:
        log_changes(session, "task", tasks)
    return tasks
