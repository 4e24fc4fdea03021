"""Marshmallow schemas for plans and tasks."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.i18n import pick
from server.planning.models import PLAN_KINDS, STRATIFICATIONS, TASK_STATUSES
from server.projects.schemas import ROW_ID, status_label
from server.projects.services import STATUS_CODES
from server.refs import PersonRefSchema, ProjectRefSchema
from server.regions.schemas import RegionRefSchema
from server.text import Text

KIND_LABELS = {
    "revisit": ("回头看", "Revisit"),
    "random": ("随机查", "Random check"),
    "focused": ("重点督", "Focused check"),
    "joint": ("联合督导", "Joint check"),
}
TASK_STATUS_LABELS = {"todo": ("待办", "To do"), "done": ("已完成", "Done")}
RANDOM_ONLY = ("seed", "sample_size", "sample_share", "stratify")


def kind_label(code: str) -> str:
    return pick(*KIND_LABELS[code])


class PlanCreateSchema(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(required=True, validate=validate.OneOf(PLAN_KINDS))
    region_id = fields.Integer(validate=ROW_ID)
    as_of = fields.Date()
    due_date = fields.Date()
    statuses = fields.List(
        fields.String(validate=validate.OneOf(STATUS_CODES)), validate=validate.Length(max=6)
    )
    project_ids = fields.List(fields.Integer(validate=ROW_ID), validate=validate.Length(max=5000))
    seed = fields.Integer(validate=validate.Range(min=0, max=2**53 - 1, error="种子应为非负整数"))
    sample_size = fields.Integer(validate=validate.Range(min=1, max=100_000, error="至少抽取 1 个"))
    sample_share = fields.Decimal(
        places=1,
        validate=validate.Range(min=0, max=100, min_inclusive=False, error="比例应在 0–100% 之间"),
    )
    stratify = fields.String(validate=validate.OneOf(STRATIFICATIONS))

    @validates_schema
    def random_rule(self, data: dict[str, Any], **_: Any) -> None:
        if data["kind"] != "random":
            extra = [key for key in RANDOM_ONLY if key in data]
            if extra:
                raise ValidationError("只有随机查需要抽样设置", field_name=extra[0])
            return
        if data.get("project_ids"):
            raise ValidationError("随机查不能指定项目", field_name="project_ids")
        if ("sample_size" in data) == ("sample_share" in data):
            raise ValidationError("请填写抽取数量或抽取比例（二选一）", field_name="sample_size")


class PersonSchema(PersonRefSchema):
    role = fields.String()


class TaskProjectSchema(ProjectRefSchema):
    township = fields.Nested(RegionRefSchema, allow_none=True)


class PlanRefFields(Schema):
    """A plan by its name and kind (the phones' copy of a task names it so)."""

    id = fields.Integer()
    name = fields.String()
    kind = fields.String()


class PlanRefSchema(PlanRefFields):
    kind_label = fields.Function(lambda plan: kind_label(plan.kind))


class TaskFields(Schema):
    """A task as the office's plan pages and the phones' copy (server/planning/records.py) send
    it: by when, whether it is done, the project's schedule status when it was planned."""

    id = fields.Integer()
    due_date = fields.Date(allow_none=True)
    status = fields.String(validate=validate.OneOf(TASK_STATUSES))
    schedule_status = fields.String()
    completed_at = fields.DateTime(allow_none=True)


class TaskRecordFields(TaskFields):
    """…and what the phones' copy (server/planning/records.py) adds: the plan's kind, the
    project, assignee and completing inspection by id. Its id goes as text, like every synced
    record's."""

    id = fields.String()
    kind = fields.String(attribute="plan.kind")
    project_id = fields.Integer()
    assignee_id = fields.Integer(allow_none=True)
    inspection_id = fields.String(allow_none=True)


class TaskSchema(TaskFields):
    plan_id = fields.Integer()
    project = fields.Nested(TaskProjectSchema)
    schedule_status_label = fields.Function(lambda task: status_label(task.schedule_status))
    assignee = fields.Nested(PersonSchema, allow_none=True)
    status_label = fields.Function(lambda task: pick(*TASK_STATUS_LABELS[task.status]))


class MyTaskSchema(TaskSchema):
    plan = fields.Nested(PlanRefSchema)


class MyTaskListSchema(Schema):
    items = fields.List(fields.Nested(MyTaskSchema))


class StratumSchema(Schema):
    township_id = fields.Integer(attribute="key", allow_none=True)
    population = fields.Integer()
    sample = fields.Integer()


class _PlanFields(Schema):
    name = fields.String()
    kind = fields.String()
    kind_label = fields.Function(lambda plan: kind_label(plan.kind))
    region = fields.Nested(RegionRefSchema, allow_none=True)
    as_of = fields.Date()
    statuses = fields.List(fields.String())
    due_date = fields.Date(allow_none=True)
    seed = fields.Integer(allow_none=True)
    sample_size = fields.Integer(allow_none=True)
    sample_share = fields.Decimal(attribute="sample_share_pct", as_string=True, allow_none=True)
    stratify = fields.String()
    population_size = fields.Function(lambda plan: len(plan.population))


class PlanSummarySchema(_PlanFields):
    id = fields.Integer()
    algorithm = fields.String(allow_none=True)
    created_by = fields.Nested(PersonSchema)
    created_at = fields.DateTime()
    task_count = fields.Function(lambda plan: len(plan.tasks))
    assigned_count = fields.Function(lambda plan: sum(1 for t in plan.tasks if t.assignee_id))
    done_count = fields.Function(lambda plan: sum(1 for t in plan.tasks if t.status == "done"))


class PlanListSchema(Schema):
    items = fields.List(fields.Nested(PlanSummarySchema))


class PlanDetailSchema(PlanSummarySchema):
    population = fields.List(fields.Integer())
    population_townships = fields.List(fields.Integer(allow_none=True), allow_none=True)
    sample = fields.List(fields.Integer())
    tasks = fields.List(fields.Nested(TaskSchema))


class PreviewProjectSchema(Schema):
    id = fields.Integer(attribute="project.id")
    code = fields.String(attribute="project.code")
    name = fields.String(attribute="project.name")
    township = fields.Nested(RegionRefSchema, attribute="project.township", allow_none=True)
    schedule_status = fields.String(attribute="status")
    schedule_status_label = fields.Function(lambda e: status_label(e.status))


class PlanPreviewSchema(_PlanFields):
    """A draft: what creating with the same form (and the returned seed) would save."""

    population_size = fields.Integer()
    projects = fields.List(fields.Nested(PreviewProjectSchema), attribute="selected")
    strata = fields.List(fields.Nested(StratumSchema))


class RedrawSchema(Schema):
    matches = fields.Boolean()
    tasks_match = fields.Boolean()
    seed = fields.Integer()
    algorithm = fields.String()
    population_size = fields.Integer()
    sample = fields.List(fields.Integer())
    recorded = fields.List(fields.Integer())
    strata = fields.List(fields.Nested(StratumSchema))


class AssignSchema(Schema):
    task_ids = fields.List(
        fields.Integer(validate=ROW_ID), required=True, validate=validate.Length(min=1, max=5000)
    )
    assignee_id = fields.Integer(required=True, validate=ROW_ID)
    due_date = fields.Date()


class TaskListSchema(Schema):
    items = fields.List(fields.Nested(TaskSchema))


class CandidateSchema(PersonSchema):
    townships = fields.List(fields.Nested(RegionRefSchema))
    region = fields.Nested(RegionRefSchema, allow_none=True)


class CandidateListSchema(Schema):
    items = fields.List(fields.Nested(CandidateSchema))
