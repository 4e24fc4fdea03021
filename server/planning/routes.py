"""HTTP: inspection plans (任务清单) for the office, and one's own tasks."""

from __future__ import annotations

from flask.views import MethodView
from flask_smorest import Blueprint

from server.db import db
from server.planning import services, tasks
from server.planning.schemas import (
    AssignSchema,
    CandidateListSchema,
    MyTaskListSchema,
    PlanCreateSchema,
    PlanDetailSchema,
    PlanListSchema,
    PlanPreviewSchema,
    RedrawSchema,
    TaskListSchema,
)
from server.security import current_user, roles_required

blp = Blueprint("planning", __name__, url_prefix="/api/v1", description="督查计划 Planning")
office_only = roles_required("admin", "supervisor")


@blp.route("/plans")
class Plans(MethodView):
    decorators = [office_only]

    @blp.response(200, PlanListSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """The plans of the user's area, newest first."""
        return {"items": services.list_plans(current_user())}

    @blp.arguments(PlanCreateSchema)
    @blp.response(201, PlanDetailSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """Make a plan and its tasks (unassigned); a random check draws its sample."""
        plan = services.create_plan(current_user(), args)
        db.session.commit()
        return plan


@blp.route("/plans/preview")
class PlanPreview(MethodView):
    decorators = [office_only]

    @blp.arguments(PlanCreateSchema)
    @blp.response(200, PlanPreviewSchema)
    def post(self, args: dict):  # type: ignore[no-untyped-def]
        """What creating would make, saving nothing; send the returned seed to get this sample."""
        return services.draft_plan(current_user(), args)


@blp.route("/plans/<int:plan_id>")
class PlanItem(MethodView):
    decorators = [office_only]

    @blp.response(200, PlanDetailSchema)
    def get(self, plan_id: int):  # type: ignore[no-untyped-def]
        """One plan with its population, sample and tasks."""
        return services.get_plan(current_user(), plan_id)


@blp.route("/plans/<int:plan_id>/redraw")
class PlanRedraw(MethodView):
    decorators = [office_only]

    @blp.response(200, RedrawSchema)
    def get(self, plan_id: int):  # type: ignore[no-untyped-def]
        """Draw a random check again from its seed and population; say whether it matches."""
        return services.redraw(services.get_plan(current_user(), plan_id))


@blp.route("/plans/<int:plan_id>/assignments")
class PlanAssignments(MethodView):
    decorators = [office_only]

    @blp.arguments(AssignSchema)
    @blp.response(200, TaskListSchema)
    def post(self, args: dict, plan_id: int):  # type: ignore[no-untyped-def]
        """Assign tasks to an inspector (or a deputy for 联合督导), with an optional due date."""
        plan = services.get_plan(current_user(), plan_id)
        assigned = tasks.assign_tasks(
            plan, args["task_ids"], args["assignee_id"], args.get("due_date")
        )
        db.session.commit()
        return {"items": assigned}


@blp.route("/plans/<int:plan_id>/candidates")
class PlanCandidates(MethodView):
    decorators = [office_only]

    @blp.response(200, CandidateListSchema)
    def get(self, plan_id: int):  # type: ignore[no-untyped-def]
        """People who may be given this plan's tasks (they cover at least one of its projects)."""
        return {"items": tasks.candidates(services.get_plan(current_user(), plan_id))}


@blp.route("/tasks/mine")
class MyTasks(MethodView):
    decorators = [roles_required("inspector", "deputy")]

    @blp.response(200, MyTaskListSchema)
    def get(self):  # type: ignore[no-untyped-def]
        """The tasks assigned to me, open ones first."""
        return {"items": tasks.my_tasks(current_user())}
