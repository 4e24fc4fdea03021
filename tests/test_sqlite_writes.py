"""Concurrent writing requests on SQLite wait their turn instead of failing with "database is locked"."""

from __future__ import annotations

import threading

from tests.conftest import PASSWORD


def test_concurrent_progress_reports_all_land(app, make_user, make_project) -> None:
    user = make_user("supervisor")
    project = make_project()
    project_id, username = project.id, user.username
    statuses: list[int] = []
    failures: list[BaseException] = []
    barrier = threading.Barrier(6, timeout=60)
    # one login at a time: the subject is concurrent writes, and six logins to one account at
    # once may meet the login throttle's guard (429)
    one_login = threading.Lock()

    def worker(n: int) -> None:
        try:
            work(n)
        except BaseException as error:  # a thread's failure must fail the test, not hang it
            failures.append(error)
            barrier.abort()

    def work(n: int) -> None:
        client = app.test_client()
        with one_login:
            token = client.post(
                "/api/v1/auth/login", json={"username": username, "password": PASSWORD}
            ).get_json()["csrf_token"]
        barrier.wait()
        for k in range(5):
            response = client.post(
                f"/api/v1/projects/{project_id}/progress-reports",
                json={"report_date": "2023-08-01", "progress_pct": n * 10 + k},
                headers={"X-CSRF-Token": token},
            )
            statuses.append(response.status_code)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures
    assert statuses == [201] * 30
