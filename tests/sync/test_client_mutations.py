"""The phone's outbox refuses names it does not know: it must know every mutation the server does."""

from __future__ import annotations

import re
from pathlib import Path

from sync.registry import REGISTRY

OUTBOX = Path(__file__).resolve().parents[2] / "pwa" / "src" / "sync" / "outbox.ts"


def test_the_outbox_knows_every_server_mutation() -> None:
    block = re.search(r"MUTATION_NAMES = \[(.*?)\] as const", OUTBOX.read_text(), re.S)
    assert block is not None, "MUTATION_NAMES not found in outbox.ts"
    client = set(re.findall(r"'([a-z_.]+)'", block.group(1)))
    assert client == set(REGISTRY)
