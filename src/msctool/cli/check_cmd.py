"""``msc check``: validate a partnership and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.options import (
    AsOfOption,
    DirOption,
    ForceOption,
    NoColorOption,
    OutputOption,
    QuietOption,
    day_or_today,
    pick_dir,
)
from msctool.cli.output import emit
from msctool.model.vocabulary import CheckFormat


def check(
    directory: Annotated[
        Path | None, typer.Argument(metavar="DIR", help="Partnership folder.", show_default=False)
    ] = None,
    dir_option: DirOption = None,
    output_format: Annotated[CheckFormat, typer.Option("--format", help="Output format.")] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    select: Annotated[
        list[str] | None,
        typer.Option(
            "--select", help="Only these rule codes or prefixes (repeatable).", metavar="CODE"
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option(
            "--ignore", help="Skip these rule codes or prefixes (repeatable).", metavar="CODE"
        ),
    ] = None,
    as_of: AsOfOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Validate the partnership: errors in the data and health warnings, all at once.

    Exit code 0 when there are no errors (warnings allowed unless --strict),
    1 when there are errors (or warnings with --strict), 2 for usage, I/O or
    internal errors.
    """
    from msctool.rules.check import run_check
    from msctool.rules.report import render_report

    report = run_check(
        pick_dir(dir_option, directory), as_of=day_or_today(as_of), select=select, ignore=ignore
    )
    colour = output in (None, "-") and not no_color and sys.stdout.isatty()
    text = render_report(report, output_format, quiet=quiet, colour=colour)
    emit(text, output, force, styled=colour)
    if report.failed(strict):
        raise typer.Exit(1)
