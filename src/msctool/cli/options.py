"""Options shared by every command, so they mean the same everywhere."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from msctool import days
from msctool.cli.errors import current_context
from msctool.errors import UsageError

TODAY = "msc.today"
"""The key in the click context's ``meta`` (shared by every context of a run) that
holds the day :func:`today` asked the clock for."""

DirOption = Annotated[
    Path | None,
    typer.Option(
        "-C",
        "--dir",
        help="Partnership folder (or any folder inside it). Default: the current folder.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="The day to report on (YYYY-MM-DD); date-dependent rules measure against it. "
        "Default: today.",
        metavar="DATE",
        show_default=False,
    ),
]
OutputOption = Annotated[
    str | None,
    typer.Option(
        "-o", "--output", help="Write to FILE; `-` writes to standard output.", metavar="FILE"
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Allow replacing or adding to existing files.")
]
QuietOption = Annotated[
    bool, typer.Option("-q", "--quiet", help="Print only problems, no hints or summary.")
]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="Plain output without colours.")]


def today() -> date:
    """Today, asked of the clock once per command and passed down to the library
    (which never asks itself): every part of a command uses the same day, even
    one that runs past midnight."""
    context = current_context()
    if context is None:
        return days.today()
    if TODAY not in context.meta:
        context.meta[TODAY] = days.today()
    day: date = context.meta[TODAY]
    return day


def day_or_today(value: str | None, option: str = "--as-of") -> date:
    """A date option's value (YYYY-MM-DD); :func:`today` when it is not given."""
    return parse_day(value, option) or today()


def parse_day(value: str | None, option: str = "--as-of") -> date | None:
    """A YYYY-MM-DD option value as a date; a clear usage error otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option}: `{value}` is not a date", hint="write the date as YYYY-MM-DD"
        ) from None


def pick_dir(option: Path | None, positional: Path | None = None) -> Path:
    """The folder to act on: ``-C DIR`` wins over the positional DIR, default the cwd."""
    if option is not None and positional is not None and option != positional:
        raise UsageError("give the folder once: either DIR or -C DIR")
    return option or positional or Path.cwd()
