"""Marshmallow schemas for the office's handling of deputies' reports."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.i18n import pick
from server.issues.models import SEVERITIES
from server.issues.services import STATE_LABELS
from server.media.schemas import PhotoLinksSchema, photo_flags
from server.refs import NamedRefSchema, PersonRefSchema, ProjectRefSchema, location_of
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


class ReportPhotoSchema(PhotoLinksSchema):
    """A photo the deputy sent with the report, with its evidence flags."""

    flags = fields.Function(photo_flags)


class ReportFields(Schema):
    """A deputy's report as the office's pages and the deputy's phone (server/reports/records.py)
    send it: what was reported and where, the office's reply, the deputy's rating."""

    id = fields.String()
    project_id = fields.Integer(allow_none=True)
    title = fields.String()
    description = fields.String()
    location = fields.Function(location_of)
    status = fields.String()
    reply = fields.String(allow_none=True)  # the office's answer, or why it declined
    rating = fields.String(allow_none=True)
    rating_comment = fields.String(allow_none=True)
    rated_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()  # filed, by the deputy's phone (server/clock.py)
    received_at = fields.DateTime()  # when the server got it
    rated_received_at = fields.DateTime(allow_none=True)
    clock_skew = fields.Boolean()  # a phone time was not trusted
    version = fields.Integer()


class ReportStepFields(Schema):
    """A step the deputy follows on the phone (server/reports/records.py)."""

    key = fields.String()  # accepted 受理 · assigned 交办 · rectified 整改 · replied 答复
    done = fields.Boolean()
    at = fields.DateTime(allow_none=True)


class ReportSummarySchema(ReportFields):
    status_label = fields.Function(lambda r: _label(STATUS_LABELS, r.status))
    rating_label = fields.Function(lambda r: _label(RATING_LABELS, r.rating))
    deputy = fields.Nested(PersonRefSchema)
    project = fields.Nested(ProjectRefSchema, allow_none=True)
    issue = fields.Function(
        lambda r: LinkedIssueSchema().dump(r.linked_issues[0]) if r.linked_issues else None
    )


class ReportListSchema(Schema):
    items = fields.List(fields.Nested(ReportSummarySchema))
    # each listed report's photos by report id, read in one query (thumbnails on the list)
    photos = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(ReportPhotoSchema)))


class ReportDetailSchema(ReportSummarySchema):
    photos = fields.Function(lambda r: ReportPhotoSchema(many=True).dump(photos_of(r)))
