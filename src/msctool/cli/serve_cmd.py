"""``msc serve``: serve the site locally, rebuilding on change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.options import AsOfOption, day_or_today
from msctool.cli.render_options import (
    AudienceOption,
    LanguageOption,
)

PortOption = Annotated[
    int,
    typer.Option("--port", help="Port on 127.0.0.1; 0 picks a free one.", min=0, max=65535),
]
ServeOutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Build the site in DIR (as `msc render site -o DIR`). Default: a temporary folder, "
        "deleted when the server stops.",
        metavar="DIR",
        show_default=False,
    ),
]
NoRebuildOption = Annotated[
    bool, typer.Option("--no-rebuild", help="Build once; do not watch the files for changes.")
]


def serve(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Partnership folder (or any folder inside it). Default: the current folder.",
            show_default=False,
        ),
    ] = None,
    port: PortOption = 0,
    output: ServeOutputOption = None,
    language: LanguageOption = None,
    audience: AudienceOption = "partners",
    as_of: AsOfOption = None,
    no_rebuild: NoRebuildOption = False,
) -> None:
    """Build the dashboard site and serve it on 127.0.0.1, rebuilding when a file changes.

    Prints the address to open. Only this computer can reach it. Every change
    to the partnership's files rebuilds the site (a failed rebuild keeps the
    previous one); reload the page to see it. Ctrl-C stops the server.
    """
    from msctool.cli.errors import debugging
    from msctool.cli.site_cmd import site_folder
    from msctool.site.serve import ServeOptions
    from msctool.site.serve import serve as run

    options = ServeOptions(
        language=language,
        audience=audience,
        as_of=day_or_today(as_of),
        output=site_folder(output),
        port=port,
        rebuild=not no_rebuild,
        debug=debugging(),
    )
    run(directory or Path.cwd(), options, _say)


def _say(line: str) -> None:
    sys.stdout.write(f"msc serve: {line}\n")
    sys.stdout.flush()
