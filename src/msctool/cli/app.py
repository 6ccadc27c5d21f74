"""The ``msc`` command: a typer app whose commands are thin layers over the library.

Its commands are listed once, in :mod:`msctool.cli.commands`; the group
(:mod:`msctool.cli.group`) builds them from there and runs each inside the one
error handler.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from msctool import __version__
from msctool.cli.group import MscGroup, import_eager
from msctool.cli.output import guard_terminal

app = typer.Typer(
    cls=MscGroup,
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
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show a traceback for internal errors.",
        ),
    ] = False,
) -> None:
    """Partnership as code: keep a multi-stakeholder partnership in a folder of YAML files.

    Run `msc COMMAND --help` for a command's options.
    """
    del debug  # listed for --help; the group takes it out of the arguments wherever it
    # stands and keeps it for the error handler (msctool.cli.errors.debugging)
    guard_terminal()


import_eager()


def run() -> None:
    guard_terminal()  # also for what click says before a command runs (an unknown command)
    app(prog_name="msc")
