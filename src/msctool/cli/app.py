"""The ``msc`` command: a typer app whose commands are thin layers over the library."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from msctool import __version__
from msctool.cli import (
    check_cmd,
    init_cmd,
    newsletter_cmd,
    retro_cmd,
    roi_cmd,
    rules_cmd,
    schema_cmd,
    scorecard_cmd,
    site_cmd,
    templates_cmd,
)
from msctool.cli.lazy import LazyGroup
from msctool.cli.output import guard_terminal

app = typer.Typer(
    cls=LazyGroup,
    name="msc",
    help="Partnership as code: keep a multi-stakeholder partnership in a folder of YAML files.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"msc {__version__}\n")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Partnership as code: keep a multi-stakeholder partnership in a folder of YAML files.

    Run `msc COMMAND --help` for a command's options.
    """
    guard_terminal()


app.command("check")(check_cmd.check)
app.command("init")(init_cmd.init)
app.command("rules")(rules_cmd.rules)
app.command("schema")(schema_cmd.schema)
templates_cmd.register(app)

render_app = typer.Typer(
    help="Render documents partners read: newsletter, ROI story, scorecard, dashboard site.",
    no_args_is_help=True,
)
app.add_typer(render_app, name="render")
newsletter_cmd.register_render(render_app)
roi_cmd.register_render(render_app)
scorecard_cmd.register_render(render_app)
site_cmd.register_render(render_app)
scorecard_cmd.register(app)
retro_cmd.register(app)
# The history, edit and serve commands are imported only when they run (or
# `msc --help` is asked): see msctool.cli.lazy.


def run() -> None:
    guard_terminal()  # also for what click says before a command runs (an unknown command)
    app(prog_name="msc")
