"""Concurrent writing requests on SQLite wait their turn instead of failing with "database is locked"."""

from __future__ import annotations

import threading

from tests.conftest import PASSWORD


def test_concurrent_progress_reports_all_land(app, make_user, make_project) -> None:
    user = make_user("supervisor")
    project = make_project()
    project_id, username = project.id, user.username
    statuses: list[int] = []
    barrier = threading.Barrier(6)

    def worker(n: int) -> None:
        client = app.test_client()
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
    assert statuses == [201] * 30
