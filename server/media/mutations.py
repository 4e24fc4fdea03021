"""photo.attach: a photo may arrive before its bytes; it stays pending until its uploader has
sent them (knowing a SHA-256 is not having the photo). A size that differs from the stored
bytes is refused."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from marshmallow import fields, validate

from core.problems import noun, stage_text
from server.audience import can_see
from server.clock import claimed_time
from server.inspections.models import Inspection
from server.inspections.services import check_move
from server.issues.models import Issue
from server.media.models import PHOTO_OWNER_TYPES, Blob, Photo
from server.media.photos import attach_if_ready
from server.media.stages import PHOTO_STAGES, allowed_stages, derived_stage
from server.mutations import SHA256, UUID, Args, LocationSchema, location_columns
from server.reports.models import DeputyReport
from sync.changes import log_change, scope_of
from sync.context import MutationContext
from sync.errors import Rejected, forbidden, not_found
from sync.registry import mutation


class PhotoAttachArgs(Args):
    id = fields.String(required=True, validate=UUID)
    sha256 = fields.String(required=True, validate=SHA256)
    size = fields.Integer(required=True, validate=validate.Range(min=1, max=2**40))
    content_type = fields.String(required=True, validate=validate.Regexp(r"^image/[a-z0-9.+-]+$"))
    owner_type = fields.String(required=True, validate=validate.OneOf(PHOTO_OWNER_TYPES))
    owner_id = fields.String(required=True, validate=UUID)
    taken_at = fields.AwareDateTime(allow_none=True, default_timezone=UTC)
    location = fields.Nested(LocationSchema, allow_none=True)
    # what the photo shows (server/media/stages.py); the server derives it when not given
    stage = fields.String(validate=validate.OneOf(PHOTO_STAGES))


MAX_PHOTO_BYTES = 30 * 1024 * 1024


def _check_owner(ctx: MutationContext, owner_type: str, owner_id: str) -> str | None:
    """Refuse an owner the user may not attach to; the problem's state for a problem's photo."""
    user = ctx.user
    if owner_type == "inspection":
        inspection = ctx.session.get(Inspection, owner_id)
        if inspection is None or inspection.inspector_id != user.id:
            raise not_found("inspection")
        check_move(inspection, "attach_photo")  # only a draft takes photos
        return None
    if owner_type in ("issue", "event"):
        issue = ctx.session.get(Issue, owner_id)
        if issue is None or not can_see(user, scope_of(ctx.session, "issue", issue)):
            raise not_found("problem")
        if user.role == "deputy":
            raise forbidden()
        return issue.state
    report = ctx.session.get(DeputyReport, owner_id)
    if report is None or report.deputy_id != user.id:
        raise not_found("report")
    return None


def _stage(ctx: MutationContext, args: dict[str, Any], issue_state: str | None) -> str:
    """The stage the phone asked for, if the uploader's side may make it; else derived."""
    owner_type, role = args["owner_type"], ctx.user.role
    asked = args.get("stage")
    if asked is None:
        return derived_stage(owner_type, role, issue_state)
    if asked not in allowed_stages(owner_type, role):
        raise Rejected("photo_stage_not_yours", stage=stage_text(asked))
    return str(asked)


@mutation("photo.attach", PhotoAttachArgs, creates=Photo)
def attach(ctx: MutationContext, args: dict[str, Any]) -> None:
    existing = ctx.session.get(Photo, args["id"])
    if existing is not None:
        if existing.uploaded_by_id == ctx.user.id and existing.sha256 == args["sha256"]:
            return
        raise Rejected("id_taken", what=noun("photo"))
    if args["size"] > MAX_PHOTO_BYTES:
        raise Rejected("photo_too_large", mb=MAX_PHOTO_BYTES // (1024 * 1024))
    issue_state = _check_owner(ctx, args["owner_type"], args["owner_id"])
    stage = _stage(ctx, args, issue_state)
    blob = ctx.session.get(Blob, args["sha256"])
    if blob is not None and blob.size != args["size"]:
        raise Rejected("photo_size_mismatch")
    # taken when the phone says (server/clock.py), unless that time cannot be trusted
    taken_at, skewed = args.get("taken_at"), False
    if taken_at is not None:
        taken_at, skewed = claimed_time(ctx, taken_at)
    photo = Photo(
        id=args["id"],
        sha256=args["sha256"],
        size=args["size"],
        content_type=args["content_type"],
        owner_type=args["owner_type"],
        owner_id=args["owner_id"],
        stage=stage,
        taken_at=taken_at,
        received_at=ctx.now,
        clock_skew=skewed,
        uploaded_by_id=ctx.user.id,
        status="pending",
        **location_columns(args.get("location")),
    )
    ctx.session.add(photo)
    ctx.session.flush()
    attach_if_ready(ctx.session, photo)
    log_change(ctx.session, "photo", photo, new=True)
