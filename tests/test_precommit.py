"""The msc-check hook in real pre-commit: installed from this repository, run in a partnership."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from helpers import REPO, require
from msctool.edits.scaffold import init_partnership


def pre_commit() -> str:
    exe = Path(sys.executable).parent / "pre-commit"
    found = str(exe) if exe.exists() else shutil.which("pre-commit")
    require(found is not None and (REPO / ".git").exists(), "pre-commit or a git checkout of msc")
    assert found is not None
    return found


def try_repo(partnership: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home / "pre-commit"), "NO_COLOR": "1"}
    return subprocess.run(
        [pre_commit(), "try-repo", str(REPO), "msc-check", "--all-files", "--color", "never"],
        cwd=partnership,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=900,
    )


@pytest.mark.git
def test_hook_passes_a_clean_partnership_and_stops_a_broken_one(
    tmp_path: Path, isolated_git: Path
) -> None:
    partnership = tmp_path / "p"
    init_partnership(partnership, name="Hook Test", language="en", today=date.today())

    clean = try_repo(partnership, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "msc check" in clean.stdout and "Passed" in clean.stdout

    partners = partnership / "partners.yaml"
    partners.write_text(partners.read_text().replace("sector: civil", "sector: civl", 1))
    broken = try_repo(partnership, tmp_path)
    assert broken.returncode == 1
    assert "Failed" in broken.stdout
    assert "MSC006 sector: `civl` is not one of: public, private, civil" in broken.stdout
