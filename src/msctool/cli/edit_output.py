"""Options and output every edit command shares (partner, activity, metric, engage).

An edit command is declared with :func:`edit_command`: the function takes the
command's own options and returns how to plan the edit once the partnership
folder is known. The decorator adds the options every edit command ends with
(``--commit``, ``--dry-run``, ``--format``, ``-C``, ``--quiet``), finds the
folder, and, holding the partnership's lock, plans, checks, writes and commits
the edit (:func:`msctool.edits.saving.plan_and_save`); then prints it.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from msctool.cli.options import DirOption, QuietOption, day_or_today, today
from msctool.model.vocabulary import EditFormat

if TYPE_CHECKING:
    from msctool.edits.saving import EditPlan, EditResult

PlanFor = Callable[[Path], "EditPlan"]
"""How to plan an edit in a partnership folder (what an edit command's function returns)."""

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
EditFormatOption = Annotated[
    EditFormat,
    typer.Option(
        "--format",
        help="`text` for people; `json` for scripts: what was (or, with --dry-run, would "
        "be) written, the commit, warnings, notes and the diff.",
    ),
]


def _shared_options(
    commit: CommitOption = False,
    dry_run: DryRunOption = False,
    output_format: EditFormatOption = "text",
    dir_option: DirOption = None,
    quiet: QuietOption = False,
) -> None:
    """The options every edit command ends with: :func:`edit_command` adds these."""


def edit_command(
    app: typer.Typer, name: str
) -> Callable[[Callable[..., PlanFor]], Callable[..., PlanFor]]:
    """Register the decorated function as command ``name`` of ``app``, with the shared
    edit options after its own (:func:`edit_function`)."""

    def register(make: Callable[..., PlanFor]) -> Callable[..., PlanFor]:
        app.command(name)(edit_function(make))
        return make

    return register


def edit_function(make: Callable[..., PlanFor]) -> Callable[..., None]:
    """The command function of an edit: ``make``'s own options, then the shared ones;
    ``make``'s docstring is the command's help. It plans, checks, writes and commits
    the edit while holding the partnership's lock, then prints what it did."""

    @functools.wraps(make)
    def command(
        *,
        commit: bool,
        dry_run: bool,
        output_format: EditFormat,
        dir_option: Path | None,
        quiet: bool,
        **own: Any,
    ) -> None:
        from msctool.edits.saving import plan_and_save

        plan_for = make(**own)  # the command's own options are checked first
        plan, result = plan_and_save(
            root_of(dir_option), plan_for, commit=commit, dry_run=dry_run, as_of=today()
        )
        if output_format == "json":
            show_json(plan, result, dry_run=dry_run)
        else:
            show(plan, result, dry_run=dry_run, quiet=quiet)

    parameters = [
        *inspect.signature(make, eval_str=True).parameters.values(),
        *inspect.signature(_shared_options, eval_str=True).parameters.values(),
    ]
    command.__signature__ = inspect.Signature(parameters, return_annotation=None)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in parameters}
    return command


def day_option(value: str | None, option: str) -> date:
    """A date option's value; today (:func:`msctool.cli.options.today`) when not given."""
    return day_or_today(value, option)


def run_plan(plan: EditPlan, *, commit: bool, dry_run: bool, quiet: bool) -> None:
    """Check, write and commit an :class:`~msctool.edits.saving.EditPlan`; print what happened.
    The caller holds the partnership's lock (unless ``dry_run``)."""
    from msctool.edits.saving import save

    result = save(plan, commit=commit, dry_run=dry_run, as_of=today())  # refused: no diff
    show(plan, result, dry_run=dry_run, quiet=quiet)


def show(plan: EditPlan, result: EditResult, *, dry_run: bool, quiet: bool) -> None:
    """Print what an edit did (or, for a dry run, its diff)."""
    from msctool.edits.saving import diff

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


def show_json(plan: EditPlan, result: EditResult, *, dry_run: bool) -> None:
    """Print what an edit did as one JSON object (:meth:`EditResult.as_data`)."""
    import json

    from msctool.edits.saving import diff

    data = result.as_data(diff(plan) if dry_run else None)
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


def root_of(dir_option: Path | None) -> Path:
    """The partnership folder of ``-C DIR`` (default: the current folder)."""
    from msctool.load.root import find_root

    return find_root(dir_option or Path.cwd())
