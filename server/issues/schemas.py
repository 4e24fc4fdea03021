"""Marshmallow schemas of the problem ledger: queries, actions and answers."""

from __future__ import annotations

from typing import Any

from flask import current_app
from marshmallow import Schema, ValidationError, fields, validate

from server.fields import Offset
from server.i18n import pick
from server.issues.deadlines import (
    COLOUR_LABELS,
    COLOURS,
    days_left,
    deadline_colour,
    rectified_late,
)
from server.issues.events import TRANSITION
from server.issues.history import EVENTS_PAGE, EVENTS_PAGE_MAX
from server.issues.machine import STATE_LABELS
from server.issues.models import ISSUE_STATES
from server.issues.slips import REQUIREMENTS_MAX_CHARS
from server.media.schemas import PhotoLinksSchema, photo_flags
from server.projects.schemas import ROW_ID
from server.projects.services import today
from server.refs import NamedRefSchema, PersonRefSchema, ProjectRefSchema
from server.text import Text

UUID = validate.Regexp(r"^[0-9a-fA-F-]{8,36}$", error="必须是 UUID")
TEXT = validate.Length(max=5000)


def requirements_fit_one_page(value: str) -> None:
    """The slip is one page: refuse long requirements at once, before any slip or PDF work."""
    if len(value) > REQUIREMENTS_MAX_CHARS:
        raise ValidationError(
            pick(
                f"整改要求最多 {REQUIREMENTS_MAX_CHARS} 字（交办单只有一页），现有 {len(value)} 字",
                f"At most {REQUIREMENTS_MAX_CHARS} characters (the slip is one page)",
            )
        )


def state_label(state: str) -> str:
    return pick(*STATE_LABELS[state])


def _colour(issue) -> str | None:  # type: ignore[no-untyped-def]
    return deadline_colour(issue.state, issue.deadline, today())


def _colour_label(issue) -> str | None:  # type: ignore[no-untyped-def]
    colour = _colour(issue)
    return pick(*COLOUR_LABELS[colour]) if colour else None


def _days_left(issue) -> int | None:  # type: ignore[no-untyped-def]
    return days_left(issue.deadline, today()) if issue.deadline else None


def _late(event) -> bool:  # type: ignore[no-untyped-def]
    """A rectification (已整改) that reached the server after the deadline (deadlines.py)."""
    if event.to_state != "rectified" or event.kind != TRANSITION:
        return False
    return rectified_late(
        event.issue.deadline, event.at, event.received_at, current_app.config["TIMEZONE"]
    )


def _latest_slip(issue):  # type: ignore[no-untyped-def]
    return issue.slips[-1] if issue.slips else None


class IssueQuerySchema(Schema):
    state = fields.String(validate=validate.OneOf(ISSUE_STATES))
    unit_id = fields.Integer(validate=ROW_ID)
    project_id = fields.Integer(validate=ROW_ID)
    township_id = fields.Integer(validate=ROW_ID)
    colour = fields.String(validate=validate.OneOf(COLOURS))
    extension_pending = fields.Boolean()
    q = Text(validate=validate.Length(max=100))
    limit = fields.Integer(load_default=100, validate=validate.Range(min=1, max=500))
    offset = Offset(load_default=0)


class SlipRefSchema(Schema):
    id = fields.Integer()
    code = fields.String()


class DeputyRefSchema(Schema):
    id = fields.Integer()
    name = fields.String(attribute="display_name")


class SourceReportSchema(Schema):
    """The deputy's report a problem was made from (来自人大代表 X 的反映)."""

    id = fields.String()
    deputy = fields.Nested(DeputyRefSchema)


class SlipInForceSchema(Schema):
    """What the unit was asked: the slip in force (not voided by a 改派)."""

    code = fields.String()
    requirements = fields.String(allow_none=True)
    deadline = fields.Date()
    issued_at = fields.DateTime()


def slip_in_force(issue):  # type: ignore[no-untyped-def]
    """The problem's current slip (the latest one not voided), or None."""
    live = [slip for slip in issue.slips if slip.voided_at is None]
    return live[-1] if live else None


class IssueFields(Schema):
    """A problem as the office's list, its page and the phones' copy (server/issues/records.py)
    send it: what it is, where it stands, who fixes it by when."""

    id = fields.String()
    title = fields.String()
    severity = fields.String()
    state = fields.String()
    unit = fields.Nested(NamedRefSchema, allow_none=True)
    deadline = fields.Date(allow_none=True)
    pending_extension_until = fields.Date(allow_none=True)  # 延期 asked for, awaiting the office
    created_at = fields.DateTime()
    version = fields.Integer()
    # 来自人大代表 X 的反映: the deputy's report it was made from, on the list as on its page
    source_report = fields.Nested(SourceReportSchema, attribute="report", allow_none=True)


class IssueDetailFields(IssueFields):
    """…and what its page and the phones' copy add: the description, the inspector's
    suggestions, where it came from and who found it."""

    description = fields.String()
    suggested_unit = fields.String(allow_none=True)
    suggested_deadline = fields.Date(allow_none=True)
    duplicate_of_id = fields.String(allow_none=True)
    inspection_id = fields.String(allow_none=True)
    report_id = fields.String(allow_none=True)
    created_by = fields.Nested(PersonRefSchema)


class IssueRecordFields(IssueDetailFields):
    """…and what the phones' copy (server/issues/records.py) adds: the project by its id, and
    the slip in force (what the unit was asked)."""

    project_id = fields.Integer(allow_none=True)
    slip = fields.Function(lambda issue: SlipInForceSchema().dump(slip_in_force(issue)) or None)


def _inspection_returned(issue: Any) -> bool:
    """Found in an inspection the office returned (退回), not yet resubmitted: 所属检查已退回
    (set by server/issues/returned.py)."""
    return bool(getattr(issue, "inspection_returned", False))


class IssueItemSchema(IssueFields):
    inspection_returned = fields.Function(_inspection_returned)
    state_label = fields.Function(lambda issue: state_label(issue.state))
    days_left = fields.Function(_days_left)
    colour = fields.Function(_colour)
    colour_label = fields.Function(_colour_label)
    project = fields.Nested(ProjectRefSchema, allow_none=True)
    slip = fields.Function(lambda issue: SlipRefSchema().dump(_latest_slip(issue)) or None)


class CountsSchema(Schema):
    states = fields.Dict(keys=fields.String(), values=fields.Integer())
    colours = fields.Dict(keys=fields.String(), values=fields.Integer())


class IssueListSchema(Schema):
    items = fields.List(fields.Nested(IssueItemSchema))
    total = fields.Integer()
    counts = fields.Nested(CountsSchema)


class EventSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    from_state = fields.String(allow_none=True)
    to_state = fields.String(allow_none=True)
    actor = fields.Nested(PersonRefSchema)
    at = fields.DateTime()  # when it was done (the phone's time unless not trusted)
    received_at = fields.DateTime()  # when the server got it
    clock_skew = fields.Boolean()  # the phone's time was not trusted: ``at`` is received_at
    late = fields.Function(_late)  # a rectification received after its deadline
    reason = fields.String(allow_none=True)
    data = fields.Raw(allow_none=True)


class SlipSchema(Schema):
    """An assignment slip (交办单) as a clerk reads it."""

    id = fields.Integer()
    code = fields.String()
    issue_id = fields.String()
    issue_title = fields.String(attribute="issue.title")
    project = fields.Nested(ProjectRefSchema, attribute="issue.project", allow_none=True)
    region = fields.Nested(NamedRefSchema)
    year = fields.Integer()
    number = fields.Integer()
    unit = fields.Nested(NamedRefSchema)
    deadline = fields.Date()
    requirements = fields.String(allow_none=True)
    issued_by = fields.Nested(PersonRefSchema)
    issued_at = fields.DateTime()
    voided_at = fields.DateTime(allow_none=True)  # 改派: a later slip replaced this one


class IssuePhotoSchema(PhotoLinksSchema):
    """A photo on the problem's page: its stage (发现 / 整改 / 复核 / 代表), when it was taken
    and received, and its evidence flags."""

    received_at = fields.DateTime()
    clock_skew = fields.Boolean()
    flags = fields.Function(photo_flags)


class WarningFlagSchema(Schema):
    """A warning evidence flag of one of the problem's rectification or check photos."""

    photo_id = fields.String()
    stage = fields.String()
    code = fields.String()
    message = fields.String()
    message_en = fields.String()


class IssueDetailSchema(IssueItemSchema, IssueDetailFields):
    """A problem's page (services.IssueView, which reads the problem's own fields through)."""

    lat = fields.Float(allow_none=True)
    lon = fields.Float(allow_none=True)
    # the latest events only (server/issues/history.py); older ones: GET …/events?before=
    events = fields.List(fields.Nested(EventSchema))
    events_more = fields.Boolean()
    slips = fields.List(fields.Nested(SlipSchema))
    photo_ids = fields.List(fields.String())
    photos = fields.List(fields.Nested(IssuePhotoSchema))  # the same, with stage and flags
    # 销号 of a problem whose rectification or check photos raised warnings needs a reason
    close_needs_reason = fields.Boolean()
    warning_flags = fields.List(fields.Nested(WarningFlagSchema))
    allowed_targets = fields.List(fields.String())
    can_decide_extension = fields.Boolean()
    can_request_extension = fields.Boolean()


class EventQuerySchema(Schema):
    before = fields.Integer(validate=ROW_ID)
    limit = fields.Integer(
        load_default=EVENTS_PAGE, validate=validate.Range(min=1, max=EVENTS_PAGE_MAX)
    )


class EventPageSchema(Schema):
    items = fields.List(fields.Nested(EventSchema))
    has_more = fields.Boolean()


class TransitionSchema(Schema):
    to = fields.String(required=True, validate=validate.OneOf(ISSUE_STATES))
    expected_from = fields.String(required=True, validate=validate.OneOf(ISSUE_STATES))
    unit_id = fields.Integer(validate=ROW_ID)
    deadline = fields.Date()
    requirements = Text(multiline=True, validate=requirements_fit_one_page)
    reason = Text(multiline=True, validate=TEXT)
    duplicate_of = fields.String(validate=UUID)
    photo_ids = fields.List(fields.String(validate=UUID), validate=validate.Length(max=50))


class ExtensionRequestSchema(Schema):
    deadline = fields.Date(required=True)
    reason = Text(multiline=True, required=True, validate=validate.Length(min=1, max=5000))


class ExtensionDecisionSchema(Schema):
    approve = fields.Boolean(required=True)
    deadline = fields.Date()
    reason = Text(multiline=True, validate=TEXT)
