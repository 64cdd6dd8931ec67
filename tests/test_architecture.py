"""The layering rules and lint, as tests: a broken rule fails the suite, not a review."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent


def run_tool(name: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    tool = VENV_BIN / name
    if not tool.exists():
        pytest.fail(f"{name} is not installed beside {sys.executable}: install the test extras")
    return subprocess.run(
        [str(tool), *arguments],
        cwd=REPO_ROOT,
        # The checks read the source tree, whether or not the package is installed.
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True, text=True, timeout=300, check=False,
    )


def test_import_contracts_hold() -> None:
    """ui → services → storage, and only ui imports Qt (contracts in pyproject.toml)."""
    result = run_tool(
        "lint-imports", "--no-logo", "--no-cache", str(REPO_ROOT / "pyproject.toml")
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]


def test_ruff_is_clean() -> None:
    result = run_tool("ruff", "check", "--no-cache", "wellbeing_desktop", "tests")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
