"""deploy/xianchang-cleanup.cron runs on every host: two hosts starting a job at the same moment
against one database do it once (core.joblock), and whatever overlaps doubles nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from core.joblock import BUSY, job_lock
from core.orm import utcnow
from server.auth.models import LoginAttempt, LoginThrottle
from server.db import db
from server.issues.models import Issue
from server.media.models import Upload
from server.media.storage import Staging, get_staging
from server.media.uploads import cleanup_expired
from server.notifications.models import Notification
from server.notifications.reminders import remind_all, reminders

TODAY = date(2024, 5, 20)
FLASK = str(Path(sys.executable).with_name("flask"))


def flask_env(app: Flask, database_url: str) -> dict[str, str]:
    """A host's environment: the test's database and media folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FLASK_", "TEST_"))}
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=app.config["MEDIA_ROOT"],
        SECRET_KEY="cron-test-secret",
        FLASK_APP="server",
    )
    return env


def start(app: Flask, database_url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [FLASK, *args],
        env=flask_env(app, database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def both_hosts(app: Flask, database_url: str, *args: str) -> list[str]:
    """Run ``flask *args`` on two hosts at once; their outputs (each must exit 0)."""
    runs = [start(app, database_url, *args) for _ in range(2)]
    outputs = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
        outputs.append(out)
    return outputs


def counted(outputs: list[str], pattern: str) -> int:
    """The sum of the figures the hosts that ran reported (a busy host reports none)."""
    total = 0
    for out in outputs:
        if BUSY in out:
            continue
        total += int(re.search(pattern, out).group(1))  # type: ignore[union-attr]
    return total


@pytest.fixture
def due_issues(make_user, make_unit, make_project, county) -> Callable[[int], int]:  # type: ignore[no-untyped-def]
    """``make(n)``: n problems assigned to a unit with two logins, half overdue; returns how
    many reminders are due on TODAY."""

    def make(n: int) -> int:
        unit = make_unit("水利局")
        make_user("unit", unit=unit)
        make_user("unit", unit=unit)
        make_user("supervisor", region=county)
        project = make_project(name="东村饮水工程")
        inspector = make_user("inspector")
        for i in range(n):
            db.session.add(
                Issue(
                    id=str(uuid.uuid4()),
                    project=project,
                    title=f"水管不出水{i}",
                    description="三组水管停水一周",
                    severity="high",
                    state="assigned",
                    unit=unit,
                    deadline=TODAY + timedelta(days=1 if i % 2 else -1),
                    created_by=inspector,
                    region_path=project.region_path,
                )
            )
        db.session.commit()
        return len(reminders(db.session, TODAY))

    return make


def notification_keys() -> list[str]:
    db.session.commit()
    return list(db.session.scalars(select(Notification.key)))


def test_two_hosts_remind_at_once_and_each_reminder_is_written_once(
    app, database_url, due_issues
) -> None:  # type: ignore[no-untyped-def]
    due = due_issues(150)
    outputs = both_hosts(app, database_url, "notifications", "remind", "--today", str(TODAY))
    keys = notification_keys()
    assert len(keys) == len(set(keys)) == due
    assert counted(outputs, r"新提醒 (\d+) 条") == due


def test_two_hosts_clean_up_at_once_and_every_expired_upload_goes_once(
    app, database_url, make_user
) -> None:  # type: ignore[no-untyped-def]
    user = make_user("inspector")
    staging = get_staging(app)
    past = utcnow() - timedelta(hours=1)
    for i in range(200):
        upload_id = f"expired{i:04d}"
        db.session.add(
            Upload(id=upload_id, user_id=user.id, length=3, sha256="0" * 64, expires_at=past)
        )
        with staging.lock(upload_id) as fh:
            fh.write(b"abc")
    db.session.commit()
    outputs = both_hosts(app, database_url, "media", "cleanup")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(Upload)) == 0
    assert staging.staged() == {}
    assert counted(outputs, r"已清理 (\d+) 个过期上传") == 200


def test_two_hosts_prune_logins_at_once_without_an_error(app, database_url) -> None:  # type: ignore[no-untyped-def]
    long_ago = utcnow() - timedelta(days=200)
    db.session.add_all(
        LoginAttempt(username=f"u{i}", ip="10.0.0.1", at=long_ago, succeeded=False)
        for i in range(300)
    )
    db.session.add_all(
        LoginThrottle(scope="ip", key=f"10.0.1.{i}", attempts=1, window_started_at=long_ago)
        for i in range(100)
    )
    db.session.commit()
    outputs = both_hosts(app, database_url, "users", "prune-logins")
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 0
    assert db.session.scalar(select(func.count()).select_from(LoginThrottle)) == 0
    assert counted(outputs, r"、(\d+) 条登录记录") == 300


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    ("job", "args"),
    [
        ("notifications remind", ["notifications", "remind", "--today", str(TODAY)]),
        ("media cleanup", ["media", "cleanup"]),
        ("users prune-logins", ["users", "prune-logins"]),
    ],
)
def test_a_host_finding_the_job_running_says_so_and_exits_0(
    app, database_url, due_issues, job, args
) -> None:  # type: ignore[no-untyped-def]
    due_issues(3)
    with job_lock(db.engine, job) as mine:
        assert mine
        run = start(app, database_url, *args)
        out, err = run.communicate(timeout=60)
    assert (run.returncode, out.strip()) == (0, BUSY), err
    assert notification_keys() == []


def wait_until_blocked(engine: Any, timeout: float = 20) -> None:
    """Until some other connection waits on a lock (the second writer reached the index)."""
    deadline = time.monotonic() + timeout
    with engine.connect() as conn:
        while time.monotonic() < deadline:
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    " AND datname = current_database()"
                )
            ).scalar_one()
            conn.rollback()
            if waiting:
                return
            time.sleep(0.05)
    raise AssertionError("the second writer never waited for the first")


@pytest.mark.postgres_only
def test_overlapping_reminder_runs_write_each_reminder_once(app, due_issues) -> None:  # type: ignore[no-untyped-def]
    """Without the lock (a request's lazy write racing cron): the later writer waits for the
    earlier's uncommitted rows, then skips them."""
    due = due_issues(40)
    first, second = Session(db.engine), Session(db.engine)
    assert remind_all(first, TODAY) == due  # written, not committed yet
    later: list[int] = []

    def run_second() -> None:
        later.append(remind_all(second, TODAY))
        second.commit()

    thread = threading.Thread(target=run_second)
    thread.start()
    wait_until_blocked(db.engine)
    first.commit()
    thread.join(timeout=30)
    first.close()
    second.close()
    assert later == [0]
    assert len(notification_keys()) == due


class RemovedByTheOtherHost(Staging):
    """Staging whose first lock finds the other host already removed the upload."""

    def __init__(self, root: Path, engine: Any) -> None:
        super().__init__(root)
        self.engine = engine

    def lock(self, upload_id: str, blocking: bool = True):  # type: ignore[no-untyped-def]
        with self.engine.begin() as conn:
            conn.execute(Upload.__table__.delete().where(Upload.id == upload_id))
        self.delete(upload_id)
        return super().lock(upload_id, blocking)


def test_cleanup_after_the_other_host_removed_the_upload_first(app, make_user) -> None:  # type: ignore[no-untyped-def]
    user = make_user("inspector")
    staging = RemovedByTheOtherHost(get_staging(app).root, db.engine)
    past = utcnow() - timedelta(hours=1)
    db.session.add(Upload(id="gone1", user_id=user.id, length=3, sha256="0" * 64, expires_at=past))
    db.session.commit()
    assert cleanup_expired(db.session, staging, timedelta(days=1)) == 0
    assert staging.staged() == {}  # the lock's file is not left behind
