"""What pull sends is composed from the domains' schemas, never declared twice (issue 15).

Every field a pull record carries is declared in its domain's schemas.py, beside the REST
schemas that share it (``IssueFields`` serves the office's list, the problem's page and the
phones' copy). A Schema in a ``server/*/records.py`` only composes them: it may add computed
fields (Function, Method) and nest schemas, but declares no plain field of its own, so a pull
shape cannot quietly re-declare what a REST schema already says.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from types import ModuleType

import pytest
from marshmallow import Schema, fields

SERVER = Path(__file__).resolve().parents[2] / "server"
RECORD_MODULES = sorted(f"server.{p.parent.name}.records" for p in SERVER.glob("*/records.py"))
COMPOSING = (fields.Function, fields.Method, fields.Nested)


def schemas_of(module: ModuleType) -> list[type[Schema]]:
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, Schema)
        and value.__module__ == module.__name__
    ]


def own_fields(schema: type[Schema]) -> dict[str, fields.Field]:
    """The fields ``schema`` declares itself (not inherited from a base)."""
    inherited = {
        id(field)
        for base in schema.__mro__[1:]
        for field in vars(base).get("_declared_fields", {}).values()
    }
    return {name: f for name, f in schema._declared_fields.items() if id(f) not in inherited}


def composes(field: fields.Field) -> bool:
    """Computed, nested, or a list of nested records."""
    if isinstance(field, fields.List):
        return isinstance(field.inner, COMPOSING)
    return isinstance(field, COMPOSING)


def test_every_domain_with_records_is_checked() -> None:
    assert RECORD_MODULES == [
        "server.inspections.records",
        "server.issues.records",
        "server.media.records",
        "server.planning.records",
        "server.projects.records",
        "server.reports.records",
    ]


@pytest.mark.parametrize("module_name", RECORD_MODULES)
def test_records_declare_no_plain_field(module_name: str) -> None:
    module = importlib.import_module(module_name)
    declared = {
        f"{schema.__name__}.{name}": type(field).__name__
        for schema in schemas_of(module)
        for name, field in own_fields(schema).items()
        if not composes(field)
    }
    assert declared == {}, (
        f"{module_name} declares plain fields; declare them in the domain's schemas.py "
        "(sharing the REST schema's base where one sends the same field) and extend that"
    )


@pytest.mark.parametrize("module_name", RECORD_MODULES)
def test_the_pull_schemas_extend_the_domains_schemas(module_name: str) -> None:
    module = importlib.import_module(module_name)
    domain_schemas = module_name.replace(".records", ".schemas")
    for schema in schemas_of(module):
        bases = {base.__module__ for base in schema.__mro__[1:]}
        assert domain_schemas in bases, f"{schema.__name__} extends nothing of {domain_schemas}"


def test_the_check_sees_a_plain_field() -> None:
    class Planted(Schema):
        title = fields.String()
        location = fields.Function(lambda record: None)
        answers = fields.List(fields.Nested(Schema))

    assert [n for n, f in own_fields(Planted).items() if not composes(f)] == ["title"]
