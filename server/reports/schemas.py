"""Marshmallow schemas for the office's handling of deputies' reports."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.i18n import pick
from server.issues.models import SEVERITIES
from server.issues.services import STATE_LABELS
from server.refs import NamedRefSchema, PersonRefSchema, ProjectRefSchema
from server.reports.machine import RATING_LABELS, REPORT_STATUSES, STATUS_LABELS
from server.reports.services import photos_of
from server.text import Text


def _label(table: dict[str, tuple[str, str]], code: str | None) -> str | None:
    return pick(*table[code]) if code in table else None


class ReportListQuery(Schema):
    status = fields.String(validate=validate.OneOf(REPORT_STATUSES))


class AcceptSchema(Schema):
    title = Text(validate=validate.Length(min=1, max=200))
    severity = fields.String(validate=validate.OneOf(SEVERITIES))
    note = Text(multiline=True, validate=validate.Length(max=2000))


class DeclineSchema(Schema):
    reason = Text(multiline=True, required=True, validate=validate.Length(min=1, max=2000))


class ReplySchema(Schema):
    text = Text(multiline=True, required=True, validate=validate.Length(min=1, max=5000))


class LinkedIssueSchema(Schema):
    id = fields.String()
    state = fields.String()
    state_label = fields.Function(lambda i: _label(STATE_LABELS, i.state))
    deadline = fields.Date(allow_none=True)
    unit = fields.Nested(NamedRefSchema, allow_none=True)


class ReportPhotoSchema(Schema):
    id = fields.String()
    status = fields.String()
    taken_at = fields.DateTime(allow_none=True)
    thumb_url = fields.Function(lambda p: f"/api/v1/photos/{p.id}/thumb")
    display_url = fields.Function(lambda p: f"/api/v1/photos/{p.id}/display")


class ReportLocationSchema(Schema):
    lat = fields.Float()
    lon = fields.Float()
    accuracy_m = fields.Float(allow_none=True)
    at = fields.DateTime(allow_none=True, attribute="located_at")


class ReportSummarySchema(Schema):
    id = fields.String()
    title = fields.String()
    description = fields.String()
    status = fields.String()
    status_label = fields.Function(lambda r: _label(STATUS_LABELS, r.status))
    reply = fields.String(allow_none=True)
    rating = fields.String(allow_none=True)
    rating_label = fields.Function(lambda r: _label(RATING_LABELS, r.rating))
    rating_comment = fields.String(allow_none=True)
    rated_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    version = fields.Integer()
    deputy = fields.Nested(PersonRefSchema)
    project_id = fields.Integer(allow_none=True)
    project = fields.Nested(ProjectRefSchema, allow_none=True)
    location = fields.Function(
        lambda r: None if r.lat is None or r.lon is None else ReportLocationSchema().dump(r)
    )
    issue = fields.Function(
        lambda r: LinkedIssueSchema().dump(r.linked_issues[0]) if r.linked_issues else None
    )


class ReportListSchema(Schema):
    items = fields.List(fields.Nested(ReportSummarySchema))
    # each listed report's photos by report id, read in one query (thumbnails on the list)
    photos = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(ReportPhotoSchema)))


class ReportDetailSchema(ReportSummarySchema):
    photos = fields.Function(lambda r: ReportPhotoSchema(many=True).dump(photos_of(r)))
