"""``msc changes``: what changed in the partnership between two points of history.

The library (:mod:`msctool.history.changes`) is imported inside the command, so loading
this module costs nothing for other commands.
"""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.options import DirOption, ForceOption, OutputOption, pick_dir, today
from msctool.cli.output import emit
from msctool.model.vocabulary import ReportFormat

SinceOption = Annotated[
    str,
    typer.Option(
        "--since",
        metavar="DATE|REF",
        help="The earlier point: a day (YYYY-MM-DD: the state at the end of that day) "
        "or a git revision (commit, branch, tag, HEAD~3). A day before the first commit "
        "compares with nothing: everything is new.",
        show_default=False,
    ),
]
UntilOption = Annotated[
    str,
    typer.Option(
        "--until",
        metavar="DATE|REF|worktree",
        help="The later point: a day, a git revision, or `worktree` (the files on disk, "
        "committed or not).",
    ),
]


def changes(
    since: SinceOption,
    until: UntilOption = "HEAD",
    dir_option: DirOption = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="text, json or md (Markdown).")
    ] = "text",
    output: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Show what changed in the partnership between two points of its git history.

    Partners who joined or left, representatives, activities added, closed or
    reassigned, targets moved, the purpose reworded or reaffirmed, decision
    rules, engagements and decisions. Both points are read from git objects:
    nothing is checked out. Private contact fields are never shown.
    """
    from msctool.history.changes import changes_between
    from msctool.history.changesreport import render_changes

    found = changes_between(pick_dir(dir_option), since, until, as_of=today())
    emit(render_changes(found, output_format), output, force)
