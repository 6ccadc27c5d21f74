"""``msc log``: the decision log read back from git history.

The library (:mod:`msctool.history.decisionlog`) is imported inside the command, so
loading this module costs nothing for other commands.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from msctool.cli.options import (
    DirOption,
    ForceOption,
    NoColorOption,
    OutputOption,
    QuietOption,
    parse_day,
    pick_dir,
)
from msctool.cli.output import emit, shown
from msctool.cli.scorecard_cmd import use_colour
from msctool.errors import UsageError
from msctool.model.vocabulary import DecisionStatus, ReportFormat


def log(
    dir_option: DirOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only decisions dated on or after DATE (YYYY-MM-DD).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only decisions dated on or before DATE (YYYY-MM-DD).",
            metavar="DATE",
            show_default=False,
        ),
    ] = None,
    body: Annotated[
        str | None,
        typer.Option(
            "--body",
            help="Only decisions of this governance body (its id).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        DecisionStatus | None,
        typer.Option(
            "--status",
            help="Only decisions with this status (as derived from history).",
            show_default=False,
        ),
    ] = None,
    affects: Annotated[
        str | None,
        typer.Option(
            "--affects",
            help="Only decisions that affect this activity, metric or partner (its id).",
            metavar="ID",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat,
        typer.Option("--format", help="text (to read), json (for tools) or md (a Markdown table)."),
    ] = "text",
    output: OutputOption = None,
    force: ForceOption = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Read the whole history again; do not use or write the cache in the git folder.",
        ),
    ] = False,
    no_color: NoColorOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show the decision log read back from git: every decision with its date, body, rule,
    status, who committed it and the commit.

    Status comes from history: a decision superseded by a later accepted one is
    superseded, a record deleted from decisions/ is withdrawn, and edits made after
    a decision was accepted are listed as amendments. Hand-written records
    committed with plain git are found too. Warnings (a record whose front matter
    did not parse in some commit, a trailer naming a decision that does not exist)
    go to standard error; the rest of the log is still shown.
    """
    from msctool.history.decisionlog import LogFilter, decision_log, filter_log
    from msctool.history.logformat import render_log, warning_lines

    chosen = LogFilter(
        since=parse_day(since, "--since"),
        until=parse_day(until, "--until"),
        body=body,
        status=status,
        affects=affects,
    )
    if chosen.since and chosen.until and chosen.since > chosen.until:
        raise UsageError(
            f"--since {since} is after --until {until}, so no decision could match",
            hint="give the earlier day to --since and the later one to --until",
        )
    found = filter_log(decision_log(pick_dir(dir_option), use_cache=not no_cache), chosen)
    to_terminal = output in (None, "-") and output_format == "text"
    colour = use_colour(no_color) and to_terminal
    text = render_log(found, output_format, colour)
    path = emit(text, output, force, styled=colour)
    sys.stdout.flush()
    if output_format != "json":  # JSON carries them itself
        for line in warning_lines(found.warnings, hints=not quiet):
            sys.stderr.write(line + "\n")
    if path is not None and not quiet:
        sys.stdout.write(f"wrote {shown(path)}\n")
