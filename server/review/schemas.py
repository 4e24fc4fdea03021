"""Marshmallow schemas for the review queue and the office's decisions."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates

from server.i18n import pick
from server.inspections.models import INSPECTION_KINDS
from server.inspections.schemas import AnswerFields, InspectionFields, InspectionStatusFields
from server.media.schemas import PhotoLinksSchema
from server.projects.schemas import ROW_ID
from server.refs import PersonRefSchema, ProjectRefSchema
from server.regions.schemas import RegionRefSchema
from server.review.urgency import REASON_LABELS, photo_flags
from server.text import Text

KIND_LABELS = {
    "revisit": ("回头看", "Revisit"),
    "random": ("随机查", "Random check"),
    "focused": ("重点督", "Focused check"),
    "joint": ("联合督导", "Joint check"),
    "routine": ("日常巡查", "Routine patrol"),
}
STATUS_LABELS = {
    "draft": ("草稿", "Draft"),
    "submitted": ("待审核", "Awaiting review"),
    "approved": ("已审核通过", "Approved"),
    "returned": ("已退回", "Returned"),
}


class ReviewQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(INSPECTION_KINDS))
    township_id = fields.Integer(validate=ROW_ID)
    flagged = fields.Boolean(load_default=False)


class ApproveSchema(Schema):
    review_note = Text(multiline=True, validate=validate.Length(max=2000), allow_none=True)


class ReturnSchema(Schema):
    review_note = Text(multiline=True, required=True, validate=validate.Length(max=2000))

    @validates("review_note")
    def not_blank(self, value: str, **_: Any) -> None:
        if not value.strip():
            raise ValidationError("请填写退回原因")


class ReviewProjectRefSchema(ProjectRefSchema):
    township = fields.Nested(RegionRefSchema, allow_none=True)
    location = fields.Function(
        lambda p: None if p.lat is None or p.lon is None else {"lat": p.lat, "lon": p.lon}
    )


class ReviewFlagSchema(Schema):
    code = fields.String()
    severity = fields.String()
    message = fields.Function(lambda f: pick(f.get("message", ""), f.get("message_en", "")))


class ReviewPhotoSchema(PhotoLinksSchema):
    distance_to_project_m = fields.Function(
        lambda p: (p.evidence or {}).get("distance_to_project_m")
    )
    flags = fields.Function(lambda p: ReviewFlagSchema(many=True).dump(photo_flags(p.evidence)))


class ReviewAnswerSchema(AnswerFields):
    position = fields.Integer(attribute="item.position")
    label = fields.String(attribute="item.label")
    kind = fields.String(attribute="item.kind")
    unit = fields.String(attribute="item.unit", allow_none=True)
    # which answer counts as a problem, by the item's own template version (issue 13)
    bad_answer = fields.Function(lambda a: getattr(a.item, "bad_answer", None))


class ReviewPositionSchema(Schema):
    lat = fields.Float()
    lon = fields.Float()
    accuracy_m = fields.Float(allow_none=True)
    at = fields.DateTime(allow_none=True)
    distance_to_project_m = fields.Float(allow_none=True)


class ReviewVersionRefSchema(InspectionStatusFields):
    """Another version of the same inspection (the one corrected, or a later correction)."""


class ReviewItemSchema(InspectionFields):
    """An inspection as the reviewer sees it (services.Entry, which reads the inspection's own
    fields through): labels, project, position, answers with their items, photos, problems."""

    kind_label = fields.Function(lambda e: pick(*KIND_LABELS[e.inspection.kind]))
    status_label = fields.Function(lambda e: pick(*STATUS_LABELS[e.inspection.status]))
    project = fields.Nested(ReviewProjectRefSchema, attribute="inspection.project")
    template_name = fields.Function(
        lambda e: e.inspection.template.name if e.inspection.template else None
    )
    position = fields.Nested(ReviewPositionSchema, allow_none=True)
    answers = fields.List(fields.Nested(ReviewAnswerSchema))
    photos = fields.List(fields.Nested(ReviewPhotoSchema))
    problems = fields.Function(
        lambda e: [
            {
                "id": i.id,
                "title": i.title,
                "severity": i.severity,
                "state": i.state,
                "photo_ids": e.problem_photos.get(i.id, []),
            }
            for i in e.problems
        ]
    )
    urgent = fields.Boolean()
    urgency = fields.Function(
        lambda e: [{"code": r, "label": pick(*REASON_LABELS[r])} for r in e.urgency]
    )
    flag_count = fields.Function(lambda e: len(e.flags))
    replaces = fields.Nested(ReviewVersionRefSchema, allow_none=True)
    corrected_by = fields.List(fields.Nested(ReviewVersionRefSchema))
    reviewed_by = fields.Nested(PersonRefSchema, attribute="reviewer", allow_none=True)


class ReviewListSchema(Schema):
    items = fields.List(fields.Nested(ReviewItemSchema))
    total = fields.Integer()
