"""The layout's import contracts (pyproject.toml, [tool.importlinter]): ``lint-imports`` keeps
them on the real tree, and breaks the right one when a violation is planted in a copy of it."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
# the wiring that assembles the app: on top, not a "shared module below the routes"
WIRING = {"__init__", "cli", "extensions", "synced", "web"}


def lint_imports(cwd: Path) -> tuple[int, dict[str, str]]:
    """Run lint-imports in ``cwd``; its exit code and each contract's verdict (KEPT / BROKEN)."""
    run = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "400"},  # one line per contract
    )
    verdicts = {}
    for contract in CONTRACTS.values():
        found = re.search(rf"^{re.escape(contract['name'])} (KEPT|BROKEN)$", run.stdout, re.M)
        assert found, f"no verdict for {contract['name']!r}:\n{run.stdout}{run.stderr}"
        verdicts[contract["id"]] = found.group(1)
    return run.returncode, verdicts


def test_the_real_tree_keeps_every_contract() -> None:
    code, verdicts = lint_imports(ROOT)
    assert verdicts == dict.fromkeys(CONTRACTS, "KEPT")
    assert code == 0


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what lint-imports reads: the three packages, the config and the contract type."""
    copy = tmp_path_factory.mktemp("tree")
    for package in ("core", "server", "sync", "tools"):
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", copy)
    return copy


PLANTED = [
    # (contract broken, file, line appended)
    ("sync-engine", "sync/push.py", "import server.auth.models"),
    ("sync-engine", "sync/scope.py", "import flask"),
    ("core-base", "core/orm.py", "import sync.models"),
    ("routes-on-top", "server/issues/services.py", "import server.issues.routes"),
    ("routes-on-top", "server/projects/models.py", "from server import web"),
    ("routes-on-top", "server/refs.py", "from server import cli"),
    ("routes-on-top", "server/media/photos.py", "from server.media import upload_routes"),
    ("domains", "server/bulletins/figures.py", "from server.projects import status"),
    ("domains", "server/reports/lifecycle.py", "import server.issues.machine"),
    ("domains", "server/mutations.py", "import server.projects.scope"),
]


@pytest.mark.parametrize(("contract", "path", "line"), PLANTED)
def test_a_planted_violation_breaks_its_contract(
    tree: Path, contract: str, path: str, line: str
) -> None:
    target = tree / path
    original = target.read_text("utf-8")
    target.write_text(f"{original}\n{line}  # planted\n", "utf-8")
    try:
        code, verdicts = lint_imports(tree)
    finally:
        target.write_text(original, "utf-8")
    assert code != 0
    assert verdicts[contract] == "BROKEN"
    assert [c for c, verdict in verdicts.items() if verdict == "BROKEN"] == [contract]


def test_every_route_module_and_shared_module_is_named() -> None:
    """Wildcards cannot say ``*_routes`` or "every shared module": the lists must be whole."""
    on_top = CONTRACTS["routes-on-top"]
    forbidden = set(on_top["forbidden_modules"])
    for path in sorted((ROOT / "server").glob("*/*routes.py")):
        if path.stem != "routes":
            assert f"server.{path.parent.name}.{path.stem}" in forbidden, path
    shared = {f"server.{p.stem}" for p in (ROOT / "server").glob("*.py") if p.stem not in WIRING}
    assert shared <= set(on_top["source_modules"])


def test_every_domain_package_is_named() -> None:
    packages = {
        f"server.{p.parent.name}"
        for p in (ROOT / "server").glob("*/__init__.py")
        if p.parent.name != "sync_api"  # HTTP for the engine: the top layer
    }
    assert packages == set(CONTRACTS["domains"]["domains"])
