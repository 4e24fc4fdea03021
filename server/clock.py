"""When a thing happened in the field: the phone's claim, and when the server will not trust it.

Every record the phone makes carries two times. The action time (``at``: an inspection's
``started_at`` and ``submitted_at``, an answer's ``answered_at``, a problem event's ``at``, a
report's filing, a rating's ``rated_at``, a photo's ``taken_at``) is when the inspector, unit or
deputy did it, by the phone's clock (the mutation's ``client_time``, or the record's own field).
``received_at`` is when the server got it. Views, logs, lists, XLSX and bulletin periods read the
action time: an inspection made on Monday offline and synced on Friday is Monday's.

A phone's clock is a claim, not a fact: it may be wrong or set on purpose. The action time is
trusted unless it is
- in the future: later than ``received_at`` by more than ``CLOCK_SKEW_MINUTES`` (default 5,
  a phone's ordinary drift),
- before the record it belongs to was created (a submission before the inspection started, a
  move before the problem was found), or
- before the user's account existed (nothing was done with an account that did not exist yet).
Then ``received_at`` stands in for it and the record is flagged ``clock_skew``, so the office sees
the claim was not taken. A clock set back within those bounds cannot be told from a phone kept
offline, which is why rules that must not bend (a deadline: ``server.issues.deadlines``) go by
``received_at``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app, has_app_context

from sync.context import MutationContext

DEFAULT_SKEW_MINUTES = 5
# the office is shown the received time too when it is this far from the action time
SHOWN_APART = timedelta(hours=1)


def apart(at: datetime, received_at: datetime | None) -> bool:
    """Whether the office should see both times (more than ``TIMES_APART_MINUTES`` between
    them, ``SHOWN_APART`` outside an app)."""
    limit = SHOWN_APART
    if has_app_context():
        limit = timedelta(minutes=int(current_app.config.get("TIMES_APART_MINUTES", 60)))
    return received_at is not None and abs(received_at - at) > limit


def trusted_time(
    received_at: datetime,
    claimed: datetime | None,
    account_created_at: datetime | None,
    created_at: datetime | None = None,
    skew_minutes: int = DEFAULT_SKEW_MINUTES,
) -> tuple[datetime, bool]:
    """``(at, clock_skew)``: the claimed action time if trusted (see the module), else
    ``received_at`` with ``clock_skew`` True; nothing claimed is ``received_at``, not flagged.

    A claim up to the skew before the record's creation or the account's is moved up to that
    moment (the two clocks differ by that much) rather than refused."""
    if claimed is None:
        return received_at, False
    skew = timedelta(minutes=skew_minutes)
    if claimed > received_at + skew:
        return received_at, True
    for floor in (created_at, account_created_at):
        if floor is None or claimed >= floor:
            continue
        if claimed < floor - skew:
            return received_at, True
        claimed = floor
    return min(claimed, received_at), False


def action_time(ctx: MutationContext, created_at: datetime | None = None) -> tuple[datetime, bool]:
    """``trusted_time`` of the mutation's ``client_time`` for the user pushing it."""
    return claimed_time(ctx, ctx.client_time, created_at)


def claimed_time(
    ctx: MutationContext, claimed: datetime | None, created_at: datetime | None = None
) -> tuple[datetime, bool]:
    """``trusted_time`` of a time the record carries itself (``started_at``, ``taken_at``)."""
    return trusted_time(
        ctx.now,
        claimed,
        getattr(ctx.user, "created_at", None),
        created_at,
        int(ctx.settings.get("CLOCK_SKEW_MINUTES", DEFAULT_SKEW_MINUTES)),
    )
