"""Schemathesis against the whole API as three roles (office, unit, deputy): generated requests
from the OpenAPI document, including hostile ones, never get a server error (5xx) and are
answered as documented (status, content type, body), and the document loads as it is (no
operation refused).

Each role is one test: every operation gets up to EXAMPLES valid and EXAMPLES hostile cases
(~2,660 requests a role), derandomized so CI sends the same requests every run, in a small
world (a county, projects, problems with slips, a plan, a deputy's report, a bulletin draft, a
photo) so that many ids hit real rows. The loop calls schemathesis's Python API itself: its
pytest plugin does not run under pytest 9.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.errors import InvalidSchema
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.regions.services import children
from tests import permission_world as built
from tests.conftest import PASSWORD

EXAMPLES = 25  # per operation and generation mode (valid, then hostile)
#: Logging out ends the session the other cases use (logging in is tried, and throttled)
LEFT_OUT = {("POST", "/api/v1/auth/logout")}
#: no 5xx, and every answer as documented: its status, its content type and its body's schema
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same requests on every run, so CI is reproducible
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def world(app, make_user, make_unit, make_project, make_region, county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    unit = make_unit("水利局")
    own = make_project(code="OWN", township=east, region_path=east.path, unit=unit)
    other = make_project(code="OTHER", township=west, region_path=west.path)
    users = {
        "office": make_user("supervisor", region=county),
        "inspector": make_user("inspector", townships=[east]),
        "unit": make_user("unit", unit=unit),
        "deputy": make_user("deputy", region=county),
    }
    built.plan(users["office"], own)
    built.report(users["deputy"], own)
    built.bulletin(users["office"], county)
    built.media(app, users["inspector"], own)
    built.issues(users["office"], own, other, unit, make_unit("交通局"))
    return users


def _session(app: Flask, user: Any) -> dict[str, dict[str, str]]:
    """The user's session cookie and CSRF header, as a browser sends them."""
    client = app.test_client()
    login = client.post(
        "/api/v1/auth/login", json={"username": user.username, "password": PASSWORD}
    )
    assert login.status_code == 200, login.get_json()
    name = app.config["SESSION_COOKIE_NAME"]
    cookie = client.get_cookie(name)
    assert cookie is not None
    return {
        "cookies": {name: cookie.value},
        "headers": {"X-CSRF-Token": login.get_json()["csrf_token"]},
    }


def _fuzz(operation: Any, session: dict[str, Any], found: dict[str, list[str]]) -> Counter[int]:
    """Run the operation's generated cases, valid then hostile; note the first server error
    of each mode (``found["errors"]``) or a definition schemathesis cannot use (``"refused"``).
    Returns how often each status was answered."""
    statuses: Counter[int] = Counter()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @SETTINGS
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            response = case.call(**session)
            statuses[response.status_code] += 1
            case.validate_response(response, checks=CHECKS)

        try:
            run()
        except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
            pass
        except InvalidSchema as error:
            found["refused"].append(f"{operation.label}: {str(error)[:500]}")
            break
        except (Exception, FailureGroup) as error:  # its report names the failing request
            found["errors"].append(f"{operation.label} ({mode.value}): {str(error)[:1500]}")
    return statuses


@pytest.mark.parametrize("role", ["office", "unit", "deputy"])
def test_no_server_error_for_any_generated_request(app, world, role) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    session = _session(app, world[role])
    found: dict[str, list[str]] = {"refused": [], "errors": []}
    operations, statuses = 0, Counter[int]()
    for result in schema.get_all_operations():
        if isinstance(result, Err):
            found["refused"].append(str(result.err())[:500])
            continue
        operation = result.ok()
        if (operation.method.upper(), operation.path) not in LEFT_OUT:
            operations += 1
            statuses += _fuzz(operation, session, found)
    print(
        f"{role}: {operations} operations, {statuses.total()} requests, {sorted(statuses.items())}"
    )
    assert operations >= 60
    # the document as served, no local corrections: no operation refused, and no 5xx
    assert found == {"refused": [], "errors": []}, "\n\n".join(found["refused"] + found["errors"])
