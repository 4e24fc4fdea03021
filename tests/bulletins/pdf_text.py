"""The bulletin PDFs of the demo as text (pdftotext), made once per test session: the demo's
figures do not change between tests, and loading the demo is the slow part."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import skip_or_fail

_MADE: dict[str, bytes] = {}


def pdftotext(pdf: bytes, tmp_path: Path, *options: str) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        skip_or_fail("pdftotext (poppler-utils) is not installed")
    assert tool is not None
    path = tmp_path / "bulletin.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, *options, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def demo_pdf(request: pytest.FixtureRequest, name: str, first: str, last: str) -> bytes:
    """``name``'s figures PDF for ``first``–``last`` (no number: a draft)."""
    key = f"{name}:{first}:{last}"
    if key not in _MADE:
        from tests.bulletins.test_demo_bulletins import county

        office = request.getfixturevalue("office")
        response = office.get(
            f"/api/v1/bulletins/figures?from={first}&to={last}&county={county(name).id}&format=pdf"
        )
        assert response.status_code == 200
        _MADE[key] = response.data
    return _MADE[key]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)
