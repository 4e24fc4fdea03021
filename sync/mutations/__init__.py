"""The mutation registry: each name has an argument schema and an effect."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from marshmallow import Schema

from sync.context import MutationContext

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


def _load() -> None:
    from sync.mutations import inspections, issues, photos, reports  # noqa: F401


_load()
