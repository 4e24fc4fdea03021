"""Marshmallow schemas for the notification list and marking read."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from server.i18n import pick
from server.notifications.models import NOTIFICATION_KINDS

KIND_LABELS = {
    "assigned": ("交办", "Assigned"),
    "due_soon": ("即将到期", "Due soon"),
    "overdue": ("已逾期", "Overdue"),
    "returned": ("退回", "Returned"),
    "replied": ("答复", "Replied"),
    "rated": ("评价", "Rated"),
    "extension": ("延期", "Extension"),
    "reviewed": ("审核", "Reviewed"),
}
ROW_ID = validate.Range(min=1, max=2**31 - 1)


class NotificationQuerySchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1_000_000))
    per_page = fields.Integer(load_default=30, validate=validate.Range(min=1, max=200))
    unread = fields.Boolean(load_default=False)


class NotificationSchema(Schema):
    """Title and body are stored in Chinese; ``kind_label`` follows the request's language."""

    id = fields.Integer(attribute="notification.id")
    kind = fields.String(attribute="notification.kind", validate=validate.OneOf(NOTIFICATION_KINDS))
    kind_label = fields.Function(lambda row: pick(*KIND_LABELS[row["notification"].kind]))
    title = fields.String(attribute="notification.title")
    body = fields.String(attribute="notification.body", allow_none=True)
    issue_id = fields.String(attribute="notification.issue_id", allow_none=True)
    report_id = fields.String(attribute="notification.report_id", allow_none=True)
    inspection_id = fields.String(attribute="notification.inspection_id", allow_none=True)
    project_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime(attribute="notification.created_at")
    read_at = fields.DateTime(attribute="notification.read_at", allow_none=True)


class NotificationPageSchema(Schema):
    items = fields.List(fields.Nested(NotificationSchema))
    total = fields.Integer()
    unread = fields.Integer()
    page = fields.Integer()
    per_page = fields.Integer()


class MarkReadSchema(Schema):
    ids = fields.List(fields.Integer(validate=ROW_ID), validate=validate.Length(min=1, max=500))
    all = fields.Boolean()

    @validates_schema
    def one_of(self, data: dict[str, Any], **_: Any) -> None:
        if ("ids" in data) == bool(data.get("all")):
            raise ValidationError("请指定要标为已读的通知，或全部标为已读", field_name="ids")


class MarkReadResultSchema(Schema):
    updated = fields.Integer()
    unread = fields.Integer()
