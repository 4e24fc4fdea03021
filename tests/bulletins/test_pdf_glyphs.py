"""No character of a real place, unit or project turns into a box in the PDFs: the embedded face
(Noto Serif CJK SC, Regular and Bold) has a glyph for every character in the demo ledgers, the
domain reports and the PDFs' own fixed words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTCollection

from server.bulletins import pdf
from server.errors import AppError
from tests.support import skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "server" / "demo" / "data"
DOMAIN = ROOT.parent / "shared" / "domain"
# rare characters of Chinese place names the demo does not happen to contain
RARE = "圳垵畲珙堌氹㙟鿍𬇙浉濛燊犇淼垚赟堃昇丶亻"


def _texts() -> str:
    files = [*DEMO.rglob("*.csv"), *DEMO.rglob("*.json")]
    if DOMAIN.is_dir():
        files += sorted(DOMAIN.glob("*.txt"))
    fixed = [*sorted((ROOT / "server" / "bulletins").glob("*.py"))]
    fixed += [ROOT / "server" / "issues" / "slip_pdf.py"]
    return "".join(p.read_text(encoding="utf-8-sig") for p in [*files, *fixed]) + RARE


def _cjk(text: str) -> set[str]:
    """Han characters, CJK punctuation and full-width forms."""
    return {
        c
        for c in text
        if "\u3000" <= c <= "\u303f"
        or "\u3400" <= c <= "\u9fff"
        or "\uff00" <= c <= "\uffef"
        or "\U00020000" <= c <= "\U0003134f"
    }


@pytest.mark.parametrize("weight", ["Regular", "Bold"])
def test_every_character_has_a_glyph(weight: str) -> None:
    try:
        path, index = pdf._font(weight)
    except AppError:
        skip_or_fail("fonts-noto-cjk is not installed (scripts/test installs it)")
    cmap = TTCollection(path, lazy=True).fonts[index].getBestCmap()
    wanted = _cjk(_texts())
    assert len(wanted) > 800  # the ledgers (and reports) really were read
    missing = sorted(c for c in wanted if ord(c) not in cmap)
    assert missing == [], f"no glyph for {''.join(missing)}"
