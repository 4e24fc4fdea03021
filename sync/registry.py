"""How domains plug into the engine: their mutations, their record types, and who sees what.

The engine (push, pull, the change log) knows no domain. Each domain package registers:

- a mutation: its name, argument schema and effect (``@mutation``);
- a record type pull can send: how to load and serialize it, and the scope it is visible in
  (``register_record_type``);
- once for the app, the audience rule that matches a user against a scope (``set_audience``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from marshmallow import Schema
from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session

from sync.context import MutationContext
from sync.scope import Scope

Effect = Callable[[MutationContext, dict[str, Any]], None]
REGISTRY: dict[str, tuple[Schema, Effect]] = {}
# mutation name → the model whose record it creates under ``args["id"]``
CREATES: dict[str, Any] = {}


def mutation(name: str, schema: type[Schema], creates: Any = None) -> Callable[[Effect], Effect]:
    """Register ``effect`` as the handler of mutation ``name`` with its argument schema."""

    def register(effect: Effect) -> Effect:
        REGISTRY[name] = (schema(), effect)
        if creates is not None:
            CREATES[name] = creates
        return effect

    return register


@dataclass(frozen=True)
class RecordType:
    """A kind of record pull sends (``name`` is the change log's ``entity_type``)."""

    name: str
    model: Any
    # (session, record) → where the record is visible now
    scope_of: Callable[[Session, Any], Scope]
    # (record, user) → the data pull sends this user
    serialize: Callable[[Any, Any], dict[str, Any]]
    # loader options for ``select(model)`` (relationships serialize and scope_of read)
    load_options: tuple[Any, ...] = ()
    integer_ids: bool = False
    # (session, records by id) → scopes by id, in a few queries (default: scope_of per record)
    scopes_of: Callable[[Session, dict[str, Any]], dict[str, Scope]] | None = None
    # the same for a reader (pull): takes no lock (default: scopes_of)
    read_scopes_of: Callable[[Session, dict[str, Any]], dict[str, Scope]] | None = None
    # (session, records changed, ids that left their scope) → log what follows them
    after_change: Callable[[Session, list[Any], list[str]], None] | None = field(default=None)


RECORD_TYPES: dict[str, RecordType] = {}


def register_record_type(record_type: RecordType) -> RecordType:
    RECORD_TYPES[record_type.name] = record_type
    return record_type


def record_type(name: str) -> RecordType:
    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise ValueError(f"unknown record type {name}") from None


class Audience(Protocol):
    """Who sees which scope: one rule, in Python for a record and in SQL over the change log."""

    def can_see(self, user: Any, scope: Scope) -> bool: ...

    def visible_changes(self, user: Any) -> ColumnElement[bool]: ...

    def fingerprint(self, user: Any) -> str:
        """Changes whenever what the user may see changes (a client then gets a full copy)."""
        ...


_AUDIENCE: list[Audience] = []


def set_audience(audience: Audience) -> None:
    _AUDIENCE[:] = [audience]


def audience() -> Audience:
    if not _AUDIENCE:
        raise RuntimeError("no audience rule registered: the app plugs its domains in at start")
    return _AUDIENCE[0]


def scopes_of(session: Session, entity_type: str, records: dict[str, Any]) -> dict[str, Scope]:
    """The current scope of each record (by id) of one type."""
    kind = record_type(entity_type)
    if kind.scopes_of is not None:
        return kind.scopes_of(session, records)
    return {record_id: kind.scope_of(session, record) for record_id, record in records.items()}


def current_scopes(session: Session, entity_type: str, records: dict[str, Any]) -> dict[str, Scope]:
    """``scopes_of`` for a reader: the same scopes, read without locking anything."""
    kind = record_type(entity_type)
    if kind.read_scopes_of is not None:
        return kind.read_scopes_of(session, records)
    return scopes_of(session, entity_type, records)
