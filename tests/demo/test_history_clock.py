"""The demo history's clock (core.orm.clock_at): the server reads the story's moment as now."""

from __future__ import annotations

from datetime import UTC, date, datetime

from core.orm import clock_at, utcnow
from server.notifications.recipients import local_today
from server.projects.status import today


def test_clock_at_sets_now_and_gives_the_real_clock_back(app) -> None:
    moment = datetime(2023, 3, 5, 1, 30, tzinfo=UTC)
    with clock_at(moment):
        assert utcnow() == moment
    assert utcnow().year >= 2026


def test_the_offices_today_follows_the_clock_in_its_time_zone(app) -> None:
    # 17:00 UTC on 5 March is already 6 March in Asia/Shanghai
    with clock_at(datetime(2023, 3, 5, 17, 0, tzinfo=UTC)):
        assert today() == local_today() == date(2023, 3, 6)
