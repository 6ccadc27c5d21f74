"""The code stays ruff-clean, formatted, and typed (mypy strict with the pydantic plugin)."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def test_ruff_lint_is_clean() -> None:
    result = run("ruff", "check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout


def test_ruff_format_is_applied() -> None:
    result = run("ruff", "format", "--check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout


def test_mypy_strict_is_clean() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout
