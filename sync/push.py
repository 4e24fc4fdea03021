"""Push: apply a client's mutations exactly once, in order, each in its own transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.orm import utcnow
from sync.args import (
    MAX_ARGS_BYTES,
    check_dates,
    excerpt,
    is_record_id,
    refuse_unstorable,
    storable,
)
from sync.changes import gathered_new_rows
from sync.clients import lock_client
from sync.context import MutationContext
from sync.errors import Conflict, MutationProblem, Rejected, SyncError, busy, is_transient
from sync.models import MutationRecord
from sync.registry import CREATES, REGISTRY

SUPPORTED_SCHEMA_VERSIONS = frozenset({1})
log = logging.getLogger(__name__)


@dataclass
class PushOutcome:
    last_mutation_id: int
    results: list[dict[str, Any]] = field(default_factory=list)


def _summary(errors: Any, prefix: str = "") -> list[str]:
    if isinstance(errors, dict):
        return [
            line for key, value in errors.items() for line in _summary(value, f"{prefix}{key}.")
        ]
    if isinstance(errors, list):
        return [
            f"{prefix.rstrip('.')}: {e}" if isinstance(e, str) else "; ".join(_summary(e, prefix))
            for e in errors
        ]
    return [f"{prefix.rstrip('.')}: {errors}"]


def _load(
    ctx: MutationContext, name: str, raw_args: Any
) -> tuple[Callable[[MutationContext, Any], None], Any]:
    """The effect and validated args of a mutation; ``Rejected`` when it can never apply."""
    refuse_unstorable(name, raw_args, ctx.settings.get("SYNC_MAX_ARGS_BYTES", MAX_ARGS_BYTES))
    entry = REGISTRY.get(name)
    if entry is None:
        raise Rejected("unknown_mutation", name=name)
    schema, effect = entry
    try:
        args = schema.load(raw_args if isinstance(raw_args, dict) else {})
    except ValidationError as error:
        detail = "; ".join(_summary(error.messages))
        raise Rejected("invalid_args", errors=error.messages, detail=detail) from error
    check_dates(args)
    return effect, args


def client_time(raw: Any) -> datetime | None:
    """The phone's ``client_time`` as aware UTC; None when absent or unreadable (a naive time
    is taken as UTC, as the phone sends ``toISOString()``)."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    try:
        moment = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


class _SlowPathNeeded(Exception):
    """An effect failed in the fast path: redo the batch with a savepoint per mutation."""


def push(
    session: Session,
    user: Any,
    client_id: str,
    schema_version: int,
    mutations: list[dict[str, Any]],
    clock: Callable[[], datetime] = utcnow,
    settings: Mapping[str, Any] | None = None,
) -> PushOutcome:
    """Apply ``mutations`` (each ``{id, name, args}``) for ``client_id`` in one transaction.

    The client's row stays write-locked for the batch. Each mutation runs in a savepoint, so its
    effects and the new ``last_mutation_id`` commit together. Ids the client already pushed are
    answered ``duplicate``; a gap stops the batch (the client resends from ``last_mutation_id``);
    a mutation that can never succeed is recorded as rejected and still advances
    ``last_mutation_id``, so nothing blocks the queue. A busy database (lock timeout, deadlock,
    serialization failure) is no reason to refuse a mutation: the batch is rolled back whole and
    ``SyncError`` 503 ``busy_retry`` asks the client to send it again.
    """
    if schema_version not in SUPPORTED_SCHEMA_VERSIONS:
        raise SyncError("schema_version_unsupported")
    try:
        try:
            return _push_batch(session, user, client_id, mutations, clock(), True, settings or {})
        except _SlowPathNeeded as slow:
            if is_transient(slow):
                raise
            session.rollback()
            return _push_batch(session, user, client_id, mutations, clock(), False, settings or {})
    except Exception as error:
        if not is_transient(error):
            raise
        # a lock, deadlock or serialization failure: nothing of the batch is kept, not even
        # a rejection, and the client sends the same batch again
        session.rollback()
        log.warning("push of client %s hit a busy database: %s", client_id, error)
        raise busy() from error


def _push_batch(
    session: Session,
    user: Any,
    client_id: str,
    mutations: list[dict[str, Any]],
    now: datetime,
    fast: bool,
    settings: Mapping[str, Any],
) -> PushOutcome:
    """One pass over the batch, committed at the end.

    The fast pass runs the effects one after another with no savepoints and one flush at the
    end, as nearly every batch applies cleanly. Mutations refused before their effect runs
    (bad args, unknown names) are recorded there too, since nothing was written for them. Any
    failure inside an effect or at the final flush raises ``_SlowPathNeeded``: the caller rolls
    the whole batch back and replays it with a savepoint per mutation, which pins the failure
    on the right mutation and applies the rest.
    """
    client = lock_client(session, client_id, user, now)
    outcome = PushOutcome(last_mutation_id=client.last_mutation_id)
    cache: dict[Any, Any] = _existing_ids(session, mutations)
    run = _run_fast if fast else _run
    try:
        with gathered_new_rows(session) if fast else nullcontext():
            for mutation in sorted(mutations, key=lambda m: m["id"]):
                mutation_id = mutation["id"]
                if mutation_id <= client.last_mutation_id:
                    outcome.results.append({"id": mutation_id, "status": "duplicate"})
                    continue
                if mutation_id != client.last_mutation_id + 1:
                    break
                ctx = MutationContext(
                    session,
                    user,
                    client_id,
                    mutation_id,
                    now,
                    cache,
                    settings,
                    client_time(mutation.get("client_time")),
                )
                outcome.results.append(run(ctx, mutation))
                client.last_mutation_id = mutation_id
        outcome.last_mutation_id = client.last_mutation_id
        session.commit()
    except _SlowPathNeeded:
        raise
    except Exception as error:
        if not fast:
            raise
        raise _SlowPathNeeded from error
    return outcome


def _run_fast(ctx: MutationContext, mutation: dict[str, Any]) -> dict[str, Any]:
    name = mutation["name"]
    try:
        effect, args = _load(ctx, name, mutation.get("args"))
    except Rejected as problem:
        return _record_failure(ctx, mutation, problem)
    try:
        effect(ctx, args)
    except Exception as error:
        raise _SlowPathNeeded from error
    return {"id": ctx.mutation_id, "status": "applied"}


def _existing_ids(session: Session, mutations: list[dict[str, Any]]) -> dict[Any, Any]:
    """For each model the batch creates records of: which of the proposed ids already exist
    (one query per model instead of one per mutation)."""
    wanted: dict[Any, set[str]] = {}
    for mutation in mutations:
        model = CREATES.get(mutation.get("name", ""))
        args = mutation.get("args")
        # only ids that may be looked up: the mutation refuses any other one itself
        if model is not None and isinstance(args, dict) and is_record_id(args.get("id")):
            wanted.setdefault(model, set()).add(args["id"])
    return {
        ("existing", model): set(session.scalars(select(model.id).where(model.id.in_(ids))))
        for model, ids in wanted.items()
    }


def _run(ctx: MutationContext, mutation: dict[str, Any]) -> dict[str, Any]:
    """Apply one mutation in a savepoint; on failure roll it back and record what happened."""
    session, name = ctx.session, mutation["name"]
    savepoint = session.begin_nested()
    try:
        with session.no_autoflush:
            effect, args = _load(ctx, name, mutation.get("args"))
            effect(ctx, args)
        savepoint.commit()
        return {"id": ctx.mutation_id, "status": "applied"}
    except MutationProblem as problem:
        savepoint.rollback()
        failure = problem
    except Exception as error:
        if is_transient(error):
            raise  # the whole batch is rolled back and answered 503 (see push)
        savepoint.rollback()
        log.exception("mutation %s #%s of client %s failed", name, ctx.mutation_id, ctx.client_id)
        failure = Rejected("server_error.mutation")
    if isinstance(failure, Conflict) and failure.record is not None:
        failure.record(session)
    result = _record_failure(ctx, mutation, failure)
    session.flush()
    return result


def _record_failure(
    ctx: MutationContext, mutation: dict[str, Any], failure: MutationProblem
) -> dict[str, Any]:
    """Keep a refused mutation (rejected or conflict) so the client and the office can see it."""
    ctx.session.add(
        MutationRecord(
            client_id=ctx.client_id,
            mutation_id=ctx.mutation_id,
            name=storable(mutation["name"])[:64],
            status=failure.status,
            code=failure.code,
            message=storable(failure.message),
            message_en=storable(failure.message_en),
            args=excerpt(mutation.get("args")),
            at=ctx.now,
        )
    )
    return {
        "id": ctx.mutation_id,
        "status": failure.status,
        "code": failure.code,
        "message": failure.message,
        "message_en": failure.message_en,
    }
