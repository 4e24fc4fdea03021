"""Typing is written the moment a field loses focus, in a real Chromium at 360×740 — not only after
the save delay (300 ms for a form, 800 ms for a checklist answer) or when the page goes away.
Here the delays never end (their timers are dropped), so only the blur can have saved."""

from __future__ import annotations

import pytest

from tests.browser.field import log_in, open_project
from tests.browser.test_field_drafts import EMPTY_PROBLEM, FORMS, start_inspection, wait_stored

pytestmark = pytest.mark.browser
WORDS = "消防通道被材料堆占"

# the save delays' timers never fire: setTimeout for 300 ms (forms) and 800 ms (answers) is dropped
NO_DEBOUNCE = """() => {
  const later = window.setTimeout;
  window.setTimeout = (fn, ms, ...rest) => (ms === 300 || ms === 800 ? 0 : later(fn, ms, ...rest));
}"""


def test_a_problem_form_is_stored_when_its_field_loses_focus(field_phone) -> None:
    page = field_phone
    log_in(page)
    open_project(page, "TS2023-001")
    key = f"problem:{start_inspection(page)}"
    page.get_by_test_id("problem-add").click()
    page.evaluate(NO_DEBOUNCE)
    box = page.get_by_test_id("problem-description")
    box.fill(WORDS)
    page.wait_for_timeout(600)
    assert not [f for f in page.evaluate(FORMS)["forms"] if f[1].get("description") == WORDS]
    box.blur()
    wait_stored(
        page, lambda s: [key, {**EMPTY_PROBLEM, "description": WORDS, "severity": ""}, 0] in s, 5
    )


def test_a_checklist_answer_is_saved_when_its_field_loses_focus(field_phone) -> None:
    page = field_phone
    log_in(page)
    open_project(page, "TS2023-001")
    start_inspection(page)
    page.evaluate(NO_DEBOUNCE)
    item = page.locator("[data-testid=check-item]").filter(has=page.get_by_test_id("answer-7"))
    page.get_by_test_id("answer-7").fill(WORDS)
    page.wait_for_timeout(1200)
    assert item.get_attribute("data-answered") != "true"
    page.get_by_test_id("answer-7").blur()
    page.locator("[data-testid=check-item][data-answered=true]").filter(
        has=page.get_by_test_id("answer-7")
    ).wait_for(timeout=5_000)
