"""One run of a cron job at a time, however many hosts run it against one database.

Every host's cron starts ``flask media cleanup``, ``flask notifications remind`` and
``flask users prune-logins`` at the same minute. :func:`job_lock` lets the first to arrive run and
tells the others another host is at it, so they exit at once (and successfully: nothing is
wrong). The jobs are idempotent on their own too (ON CONFLICT DO NOTHING, deletes guarded by
their condition), so even runs that overlap without the lock double nothing.

On PostgreSQL the lock is ``pg_try_advisory_xact_lock`` taken in a transaction of a connection
of its own, held open for the job's run: released when the job ends, or when its process dies
(the connection closes). A transaction-level lock, not a session-level one, so that it holds
behind PgBouncer in transaction mode as well (``PGBOUNCER=1``, deploy/SIZING.md), which keeps a
server connection for a client only while a transaction is open. The transaction writes
nothing: it gets no transaction id, so it holds back neither the change log's horizon
(sync.changes.horizon) nor VACUUM. On SQLite (one host) the lock is a no-op.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Engine

# what a host that found the lock taken says before it exits 0
BUSY = "另一台主机正在运行此任务，本次跳过（another host is running this job: skipped）"


def job_key(name: str) -> int:
    """The advisory lock key of job ``name``: stable across hosts and Python processes."""
    digest = hashlib.blake2b(f"xianchang.job:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def job_lock(engine: Engine, name: str) -> Iterator[bool]:
    """Within: True when this process runs job ``name``, False when another holds it."""
    if engine.dialect.name != "postgresql":
        yield True
        return
    with engine.connect() as connection, connection.begin():
        # a server-wide idle-in-transaction timeout would end the lock's transaction mid-job
        connection.execute(text("SET LOCAL idle_in_transaction_session_timeout = 0"))
        got = connection.execute(
            text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": job_key(name)}
        ).scalar_one()
        yield bool(got)
        # leaving the block commits: the lock goes with the transaction
