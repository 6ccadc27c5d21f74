"""``msc render newsletter``: the drumbeat — what changed since the last issue.

The library (:mod:`msctool.render.newsletter`) is imported inside the command, so
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
    parse_day,
)
from msctool.cli.output import tell_written
from msctool.cli.render_options import AudienceOption, LanguageOption, render_setup
from msctool.model.vocabulary import NewsletterFormat

FormatOption = Annotated[
    NewsletterFormat,
    typer.Option(
        "--format",
        help="md, html (e-mail-safe, CSS inlined), txt (plain text) or eml (an e-mail with both).",
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="Cover what changed from this day (YYYY-MM-DD). Default: since the last issue.",
        show_default=False,
    ),
]
PeriodOption = Annotated[
    str | None,
    typer.Option(
        "--period", metavar="YYYY-MM", help="Cover one calendar month.", show_default=False
    ),
]
FromOption = Annotated[
    str | None,
    typer.Option(
        "--from",
        metavar="ADDRESS",
        help="Sender of the eml. Default: '<short name> <newsletter@invalid>'.",
        show_default=False,
    ),
]
ToOption = Annotated[
    list[str] | None,
    typer.Option(
        "--to", metavar="ADDRESS", help="Recipient of the eml (repeatable).", show_default=False
    ),
]


def newsletter(
    dir_option: DirOption = None,
    output_format: FormatOption = "md",
    output: OutputOption = None,
    language: LanguageOption = None,
    audience: AudienceOption = "partners",
    as_of: AsOfOption = None,
    since: SinceOption = None,
    period: PeriodOption = None,
    sender: FromOption = None,
    to: ToOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the newsletter: what changed since the last issue, biggest news first.

    It opens with the three biggest changes (decisions, metric movements, partners
    who joined or left, what the people we serve told us and what we changed),
    then the rest, what is coming up, thanks and the purpose: a two-minute read.
    Default output: newsletters/YYYY-MM.<format> in the partnership, for the
    month of --as-of; an existing issue needs --force.
    """
    from msctool.render.newsletter.issue import build_newsletter, default_path, render_issue
    from msctool.render.newsletter.window import parse_month
    from msctool.render.outputs import write_output

    with writing(dir_option, output):
        setup = render_setup(dir_option, language, audience, as_of)
        letter = build_newsletter(
            setup,
            since=parse_day(since, "--since"),
            period=parse_month(period) if period else None,
        )
        data = render_issue(setup, letter, output_format, sender=sender, to=to or ())
        default = default_path(setup.partnership, letter.window, output_format)
        path = write_output(
            data, output=output, default=default, force=force, root=setup.partnership.root
        )
    tell_written(setup.notes, path, quiet)
