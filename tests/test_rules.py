"""The phone's fallback thresholds (pwa/src/lib/rules.json) are the server's defaults, and the
session hands the configured ones to the phone."""

from __future__ import annotations

import json
from pathlib import Path

from server.config import PHONE_RULES, load_config, phone_rules

RULES_JSON = Path(__file__).resolve().parent.parent / "pwa" / "src" / "lib" / "rules.json"


def test_pwa_fallback_rules_equal_server_defaults(monkeypatch, tmp_path):
    for key in PHONE_RULES.values():
        monkeypatch.delenv(key, raising=False)
    defaults = phone_rules(load_config(str(tmp_path), secret_required=False))
    assert json.loads(RULES_JSON.read_text(encoding="utf-8")) == defaults
    assert defaults["poor_accuracy_m"] == 100
    assert defaults["schedule_band"] == 10


def test_session_serves_configured_rules(app, client, login, make_user):
    app.config["POOR_ACCURACY_M"] = 40
    app.config["SCHEDULE_BAND"] = 7
    login(make_user("inspector"))
    rules = client.get("/api/v1/auth/me").get_json()["rules"]
    assert rules["poor_accuracy_m"] == 40
    assert rules["schedule_band"] == 7
    assert set(rules) == set(PHONE_RULES)
