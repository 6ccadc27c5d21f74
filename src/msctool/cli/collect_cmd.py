"""``msc collect requests`` and ``msc collect status``: ask metric owners for their
figures, and see who is late. The library is :mod:`msctool.collect` (what is owed)
and :mod:`msctool.render.collect` (workbooks, e-mails, the table)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.locking import writing
from msctool.cli.options import AsOfOption, DirOption, ForceOption, QuietOption
from msctool.cli.output import emit, shown
from msctool.cli.render_options import LanguageOption, render_setup
from msctool.errors import UsageError
from msctool.model.vocabulary import ReportFormat

collect_app = typer.Typer(
    help="Ask metric owners for their figures (a workbook and an e-mail each), and see who is late.",
    no_args_is_help=True,
)

FormatOption = Annotated[
    ReportFormat, typer.Option("--format", help="text (a table), json or md (Markdown).")
]


@collect_app.command("requests")
def requests_command(
    dir_option: DirOption = None,
    as_of: AsOfOption = None,
    overdue_only: Annotated[
        bool,
        typer.Option("--overdue-only", help="Reminders: only figures past the grace period."),
    ] = False,
    owner: Annotated[
        list[str] | None,
        typer.Option("--owner", metavar="PARTNER", help="Ask only this owner (repeatable)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="DIR",
            help="Folder for the files. Default: requests/YYYY-MM-DD/ in the partnership.",
        ),
    ] = None,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ADDRESS",
            help="Sender of the e-mails. Default: '<short name> <data@invalid>'.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say who would be asked for what; write nothing.")
    ] = False,
    output_format: Annotated[
        ReportFormat,
        typer.Option(
            "--format", help="The summary: text (a line per owner), json or md (a Markdown list)."
        ),
    ] = "text",
    language: LanguageOption = None,
    force: ForceOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write a request workbook (.xlsx) and an e-mail (.eml) for every metric owner that owes figures.

    Each workbook lists the owner's metrics and every period due since its
    last figure, with the previous figures and each metric's definition; only
    the Value and Note cells can be edited, and a hidden identity lets the
    returned file map back exactly. Each e-mail goes to the owner's
    representatives with the workbook attached (their addresses are private:
    send it yourself). Prints who was asked for what.
    """
    from msctool.render.collect.requests import (
        default_folder,
        plan_round,
        round_files,
        summary_json,
        summary_lines,
        write_round,
    )
    from msctool.render.newsletter.email import addresses

    if output is not None and str(output) == "-":
        raise UsageError(
            "-o -: requests are a folder of workbooks and e-mails, not one stream",
            hint="give a folder with -o DIR, or see the summary with --dry-run",
        )
    with writing(dir_option, output, dry_run=dry_run):
        setup = render_setup(dir_option, language, as_of=as_of)
        partnership = setup.partnership
        plan = plan_round(partnership, setup.as_of, overdue_only=overdue_only, owners=owner or ())
        folder = output or default_folder(partnership.root, setup.as_of)
        from_ = addresses(sender, "sender") if sender else ()
        files = round_files(partnership, plan, setup.fmt, folder, from_)
        if not dry_run:
            write_round(files, force=force, root=None if output else partnership.root)
    if output_format == "json":
        emit(summary_json(plan, list(files)), None)
    elif not quiet:
        lines = summary_lines(plan, setup.fmt, shown(folder))
        md = output_format == "md"
        emit("".join(f"{_md_item(line) if md else line}\n" for line in lines), None)


def _md_item(line: str) -> str:
    from msctool.escaping import markdown_text

    return f"- {markdown_text(line)}"


@collect_app.command("status")
def status_command(
    dir_option: DirOption = None,
    as_of: AsOfOption = None,
    output_format: FormatOption = "text",
    language: LanguageOption = None,
) -> None:
    """Show, per owner and metric, the last figure, the next due date and who is late.

    A figure is due on its period's day (the metric's cadence, counted on from
    its last figure) and overdue once it is more than
    checks.thresholds.collect_grace_days late (14 by default): then msc check
    warns with MSC606, once per partner.
    """
    from msctool.collect.status import collect_status, status_json
    from msctool.render.collect.status import status_markdown, status_text

    setup = render_setup(dir_option, language, as_of=as_of)
    status = collect_status(setup.partnership, setup.as_of)
    if output_format == "json":
        text = status_json(status)
    elif output_format == "md":
        text = status_markdown(status, setup.fmt)
    else:
        text = status_text(status, setup.fmt)
    sys.stdout.write(text)
