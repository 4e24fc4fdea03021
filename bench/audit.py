"""Audit figures: what appending to the audit chain costs a push of 100 mutations.

Each round pushes 100 ``issue.create`` (a problem and its 发现 event: one audit row each) from a
new phone, once with the audit trail and once without (its listeners removed), alternating;
prints the median per push and the ratio (goal ≤ 1.2), then times ``audit verify`` on the rows.

Usage: .venv/bin/python bench/audit.py [--rounds 15] [--batch 100] [--database-url URL]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete

from bench.sync import migrated_app, world
from server.audit import events as audit_events
from server.audit.services import verify_chains
from server.auth.models import User
from server.db import db
from server.issues.models import Issue, IssueEvent
from server.projects.models import Project
from sync.push import push


def one_push(user: User, project: Project, batch: int, made: list[str] | None = None) -> float:
    """Seconds for one push of ``batch`` new problems from a new phone (their ids to ``made``)."""
    mutations = [
        {
            "id": i,
            "name": "issue.create",
            "args": {
                "id": str(uuid.uuid4()),
                "project_id": project.id,
                "title": f"基准问题{i}",
                "description": "现场发现",
                "severity": "medium",
            },
        }
        for i in range(1, batch + 1)
    ]
    start = time.perf_counter()
    outcome = push(db.session, user, str(uuid.uuid4()), 1, mutations)
    seconds = time.perf_counter() - start
    assert {r["status"] for r in outcome.results} == {"applied"}, outcome.results[:3]
    if made is not None:
        made += [m["args"]["id"] for m in mutations]
    return seconds


def bench(user: User, project: Project, rounds: int, batch: int) -> None:
    one_push(user, project, batch)  # warm caches and the chain head
    with_audit, without, unaudited = [], [], []
    for _ in range(rounds):
        audit_events.unregister()
        without.append(one_push(user, project, batch, unaudited))
        audit_events.register()
        with_audit.append(one_push(user, project, batch))
    on, off = statistics.median(with_audit), statistics.median(without)
    print(
        f"push of {batch} issue.create with the audit trail:    {on * 1000:8.1f} ms (median of {rounds})"
    )
    print(f"push of {batch} issue.create without the audit trail: {off * 1000:8.1f} ms")
    print(
        f"audit append cost per push: {(on - off) * 1000:.1f} ms; ratio {on / off:.2f} (goal ≤ 1.2)"
    )
    # the problems pushed without the trail are not in it: verify would rightly name them
    db.session.execute(delete(IssueEvent).where(IssueEvent.issue_id.in_(unaudited)))
    db.session.execute(delete(Issue).where(Issue.id.in_(unaudited)))
    db.session.commit()
    start = time.perf_counter()
    verified = verify_chains(db.session)
    seconds = time.perf_counter() - start
    assert verified.broken is None
    print(f"audit verify: {verified.count} rows in {seconds * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with migrated_app(args.database_url):
        user, project = world()
        bench(user, project, args.rounds, args.batch)


if __name__ == "__main__":
    main()
