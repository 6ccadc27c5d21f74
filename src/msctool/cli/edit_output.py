"""Options and output every edit command shares (partner, activity, metric, engage)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msctool.cli.options import parse_day

if TYPE_CHECKING:
    from msctool.edits.saving import EditPlan

CommitOption = Annotated[
    bool,
    typer.Option(
        "--commit",
        help="Commit the changed files (only those) with a message that says what changed. "
        "Refused when one of them already has uncommitted changes.",
    ),
]
DryRunOption = Annotated[
    bool,
    typer.Option("--dry-run", help="Check the edit and show the diff; write nothing."),
]


def day_option(value: str | None, option: str) -> date:
    """A date option's value, today when not given."""
    return parse_day(value, option) or date.today()


def run_plan(plan: EditPlan, *, commit: bool, dry_run: bool, quiet: bool) -> None:
    """Check, write and commit an :class:`~msctool.edits.saving.EditPlan`; print what happened."""
    from msctool.edits.saving import diff, save

    result = save(plan, commit=commit, dry_run=dry_run)  # a refused edit shows no diff
    if dry_run:
        sys.stdout.write(diff(plan))
    for finding in result.warnings:
        where = f"{finding.file}:{finding.line}:{finding.column}"
        sys.stderr.write(f"msc: warning: {where}: {finding.code} {finding.message}\n")
        if finding.hint and not quiet:
            sys.stderr.write(f"  hint: {finding.hint}\n")
    for note in result.notes:
        sys.stderr.write(f"msc: note: {note}\n")
    if quiet:
        return
    if not result.written:
        sys.stdout.write(f"dry run: {result.message}; nothing written\n")
        return
    sys.stdout.write(f"{result.message}: wrote {', '.join(result.files)}\n")
    if result.commit:
        sys.stdout.write(f"committed {result.commit[:10]}\n")


def root_of(dir_option: Path | None) -> Path:
    """The partnership folder of ``-C DIR`` (default: the current folder)."""
    from msctool.loader import find_root

    return find_root(dir_option or Path.cwd())
