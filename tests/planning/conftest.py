"""A small ledger as of 2023-07-31 (planned progress 57.8%) in two townships, and the people."""

from datetime import date

import pytest

from server.regions.services import children

AS_OF = "2023-07-31"


@pytest.fixture
def townships(county):  # type: ignore[no-untyped-def]
    east, west = children(county.id, "township")
    return east, west


@pytest.fixture
def ledger(make_project, townships, county):  # type: ignore[no-untyped-def]
    """Projects by status: on schedule (55%), ahead (80%), behind (10%), completed."""
    east, west = townships

    def at(township, code, **fields):  # type: ignore[no-untyped-def]
        place = {"township": township, "region_path": township.path} if township else {}
        return make_project(code=code, name=f"项目{code}", **place, **fields)

    done = {"progress": 100, "actual_completion_date": date(2023, 6, 1)}
    return {
        "east_on": [at(east, f"E{i}", progress=55) for i in range(1, 5)],
        "east_ahead": at(east, "E5", progress=80),
        "east_done": at(east, "E6", **done),
        "east_behind": at(east, "E7", progress=10),
        "west_on": [at(west, f"W{i}", progress=55) for i in range(1, 3)],
        "west_done": at(west, "W3", **done),
        "west_behind": at(west, "W4", progress=10),
        "county_on": at(None, "C1", progress=55),
    }


@pytest.fixture
def people(make_user, townships, county):  # type: ignore[no-untyped-def]
    east, west = townships
    return {
        "supervisor": make_user("supervisor", region=county),
        "west_office": make_user("supervisor", region=west),
        "east_inspector": make_user("inspector", townships=[east]),
        "west_inspector": make_user("inspector", townships=[west]),
        "deputy": make_user("deputy", region=county),
    }


@pytest.fixture
def office(client, login, people):  # type: ignore[no-untyped-def]
    """The county supervisor, logged in: ``office.post(url, json)`` sends the CSRF token."""
    token = login(people["supervisor"])

    class Office:
        def post(self, url, payload):  # type: ignore[no-untyped-def]
            return client.post(url, json=payload, headers={"X-CSRF-Token": token})

        def get(self, url):  # type: ignore[no-untyped-def]
            return client.get(url)

    return Office()


def random_plan(**fields):  # type: ignore[no-untyped-def]
    return {"name": "7月随机查", "kind": "random", "as_of": AS_OF, **fields}
