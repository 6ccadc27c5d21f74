"""``msc render scorecard`` writes the balanced scorecard; ``msc scorecard`` shows it.

The library (:mod:`msctool.render.scorecard`) is imported inside the commands, so
loading this module costs nothing for other commands (``msc check`` never
imports rich or jinja2).
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Annotated

import typer

from msctool.cli.locking import writing
from msctool.cli.options import (
    AsOfOption,
    DirOption,
    ForceOption,
    NoColorOption,
    OutputOption,
    QuietOption,
)
from msctool.cli.output import emit, tell_written
from msctool.cli.render_options import (
    AudienceOption,
    LanguageOption,
    render_setup,
)
from msctool.model.vocabulary import ScorecardFormat


def scorecard_render(
    dir_option: DirOption = None,
    output_format: Annotated[
        ScorecardFormat,
        typer.Option("--format", help="md (tables), html (with charts) or csv (one row a metric)."),
    ] = "md",
    output: OutputOption = None,
    language: LanguageOption = None,
    audience: AudienceOption = "partners",
    as_of: AsOfOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the balanced scorecard: each metric's latest value, change, forecast and target.

    Metrics are grouped by perspective; the HTML has a small chart per metric.
    Default output: scorecards/scorecard-YYYY-MM-DD.<format> in the partnership,
    dated by --as-of. An existing file needs --force.
    """
    from msctool.render.outputs import write_output
    from msctool.render.scorecard import default_path, render_scorecard

    with writing(dir_option, output):
        setup = render_setup(dir_option, language, audience, as_of)
        text = render_scorecard(setup, output_format)
        default = default_path(setup, output_format)
        path = write_output(
            text, output=output, default=default, force=force, root=setup.partnership.root
        )
    tell_written(setup.notes, path, quiet)


def scorecard_show(
    dir_option: DirOption = None,
    as_of: AsOfOption = None,
    language: LanguageOption = None,
    no_color: NoColorOption = False,
) -> None:
    """Show the balanced scorecard in the terminal, with sparklines and trend arrows.

    Green arrows moved the right way, red ones the wrong way. Colour is off
    with --no-color, with the NO_COLOR environment variable, or when the
    output is not a terminal.
    """
    from msctool.render.scorecard import terminal_view

    setup = render_setup(dir_option, language, as_of=as_of)
    width = shutil.get_terminal_size().columns
    colour = use_colour(no_color)
    emit(terminal_view(setup, width=width, colour=colour), None, styled=colour)


def use_colour(no_color: bool) -> bool:
    """Colour only on a terminal, and never with --no-color or NO_COLOR set (no-color.org)."""
    return not no_color and not os.environ.get("NO_COLOR") and sys.stdout.isatty()
