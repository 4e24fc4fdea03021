"""issue.create / issue.transition / issue.comment / issue.extension_request."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import fields, validate

from server.clock import action_time
from server.inspections.models import Inspection
from server.issues import extensions as issue_extensions
from server.issues import transitions as issues
from server.issues.deadlines import DEFAULT_TIMEZONE
from server.issues.events import CREATED
from server.issues.models import ISSUE_STATES, SEVERITIES, Issue
from server.issues.recording import record_event
from server.issues.slips import REQUIREMENTS_MAX_CHARS
from server.mutations import (
    ROW_ID,
    UUID,
    Args,
    LocationSchema,
    check_new_id,
    location_columns,
    visible_project,
)
from server.text import Text
from sync.changes import log_change
from sync.context import MutationContext
from sync.errors import Rejected, not_found
from sync.registry import mutation


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


def _region_path(ctx: MutationContext, project: Any) -> str:
    if project is not None:
        return project.region_path
    if ctx.user.region is not None:
        return ctx.user.region.path
    if ctx.user.townships:
        return ctx.user.townships[0].path
    raise Rejected("project_required")


def _action_time(ctx: MutationContext, issue_id: str) -> tuple[datetime, bool]:
    """When the phone says the move was made: not before the problem was found."""
    issue = ctx.session.get(Issue, issue_id)
    return action_time(ctx, created_at=issue.created_at if issue is not None else None)


@mutation("issue.create", IssueCreateArgs, creates=Issue)
def create(ctx: MutationContext, args: dict[str, Any]) -> None:
    issues.require_creator_role(ctx.user)
    if check_new_id(ctx, Issue, args["id"], "problem") is not None:
        return
    project = None
    inspection_id = args.get("inspection_id")
    if inspection_id is not None:
        inspection = ctx.session.get(Inspection, inspection_id)
        if inspection is None or inspection.inspector_id != ctx.user.id:
            raise not_found("inspection")
        project = inspection.project
    if args.get("project_id") is not None:
        project = visible_project(ctx, args["project_id"])
    issue = Issue(
        id=args["id"],
        project=project,
        inspection_id=inspection_id,
        title=args["title"],
        description=args["description"],
        severity=args["severity"],
        suggested_unit=args.get("suggested_unit"),
        suggested_deadline=args.get("suggested_deadline"),
        state="found",
        created_by=ctx.user,
        region_path=_region_path(ctx, project),
        **location_columns(args.get("location"), with_time=False),
    )
    # found when the phone says (server/clock.py): the problem's creation is that moment
    found_at, skewed = action_time(
        ctx, created_at=inspection.started_at if inspection_id is not None else None
    )
    issue.created_at = found_at
    ctx.session.add(issue)
    record_event(
        ctx.session,
        issue,
        CREATED,
        ctx.user.id,
        found_at,
        received_at=ctx.now,
        clock_skew=skewed,
        to_state="found",
        client_id=ctx.client_id,
        mutation_id=ctx.mutation_id,
    )
    log_change(ctx.session, "issue", issue, new=True)


@mutation("issue.transition", IssueTransitionArgs)
def transition(ctx: MutationContext, args: dict[str, Any]) -> None:
    issues.transition(
        ctx.session,
        ctx.user,
        args,
        ctx.now,
        ctx.client_id,
        ctx.mutation_id,
        ctx.settings.get("TIMEZONE", DEFAULT_TIMEZONE),
        ctx.settings,
        at=_action_time(ctx, args["issue_id"]),
    )


@mutation("issue.comment", IssueCommentArgs)
def comment(ctx: MutationContext, args: dict[str, Any]) -> None:
    issues.comment(
        ctx.session,
        ctx.user,
        args["issue_id"],
        args["body"],
        ctx.now,
        ctx.settings,
        at=_action_time(ctx, args["issue_id"]),
    )


class IssueExtensionRequestArgs(Args):
    issue_id = fields.String(required=True, validate=UUID)
    deadline = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=5000))


@mutation("issue.extension_request", IssueExtensionRequestArgs)
def extension_request(ctx: MutationContext, args: dict[str, Any]) -> None:
    issue_extensions.request_extension(
        ctx.session,
        ctx.user,
        args["issue_id"],
        args["deadline"],
        args["reason"],
        ctx.now,
        ctx.client_id,
        ctx.mutation_id,
        _action_time(ctx, args["issue_id"]),
    )
