"""Many phones pushing problems at once, in two counties and in one (PostgreSQL, threads): each
county's chain stays linear (contiguous seqs, every link holds), counties do not share one."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from server.auth.models import User
from server.db import db
from sync.push import push
from tests.audit.conftest import log_rows

pytestmark = pytest.mark.postgres_only  # SQLite serialises writers itself

PUSHES, PER_PUSH = 4, 5


@pytest.fixture
def engine(app):  # type: ignore[no-untyped-def]
    engine = create_engine(db.engine.url)
    yield engine
    engine.dispose()


def _problems(project_id: int) -> list[dict[str, Any]]:
    return [
        {
            "id": n,
            "name": "issue.create",
            "args": {
                "id": str(uuid.uuid4()),
                "project_id": project_id,
                "title": f"问题{n}",
                "description": "现场发现",
                "severity": "medium",
            },
        }
        for n in range(1, PUSHES * PER_PUSH + 1)
    ]


def _run(engine, phones: list[tuple[int, int]]) -> None:  # type: ignore[no-untyped-def]
    """Each (user id, project id) is a phone pushing its problems in several batches at once."""
    barrier = threading.Barrier(len(phones))
    errors: list[BaseException] = []

    def worker(user_id: int, project_id: int) -> None:
        try:
            client_id, mutations = str(uuid.uuid4()), _problems(project_id)
            barrier.wait()
            for start in range(0, len(mutations), PER_PUSH):
                with Session(engine) as session:
                    me = session.get(User, user_id)
                    outcome = push(session, me, client_id, 1, mutations[start : start + PER_PUSH])
                    assert {r["status"] for r in outcome.results} == {"applied"}, outcome.results
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=worker, args=phone) for phone in phones]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []


def _linear(chain: int, expected: int) -> None:
    rows = [r for r in log_rows(chain) if r["table_name"] == "issue_events"]
    assert len(rows) == expected
    seqs = [r["seq"] for r in log_rows(chain)]
    assert seqs == list(range(1, len(seqs) + 1))


def test_two_counties_and_one_county_stay_linear(
    engine, make_region, make_user, make_project, county, verify
) -> None:  # type: ignore[no-untyped-def]
    other = make_region("另一县", "county")
    other_town = make_region("南镇", "township", other)
    here_town = make_region("北镇", "township", county)
    phones = []
    for town, n in ((here_town, 3), (other_town, 3)):
        project = make_project(
            county=town.parent, township=town, region_path=town.path, code=f"C{town.id}"
        )
        for _ in range(n):
            user = make_user("inspector", townships=[town])
            phones.append((user.id, project.id))
    _run(engine, phones)
    per_phone = PUSHES * PER_PUSH
    _linear(county.id, 3 * per_phone)
    _linear(other.id, 3 * per_phone)
    code, out = verify()
    assert code == 0, out
    assert out.strip() == f"审计链完整：{len(log_rows())} 条"
