"""Marshmallow schemas for push/pull requests and for each mutation's arguments (DESIGN.md v1)."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validate,
    validates,
    validates_schema,
)

from server.inspections.models import INSPECTION_KINDS
from server.issues.models import ISSUE_STATES, SEVERITIES
from server.media.models import PHOTO_OWNER_TYPES
from server.reports.models import REPORT_RATINGS
from server.text import SURROGATE_MESSAGE, Text, has_surrogate, refusal, text_problem
from sync.slips import REQUIREMENTS_MAX_CHARS

UUID = validate.Regexp(r"^[0-9a-fA-F-]{8,36}$", error="必须是 UUID")
ROW_ID = validate.Range(min=1, max=2**31 - 1, error="编号超出范围")
SHA256 = validate.Regexp(r"^[0-9a-f]{64}$", error="必须是 64 位小写十六进制 SHA-256")


class Args(Schema):
    """Mutation arguments: extra optional fields are allowed and ignored."""

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def encodable(self, data: Any, **kwargs: Any) -> Any:
        """No string anywhere in the args (ignored ones too) may hold a lone surrogate."""
        if has_surrogate(data):
            raise refusal(SURROGATE_MESSAGE)
        return data


class LocationSchema(Args):
    lat = fields.Float(required=True, validate=validate.Range(-90, 90))
    lon = fields.Float(required=True, validate=validate.Range(-180, 180))
    accuracy_m = fields.Float(allow_none=True, validate=validate.Range(min=0))
    at = fields.AwareDateTime(allow_none=True, default_timezone=UTC)


class InspectionCreateArgs(Args):
    id = fields.String(required=True, validate=UUID)
    project_id = fields.Integer(required=True, validate=ROW_ID)
    kind = fields.String(required=True, validate=validate.OneOf(INSPECTION_KINDS))
    started_at = fields.AwareDateTime(required=True, default_timezone=UTC)
    template_id = Text(allow_none=True)
    location = fields.Nested(LocationSchema, allow_none=True)
    notes = Text(multiline=True, allow_none=True, validate=validate.Length(max=5000))
    replaces_id = fields.String(allow_none=True, validate=UUID)


class InspectionUpdateArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)
    notes = Text(multiline=True, allow_none=True, validate=validate.Length(max=5000))
    location = fields.Nested(LocationSchema, allow_none=True)
    kind = fields.String(validate=validate.OneOf(INSPECTION_KINDS))
    template_id = Text(allow_none=True)


class AnswerSetArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)
    item_id = Text(required=True)
    value = fields.Raw(required=True, allow_none=True)
    note = Text(multiline=True, allow_none=True, validate=validate.Length(max=2000))

    @validates("value")
    def typed_text(self, value: Any, **kwargs: Any) -> None:
        """A text answer is person-typed text like any other."""
        problem = text_problem(value, multiline=True) if isinstance(value, str) else None
        if problem is not None:
            raise refusal(problem)


class InspectionSubmitArgs(Args):
    inspection_id = fields.String(required=True, validate=UUID)


class PhotoAttachArgs(Args):
    id = fields.String(required=True, validate=UUID)
    sha256 = fields.String(required=True, validate=SHA256)
    size = fields.Integer(required=True, validate=validate.Range(min=1, max=2**40))
    content_type = fields.String(required=True, validate=validate.Regexp(r"^image/[a-z0-9.+-]+$"))
    owner_type = fields.String(required=True, validate=validate.OneOf(PHOTO_OWNER_TYPES))
    owner_id = fields.String(required=True, validate=UUID)
    taken_at = fields.AwareDateTime(allow_none=True, default_timezone=UTC)
    location = fields.Nested(LocationSchema, allow_none=True)


class IssueCreateArgs(Args):
    id = fields.String(required=True, validate=UUID)
    project_id = fields.Integer(allow_none=True, validate=ROW_ID)
    inspection_id = fields.String(allow_none=True, validate=UUID)
    title = Text(required=True, validate=validate.Length(min=1, max=200))
    description = Text(multiline=True, required=True, validate=validate.Length(max=5000))
    severity = fields.String(required=True, validate=validate.OneOf(SEVERITIES))
    location = fields.Nested(LocationSchema, allow_none=True)
    suggested_unit = Text(allow_none=True, validate=validate.Length(max=100))
    suggested_deadline = fields.Date(allow_none=True)


class IssueTransitionArgs(Args):
    issue_id = fields.String(required=True, validate=UUID)
    to = fields.String(required=True, validate=validate.OneOf(ISSUE_STATES))
    expected_from = fields.String(required=True, validate=validate.OneOf(ISSUE_STATES))
    unit_id = fields.Integer(allow_none=True, validate=ROW_ID)
    deadline = fields.Date(allow_none=True)
    reason = Text(multiline=True, allow_none=True, validate=validate.Length(max=5000))
    photo_ids = fields.List(fields.String(validate=UUID), allow_none=True)
    duplicate_of = fields.String(allow_none=True, validate=UUID)
    requirements = Text(
        multiline=True, allow_none=True, validate=validate.Length(max=REQUIREMENTS_MAX_CHARS)
    )


class IssueCommentArgs(Args):
    issue_id = fields.String(required=True, validate=UUID)
    body = Text(multiline=True, required=True, validate=validate.Length(min=1, max=5000))


class ReportCreateArgs(Args):
    id = fields.String(required=True, validate=UUID)
    title = Text(required=True, validate=validate.Length(min=1, max=200))
    description = Text(multiline=True, required=True, validate=validate.Length(max=5000))
    project_id = fields.Integer(allow_none=True, validate=ROW_ID)
    location = fields.Nested(LocationSchema, allow_none=True)


class ReportRateArgs(Args):
    report_id = fields.String(required=True, validate=UUID)
    rating = fields.String(required=True, validate=validate.OneOf(REPORT_RATINGS))
    comment = Text(multiline=True, allow_none=True, validate=validate.Length(max=2000))


# --- the requests ----------------------------------------------------------------------------


class MutationSchema(Schema):
    id = fields.Integer(required=True, validate=validate.Range(min=1, max=2**53 - 1))
    name = fields.String(required=True, validate=validate.Length(min=1, max=64))
    args = fields.Dict(required=True)
    client_time = fields.String(allow_none=True)


class PushRequestSchema(Schema):
    client_id = fields.String(required=True, validate=UUID)
    schema_version = fields.Integer(required=True)
    mutations = fields.List(
        fields.Nested(MutationSchema), required=True, validate=validate.Length(max=500)
    )

    @validates_schema
    def ids_unique(self, data: dict, **kwargs: object) -> None:
        ids = [m["id"] for m in data.get("mutations", [])]
        if len(ids) != len(set(ids)):
            raise ValidationError("同一批次中的变更编号重复", "mutations")


class MutationResultSchema(Schema):
    id = fields.Integer()
    status = fields.String()
    code = fields.String()
    message = fields.String()


class PushResponseSchema(Schema):
    last_mutation_id = fields.Integer()
    results = fields.List(fields.Nested(MutationResultSchema))


class PullRequestSchema(Schema):
    client_id = fields.String(required=True, validate=UUID)
    cookie = fields.String(allow_none=True, load_default=None)
    schema_version = fields.Integer(load_default=1)
    limit = fields.Integer(load_default=500, validate=validate.Range(min=1, max=2000))


class ChangeSchema(Schema):
    op = fields.String()
    type = fields.String()
    id = fields.String()
    version = fields.Integer()
    data = fields.Raw(allow_none=True)


class RejectionSchema(Schema):
    mutation_id = fields.Integer()
    name = fields.String()
    status = fields.String()
    code = fields.String()
    message = fields.String()
    at = fields.DateTime()
    # the client's own args, so it knows which record the refusal was about
    args = fields.Raw(allow_none=True)


class PullResponseSchema(Schema):
    cookie = fields.String()
    last_mutation_id = fields.Integer()
    reset = fields.Boolean()
    changes = fields.List(fields.Nested(ChangeSchema))
    rejections = fields.List(fields.Nested(RejectionSchema))
    has_more = fields.Boolean()
