"""``msc purpose``: reaffirm or reword the partnership's purpose, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command

purpose_app = typer.Typer(
    help="Record that a body reaffirmed the purpose, or reword it.",
    no_args_is_help=True,
)

DayOption = Annotated[
    str | None,
    typer.Option(
        "--date", help="Day it was reaffirmed (YYYY-MM-DD). Default: today.", metavar="DATE"
    ),
]


@edit_command(purpose_app, "reaffirm")
def reaffirm_command(
    body: Annotated[
        str,
        typer.Option("--by", help="The governance body that reaffirmed it.", metavar="BODY"),
    ],
    day: DayOption = None,
) -> PlanFor:
    """Record that a body reaffirmed the purpose: `reaffirmed:` and `reaffirmed_by:`."""
    from msctool.edits.purpose import Reaffirmation, reaffirm

    by = Reaffirmation(body, day_option(day, "--date"))
    return lambda root: reaffirm(root, by)


@edit_command(purpose_app, "edit")
def edit_command_(
    statement: Annotated[
        str, typer.Option("--statement", help="Why the partnership exists, in a sentence or two.")
    ],
    body: Annotated[
        str | None,
        typer.Option(
            "--by", help="The body that agreed to the new words: reaffirms it too.", metavar="BODY"
        ),
    ] = None,
    day: DayOption = None,
) -> PlanFor:
    """Reword the purpose's statement; with --by, the body reaffirms it in the same change."""
    from msctool.edits.purpose import Reaffirmation, reword
    from msctool.errors import UsageError

    if day is not None and body is None:
        raise UsageError("--date is the day of a reaffirmation", hint="give the body with --by")
    by = Reaffirmation(body, day_option(day, "--date")) if body is not None else None
    return lambda root: reword(root, statement, by)
