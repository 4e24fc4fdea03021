"""The region rule (server/audience.py), in Python and as SQL on the real database, and a guard
that no module of server/ restates it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import String, case, literal, select

from server.audience import OFFICE_ROLES, holds, holds_clause, in_region, region_clause
from server.auth.models import ROLES, User
from server.db import db
from server.regions.models import Region, Unit

SERVER = Path(__file__).resolve().parent.parent / "server"

# (the user's region path, None = no region; a record's path; held?)
CASES = [
    pytest.param(None, "/1/2/", True, id="no region holds any path"),
    pytest.param(None, None, True, id="no region holds a record without a path"),
    pytest.param("/1/2/", "/1/2/", True, id="own region"),
    pytest.param("/1/2/", "/1/2/5/", True, id="sub-region"),
    pytest.param("/1/2/", "/1/2/5/9/", True, id="sub-sub-region"),
    pytest.param("/1/2/", "/1/22/", False, id="sibling sharing a prefix"),
    pytest.param("/1/2/", "/1/22/5/", False, id="inside a sibling sharing a prefix"),
    pytest.param("/1/2/", "/1/", False, id="parent"),
    pytest.param("/1/2/", "/3/2/", False, id="elsewhere"),
    pytest.param("/1/2/", None, False, id="a region does not hold a record without a path"),
]


def _user(region_path: str | None, role: str = "supervisor") -> User:
    region = None if region_path is None else Region(name="地区", level="county", path=region_path)
    return User(username="u", display_name="u", role=role, region=region)


def _sql(clause) -> bool:  # type: ignore[no-untyped-def]
    """What the database makes of a clause (NULL counts as not held, as in a WHERE)."""
    return bool(db.session.scalar(select(case((clause, 1), else_=0))))


@pytest.mark.parametrize(("region_path", "path", "held"), CASES)
def test_python_form(region_path: str | None, path: str | None, held: bool) -> None:
    assert holds(region_path, path) is held
    assert in_region(_user(region_path), path) is held


@pytest.mark.parametrize(("region_path", "path", "held"), CASES)
def test_sql_form(app, region_path: str | None, path: str | None, held: bool) -> None:
    column = literal(path, String())
    assert _sql(holds_clause(region_path, column)) is held
    assert _sql(region_clause(_user(region_path), column)) is held


@pytest.mark.parametrize(("region_path", "path", "held"), CASES)
def test_a_unit_serves_by_the_same_rule(region_path: str | None, path: str | None, held: bool):
    region = None if region_path is None else Region(name="县", level="county", path=region_path)
    unit = Unit(code="U1", name="单位", region=region)
    assert in_region(unit, path) is held


def test_stored_paths_end_with_a_slash(make_region) -> None:
    """The rule is a prefix test: it is exact only because every path ends with ``/``."""
    county = make_region("甲县", "county")
    town = make_region("甲镇", "township", county)
    assert county.path == f"/{county.id}/"
    assert town.path == f"/{county.id}/{town.id}/"


def test_sql_form_over_stored_regions(make_region) -> None:
    county = make_region("甲县", "county")
    east, west = make_region("东镇", "township", county), make_region("西镇", "township", county)
    village = make_region("东村", "village", east)
    other = make_region("乙县", "county")
    user = _user(east.path)

    def seen(who: User) -> set[int]:
        ids = [county.id, east.id, west.id, village.id, other.id]
        query = select(Region.id).where(Region.id.in_(ids), region_clause(who, Region.path))
        return set(db.session.scalars(query))

    assert seen(user) == {east.id, village.id}
    assert seen(_user(county.path)) == {county.id, east.id, west.id, village.id}
    assert seen(_user(None)) == {county.id, east.id, west.id, village.id, other.id}
    for region in (county, east, west, village, other):
        assert in_region(user, region.path) is (region.id in seen(user))


def test_office_roles() -> None:
    office = {role for role in ROLES if _user(None, role).is_office}
    assert office == set(OFFICE_ROLES)
    assert office == {"admin", "supervisor"}


# where a path is built or stored, not tested against a region
_BUILT = ("audience.py", "models.py", "migrations/", "demo/")
_COPY = re.compile(
    r"region_path\.startswith\("  # Issue.region_path.startswith(...)
    r"|region\.path\.startswith\("  # region.path.startswith(...), Region.path.startswith(...)
    r"|\.startswith\([^)]*\bpath\b"  # anything.startswith(user.region.path) / (self.path)
    r"|\.region is None\s+(or|else)\b"  # user.region is None or ...; ... if user.region is None else
    r"|role in \(\"admin\", \"supervisor\"",  # the office roles, spelled out
    re.IGNORECASE,
)


def test_no_module_restates_the_rule() -> None:
    copies = []
    for file in sorted(SERVER.rglob("*.py")):
        name = file.relative_to(SERVER).as_posix()
        if any(name.endswith(part) or name.startswith(part) for part in _BUILT):
            continue
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if _COPY.search(line):
                copies.append(f"server/{name}:{number}: {line.strip()}")
    assert not copies, "use server.audience (in_region, region_clause, holds):\n" + "\n".join(
        copies
    )
