"""``msc render roi``: the social return on investment, as a story and as numbers.

The library (:mod:`msctool.render.roi`) is imported inside the command, so
loading this module costs nothing for other commands.
"""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.locking import writing
from msctool.cli.options import (
    AsOfOption,
    DirOption,
    ForceOption,
    OutputOption,
    QuietOption,
)
from msctool.cli.output import tell_written
from msctool.cli.render_options import (
    AudienceOption,
    LanguageOption,
    render_setup,
)
from msctool.model.vocabulary import RoiFormat


def roi_render(
    dir_option: DirOption = None,
    partner: Annotated[
        str | None,
        typer.Option(
            "--partner",
            metavar="ID",
            help="Only this partner's story, with the partnership's headline.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        RoiFormat,
        typer.Option("--format", help="md or html (the story), json (the numbers)."),
    ] = "md",
    output: OutputOption = None,
    language: LanguageOption = None,
    audience: AudienceOption = "partners",
    as_of: AsOfOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the ROI story: the SROI ratio, a short story per partner, and the numbers.

    The calculation comes from roi.yaml: inputs (money, in-kind, hours at the
    hourly rate) and outcomes valued with financial proxies. Default output:
    roi/roi-YYYY-MM-DD.<format> in the partnership, dated by --as-of (json
    goes to standard output). An existing file needs --force.
    """
    from msctool.model.vocabulary import RoiFormat as Format
    from msctool.render.outputs import write_output
    from msctool.render.roi.story import default_path, render_roi

    fmt: Format = output_format
    if output is None and fmt == "json":
        output = "-"
    with writing(dir_option, output):
        setup = render_setup(dir_option, language, audience, as_of)
        text = render_roi(setup, fmt, partner)
        default = default_path(setup, fmt, partner)
        path = write_output(
            text, output=output, default=default, force=force, root=setup.partnership.root
        )
    tell_written(setup.notes, path, quiet)
