"""Marshmallow schemas for the lists' queries and the project log's JSON."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

ROW_ID = validate.Range(min=1, max=2**31 - 1)


class RectificationQuery(Schema):
    unit_id = fields.Integer(validate=ROW_ID)  # the office picks a unit; a unit gets its own


class LogQuery(Schema):
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "xlsx")))


class LogFlagSchema(Schema):
    code = fields.String()
    severity = fields.String()
    message = fields.String()  # in the reader's language


class LogEntrySchema(Schema):
    at = fields.DateTime()
    kind = fields.String()  # inspection · problem · progress
    kind_label = fields.String()
    ref_id = fields.String()
    title = fields.String()
    detail = fields.String(allow_none=True)
    who = fields.String(allow_none=True)
    received_at = fields.DateTime(allow_none=True)  # when the server got it (phone records)
    # an inspection's or a problem's photos by stage: found, rectify, verify, report, inspection
    photo_counts = fields.Dict(keys=fields.String(), values=fields.Integer(), allow_none=True)
    warning_flags = fields.List(fields.Nested(LogFlagSchema), allow_none=True)  # of those photos
    # an inspection's checklist: {template: {id, name, version} | None, answers: [{item_id,
    # position, label, kind, unit, value, note, bad}]} against its own template version
    checklist = fields.Raw(allow_none=True)
    # the line's photos: [{id, stage, status, thumb_url, display_url}]
    photos = fields.Raw(allow_none=True)


class LogProjectSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()


class LogTotalsSchema(Schema):
    entries = fields.Function(lambda log: len(log.entries))
    inspections = fields.Integer()
    problems = fields.Integer()
    problem_events = fields.Integer()
    progress_reports = fields.Integer()


class ProjectLogSchema(Schema):
    project = fields.Nested(LogProjectSchema)
    totals = fields.Function(lambda log: LogTotalsSchema().dump(log))
    entries = fields.List(fields.Nested(LogEntrySchema))
