"""The code stays ruff-clean, ruff-formatted and mypy-clean: CI fails on any of them, not just
a reviewer. The tools come with the test extra (``pip install -e .[test]``), so a missing one
is a broken set-up and fails too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["csreport", "tests", "scripts", "bench"]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is not installed: run ./run.sh test, which installs the test extra"
    return found


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_clean() -> None:
    result = _run(_tool("ruff"), "check", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_formatted() -> None:
    """One formatter: ``ruff format`` (settings in pyproject.toml) leaves every file as it is."""
    result = _run(_tool("ruff"), "format", "--check", *SOURCES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    """The package's type hints are checked (settings in pyproject.toml's [tool.mypy])."""
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr
