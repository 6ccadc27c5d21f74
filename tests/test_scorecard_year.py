"""A year of a partnership's scorecard, activities and ROI through commands only: no
file is written by the test after ``msc init``; ``msc check`` stays free of errors and
``msc changes`` tells the year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from helpers import git, msc
from msctool import days
from msctool.rules.check import run_check

STEPS: list[tuple[str, list[str]]] = [
    (
        "2026-01-12",
        ["metric", "add", "referrals", "--name", "Residents referred by a partner",
         "--perspective", "processes", "--accountability", "performance", "--kind", "how-much",
         "--unit", "residents", "--direction", "up", "--owner", "municipality",
         "--cadence", "monthly", "--baseline", "12", "--baseline-date", "2026-01-01",
         "--target", "40", "--by", "2026-12-31", "--goal", "access-to-support"],
    ),
    ("2026-02-02", ["activity", "status", "support-desk-pilot", "active"]),
    ("2026-02-28", ["metric", "record", "referrals", "15"]),
    ("2026-03-31", ["metric", "record", "support-within-two-weeks", "46"]),
    (
        "2026-05-04",
        ["activity", "edit", "support-desk-pilot", "--description",
         "A desk in the library, two afternoons a week.", "--end", "2026-12-31"],
    ),
    ("2026-06-15", ["metric", "target", "support-within-two-weeks", "85", "--by", "2027-06-30",
                    "--note", "Raised after a good first half year"]),
    ("2026-06-30", ["metric", "record", "support-within-two-weeks", "58"]),
    ("2026-08-31", ["metric", "record", "referrals", "29"]),
    ("2026-09-01", ["activity", "status", "partner-newsletter", "paused"]),
    ("2026-09-14", ["metric", "edit", "referrals", "--owner", "employers-network",
                    "--cadence", "quarterly"]),
    (
        "2026-10-05",
        ["roi", "outcome", "add", "referred-sooner", "--name", "Residents referred sooner",
         "--metric", "referrals", "--quantity", "29", "--unit", "residents", "--proxy", "350",
         "--proxy-source", "Cost of a late referral, municipal estimate", "--deadweight", "30%",
         "--attribution", "0.25", "--duration", "1"],
    ),
    ("2026-10-06", ["roi", "input", "add", "employers-network", "--kind", "hours",
                    "--amount", "120", "--description", "Referral training",
                    "--outcome", "referred-sooner"]),
    ("2026-11-30", ["activity", "status", "support-desk-pilot", "done"]),
    ("2026-12-01", ["activity", "status", "partner-newsletter", "active"]),
]  # fmt: skip


def _on(day: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``day`` today for msc and for the commits it makes."""
    monkeypatch.setattr(days, "today", lambda: date.fromisoformat(day))
    noon = f"{day}T12:00:00+00:00"
    monkeypatch.setenv("GIT_AUTHOR_DATE", noon)
    monkeypatch.setenv("GIT_COMMITTER_DATE", noon)


def test_a_year_of_metrics_activities_and_roi_through_commands(
    tmp_path: Path, isolated_git: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "year"
    _on("2026-01-05", monkeypatch)
    assert msc("init", str(root)).exit_code == 0
    for day, args in STEPS:
        _on(day, monkeypatch)
        result = msc(*args, "--commit", "-C", str(root))
        assert result.exit_code == 0, f"{day} msc {' '.join(args)}\n{result.output}"
    assert git(root, "status", "--porcelain") == ""
    assert len(git(root, "log", "--format=%s").splitlines()) == len(STEPS) + 1
    assert not run_check(root, as_of=date(2026, 12, 1)).errors

    changes = msc("changes", "-C", str(root), "--since", "2026-01-05").stdout
    for told in (
        "metric Residents referred by a partner (referrals) added (target: 40 residents by "
        "2026-12-31)",
        "target 80 % by 2027-01-04 → 85 % by 2027-06-30",
        "(support-desk-pilot) done (was planned)",
    ):
        assert told in changes, changes
    subjects = git(root, "log", "--format=%s", "--reverse").splitlines()[1:]
    assert (
        subjects[5]
        == "Metric support-within-two-weeks: target 85 % by 2027-06-30 (was 80 % by 2027-01-04)"
    )
    metric_history = git(root, "log", "--format=%(trailers:key=Metric,valueonly)", "--reverse")
    assert [line for line in metric_history.splitlines() if line] == [
        "referrals",
        "support-within-two-weeks",
        "referrals",
    ]
