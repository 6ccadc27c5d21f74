"""Adopting a partnership that already exists: ``msc init --date`` for its real start,
``msc init --partners FILE`` for its real partners (msctool.edits.scaffold)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml_rs

from helpers import msc
from msctool.rules.check import run_check


def test_init_date_dates_every_starter_file(tmp_path: Path) -> None:
    root = tmp_path / "p"
    result = msc("init", str(root), "--no-git", "--date", "2024-03-01", "-q")
    assert result.exit_code == 0, result.output
    partners = yaml_rs.loads((root / "partners.yaml").read_text(encoding="utf-8"))
    assert {p["joined"] for p in partners["partners"]} == {date(2024, 3, 1)}
    meta = yaml_rs.loads((root / "partnership.yaml").read_text(encoding="utf-8"))
    assert meta["purpose"]["reaffirmed"] == date(2024, 3, 1)
    roi = yaml_rs.loads((root / "roi.yaml").read_text(encoding="utf-8"))
    assert roi["period"] == {"start": date(2024, 3, 1), "end": date(2025, 2, 28)}
    record = (root / "decisions" / "0001-adopt-partnership-as-code.md").read_text()
    assert "\ndate: 2024-03-01\n" in record
    assert "2024-03-01" in (root / "data" / "observations.csv").read_text()
    report = run_check(root, as_of=date(2024, 3, 1))
    assert (report.errors, report.warnings) == ([], [])


def test_init_date_that_is_no_date_is_a_usage_error(tmp_path: Path) -> None:
    result = msc("init", str(tmp_path / "p"), "--no-git", "--date", "1 March")
    assert result.exit_code == 2
    assert result.stderr == (
        "msc: error: --date: `1 March` is not a date\n  hint: write the date as YYYY-MM-DD\n"
    )
    assert not (tmp_path / "p").exists()
