"""The msc-check hook in real pre-commit: installed from this repository, run in a partnership."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers import pre_commit_try_repo
from msctool.edits.scaffold import init_partnership


@pytest.mark.git
def test_hook_passes_a_clean_partnership_and_stops_a_broken_one(
    tmp_path: Path, isolated_git: Path
) -> None:
    partnership = tmp_path / "p"
    init_partnership(partnership, name="Hook Test", language="en", today=date.today())

    clean = pre_commit_try_repo(partnership, tmp_path, "msc-check", "--all-files")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "msc check" in clean.stdout and "Passed" in clean.stdout

    partners = partnership / "partners.yaml"
    partners.write_text(partners.read_text().replace("sector: civil", "sector: civl", 1))
    broken = pre_commit_try_repo(partnership, tmp_path, "msc-check", "--all-files")
    assert broken.returncode == 1
    assert "Failed" in broken.stdout
    assert "MSC006 sector: `civl` is not one of: public, private, civil" in broken.stdout
