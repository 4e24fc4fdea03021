"""Marshmallow schemas for push and pull requests and answers (DESIGN.md v1); each domain
declares its own mutations' arguments."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

UUID = validate.Regexp(r"^[0-9a-fA-F-]{8,36}$", error="必须是 UUID")


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
