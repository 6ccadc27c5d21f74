"""``msc metric``: record and import observations."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from msctool.cli.edit_output import (
    CommitOption,
    DryRunOption,
    PlanFor,
    day_option,
    edit_command,
    root_of,
    run_plan,
)
from msctool.cli.locking import writing
from msctool.cli.options import DirOption, QuietOption

metric_app = typer.Typer(
    help="Add observations of metrics to data/*.csv: one by hand, or a spreadsheet's rows.",
    no_args_is_help=True,
)

FileOption = Annotated[
    str | None,
    typer.Option(
        "--file",
        help="Write to data/NAME.csv. Default: the file that holds the metric's newest "
        "observation, or data/METRIC.csv.",
        metavar="NAME",
    ),
]


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


@edit_command(metric_app, "record")
def record_command(
    metric: Annotated[str, typer.Argument(metavar="METRIC", help="The metric's id.")],
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The measured value, e.g. 9.1 (in a Dutch partnership 9,1; a value such as "
            "1.004 that could be two numbers is refused); a negative one after `--` and the "
            "options: `msc metric record METRIC --date D -- -2.5`.",
        ),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Day the value holds for (YYYY-MM-DD). Default: today.", metavar="DATE"
        ),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Where the value comes from.")
    ] = None,
    file: FileOption = None,
) -> PlanFor:
    """Append one observation to a CSV file in data/; every other line stays as it was."""
    from msctool.edits.recording import record

    return lambda root: record(root, metric, value, day_option(day, "--date"), source, file)


@metric_app.command("import")
def import_command(
    path: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="A .csv or .xlsx file: metric, date, value, source."),
    ],
    sheet: Annotated[
        str | None,
        typer.Option("--sheet", help="The workbook sheet to read. Default: the first."),
    ] = None,
    skip_rejected: Annotated[
        bool,
        typer.Option(
            "--skip-rejected",
            help="Write the accepted rows even when some are rejected (exit code stays 1).",
        ),
    ] = False,
    file: FileOption = None,
    output_format: Annotated[
        ImportFormat, typer.Option("--format", help="Report format.")
    ] = ImportFormat.text,
    commit: CommitOption = False,
    dry_run: DryRunOption = False,
    dir_option: DirOption = None,
    quiet: QuietOption = False,
) -> None:
    """Import a spreadsheet's observations into data/*.csv.

    All or nothing: when a row is rejected (with its row, cell and why),
    nothing is written and the exit code is 1, unless --skip-rejected. Rows
    already recorded with the same value are skipped, so importing twice is safe.
    """
    from msctool.edits.recording import as_data, describe, import_sheet

    with writing(dir_option, dry_run=dry_run):
        report = import_sheet(
            root_of(dir_option), path, sheet=sheet, skip_rejected=skip_rejected, file=file
        )
        if output_format is ImportFormat.json:
            sys.stdout.write(json.dumps(as_data(report), indent=2) + "\n")
        else:
            sys.stderr.write("\n".join(describe(report)) + "\n")
        if report.plan is not None:
            run_plan(
                report.plan,
                commit=commit,
                dry_run=dry_run,
                quiet=quiet or output_format is ImportFormat.json,
            )
        elif report.rejected and not quiet:
            sys.stderr.write(
                "msc: nothing written: fix the rejected rows and import again"
                + (", or add --skip-rejected" if report.accepted else "")
                + "\n"
            )
    if report.rejected:
        raise typer.Exit(1)
