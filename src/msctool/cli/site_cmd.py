"""``msc render site``: the static dashboard site.

The library (:mod:`msctool.site`) is imported inside the command, so loading
this module costs nothing for other commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.locking import writing
from msctool.cli.options import AsOfOption, DirOption, QuietOption, day_or_today, pick_dir
from msctool.cli.output import raw_stream, shown
from msctool.cli.render_options import (
    AudienceOption,
    LanguageOption,
)
from msctool.errors import UsageError

SiteOutputOption = Annotated[
    Path | None,
    typer.Option(
        "-o",
        "--output",
        help="Folder to build the site in. Default: _site/ in the partnership folder.",
        metavar="DIR",
        show_default=False,
    ),
]
NoProgressOption = Annotated[
    bool, typer.Option("--no-progress", help="No progress bar (it shows only on a terminal).")
]


def site_render(
    dir_option: DirOption = None,
    output: SiteOutputOption = None,
    language: LanguageOption = None,
    audience: AudienceOption = "partners",
    as_of: AsOfOption = None,
    no_progress: NoProgressOption = False,
    quiet: QuietOption = False,
) -> None:
    """Build the partnership's dashboard: a static site of plain HTML files.

    Pages: home with a health summary per principle, health, scorecard, ROI
    story, decisions, partners and roles (RACI), what we heard, retrospectives
    and newsletters. It needs no network and no server: open index.html, or put
    the folder on any web host. msc marks the folder it builds with a .msc-site
    file and replaces only such a folder (an empty one is fine too). When the
    data has errors, the pages that can be made are, the health page lists the
    errors, and msc exits with 1.
    """
    from msctool.site import render_site
    from msctool.site.progress import page_progress

    with (
        writing(dir_option, output),
        page_progress(not (no_progress or quiet), raw_stream(sys.stderr)) as progress,
    ):
        result = render_site(
            pick_dir(dir_option),
            site_folder(output),
            language=language,
            audience=audience,
            as_of=day_or_today(as_of),
            progress=progress,
        )
    for note in result.notes:
        sys.stderr.write(f"msc: note: {note}\n")
    if not quiet:
        sys.stdout.write(f"wrote {shown(result.folder)}/ ({len(result.pages)} pages)\n")
    if result.health.errors:
        sys.stderr.write(f"msc: error: {_errors_line(result.health.errors, result.failed)}\n")
        sys.stderr.write("  hint: open health.html in the site, or run `msc check`, and fix them\n")
        raise typer.Exit(1)


def _errors_line(errors: int, failed: list[str]) -> str:
    """``the partnership has 2 errors; 1 page could not be made (roi.html)``."""
    line = f"the partnership has {errors} error{'s' if errors != 1 else ''}"
    if not failed:
        return f"{line}; every page was made from the valid entries"
    pages = "page" if len(failed) == 1 else "pages"
    return f"{line}; {len(failed)} {pages} could not be made ({', '.join(failed)})"


def site_folder(output: Path | None) -> Path | None:
    """``-o DIR`` as given; ``-o -`` is refused (a site is a folder, not a stream)."""
    if output is not None and str(output) == "-":
        raise UsageError(
            "-o -: a site is a folder of pages, it cannot go to standard output",
            hint="give a folder with -o DIR",
        )
    return output
