"""What a published bulletin's requests and answers look like (marshmallow)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from server.bulletins import publishing
from server.bulletins.services import FORMATS
from server.fields import RowId
from server.text import Text

_TEXT = {"multiline": True, "allow_none": True, "validate": validate.Length(max=20_000)}


class BulletinDraftSchema(Schema):
    """A new draft: its period (local days), optionally a county inside the user's region,
    and the office's paragraphs 情况 / 问题 / 要求."""

    from_ = fields.Date(data_key="from", required=True)
    to = fields.Date(required=True)
    county = RowId(allow_none=True)
    situation = Text(**_TEXT)
    problems = Text(**_TEXT)
    requirements = Text(**_TEXT)


class BulletinEditSchema(BulletinDraftSchema):
    """The fields of a draft to change; the others stay."""

    from_ = fields.Date(data_key="from")
    to = fields.Date()


class BulletinFormatSchema(Schema):
    format = fields.String(load_default="json", validate=validate.OneOf(FORMATS))


class BulletinRegionRefSchema(Schema):
    id = fields.Integer()
    name = fields.String()


class BulletinSummarySchema(Schema):
    """One bulletin in the list: ``code`` (督通〔2023〕3号) and ``published_at`` once published."""

    id = fields.Integer()
    status = fields.String()
    code = fields.String(allow_none=True)
    year = fields.Integer(allow_none=True)
    number = fields.Integer(allow_none=True)
    title = fields.String(allow_none=True)
    region = fields.Nested(BulletinRegionRefSchema)
    from_ = fields.Date(data_key="from", attribute="first_day")
    to = fields.Date(attribute="last_day")
    situation = fields.String(allow_none=True)
    problems = fields.String(allow_none=True)
    requirements = fields.String(allow_none=True)
    created_at = fields.DateTime()
    published_at = fields.DateTime(allow_none=True)


class BulletinDetailSchema(BulletinSummarySchema):
    """With ``figures``: as the JSON bulletin (GET /bulletins/figures) gives them — frozen at
    publication, as of now for a draft."""

    figures = fields.Function(publishing.figures_of)
