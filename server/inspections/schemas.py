"""An inspection's fields as the office's review (server/review/schemas.py) and the phones' copy
(server/inspections/records.py) both send them: each declared once, here."""

from __future__ import annotations

from marshmallow import Schema, fields

from server.refs import PersonRefSchema


class ChecklistItemFields(Schema):
    """One question of a checklist: its kind, label, whether it must be answered, its options
    (choice) or unit (number)."""

    id = fields.String()
    position = fields.Integer()
    kind = fields.String()
    label = fields.String()
    required = fields.Boolean()
    options = fields.Raw(allow_none=True)
    unit = fields.String(allow_none=True)
    hint = fields.String(allow_none=True)
    bad_answer = fields.Raw(allow_none=True)  # which answer counts as a problem
    opens_problem = fields.Boolean()
    minimum = fields.Float(allow_none=True)
    maximum = fields.Float(allow_none=True)
    integer = fields.Boolean()
    min_count = fields.Integer(allow_none=True)


class ChecklistFields(Schema):
    """A version of a checklist (检查表): its family, where it applies (county, series, kinds;
    empty: any), whether it is offered for new captures."""

    id = fields.String()
    family_id = fields.String()
    county_id = fields.Integer(allow_none=True)
    series_ids = fields.Raw(allow_none=True)
    kinds = fields.Raw(allow_none=True)
    category = fields.String()
    name = fields.String()
    version = fields.Integer()
    active = fields.Boolean()
    published_at = fields.DateTime(allow_none=True)


class AnswerFields(Schema):
    """The answer to one checklist item."""

    item_id = fields.String()
    value = fields.Raw(allow_none=True)
    note = fields.String(allow_none=True)


class AnswerRecordFields(AnswerFields):
    """…and when it was given (the phones' copy)."""

    answered_at = fields.DateTime()


class InspectionStatusFields(Schema):
    """Where an inspection stands in its life (server/inspections/lifecycle.py): submitted,
    then the office's review, approved or returned with the reason the phone shows."""

    id = fields.String()
    status = fields.String()
    submitted_at = fields.DateTime(allow_none=True)  # the phone's time (server/clock.py)
    received_at = fields.DateTime()  # when the server got the submission (a draft: creation)
    clock_skew = fields.Boolean()  # the phone's time was not trusted
    reviewed_at = fields.DateTime(allow_none=True)
    review_note = fields.String(allow_none=True)


class InspectionFields(InspectionStatusFields):
    """One visit: its kind, who made it and when, the inspector's notes."""

    kind = fields.String()
    version = fields.Integer()
    inspector = fields.Nested(PersonRefSchema)
    started_at = fields.DateTime()
    notes = fields.String(allow_none=True)


class InspectionRecordFields(InspectionFields):
    """…and what the phones' copy (server/inspections/records.py) adds: of which project, with
    which checklist, correcting which inspection."""

    project_id = fields.Integer()
    template_id = fields.String(allow_none=True)
    replaces_id = fields.String(allow_none=True)
