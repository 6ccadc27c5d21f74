"""``msc metric``: add and change metrics, move their targets, record and import observations."""

from __future__ import annotations

import json
import sys
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
from msctool.cli.options import DirOption, QuietOption, parse_day
from msctool.model.vocabulary import (
    Accountability,
    Cadence,
    Direction,
    EditFormat,
    MetricKind,
    Perspective,
)

metric_app = typer.Typer(
    help="Add and change metrics, move their targets, and record what they measure.",
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
    output_format: Annotated[EditFormat, typer.Option("--format", help="Report format.")] = "text",
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
        if output_format == "json":
            sys.stdout.write(json.dumps(as_data(report), indent=2) + "\n")
        else:
            sys.stderr.write("\n".join(describe(report)) + "\n")
        if report.plan is not None:
            run_plan(
                report.plan,
                commit=commit,
                dry_run=dry_run,
                quiet=quiet or output_format == "json",
            )
        elif report.rejected and not quiet:
            sys.stderr.write(
                "msc: nothing written: fix the rejected rows and import again"
                + (", or add --skip-rejected" if report.accepted else "")
                + "\n"
            )
    if report.rejected:
        raise typer.Exit(1)


# -- the scorecard: metrics.yaml ----------------------------------------------------

NameOption = Annotated[str | None, typer.Option("--name", help="What is measured, in a few words.")]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="How it is measured, in a few sentences.")
]
UnitOption = Annotated[
    str | None, typer.Option("--unit", help="What a value counts: `%`, `people`, `euros`...")
]
OwnerOption = Annotated[
    str | None,
    typer.Option(
        "--owner", help="The partner that keeps the data (partner id).", metavar="PARTNER"
    ),
]
GoalOption = Annotated[
    str | None,
    typer.Option("--goal", help="The goal it shows progress on (goal id).", metavar="GOAL"),
]
ScorecardOption = Annotated[
    bool | None,
    typer.Option(
        "--scorecard/--no-scorecard",
        help="Whether it counts towards the scorecard's cap on metrics. Default: it does.",
        show_default=False,
    ),
]
BaselineOption = Annotated[
    str | None,
    typer.Option(
        "--baseline", help="The value it started from (with --baseline-date).", metavar="VALUE"
    ),
]
BaselineDateOption = Annotated[
    str | None,
    typer.Option(
        "--baseline-date", help="The day the baseline was measured (YYYY-MM-DD).", metavar="DATE"
    ),
]
BaselineNoteOption = Annotated[
    str | None, typer.Option("--baseline-note", help="A note on the baseline (its source).")
]
TargetOption = Annotated[
    str | None,
    typer.Option("--target", help="The value aimed for (with --by).", metavar="VALUE"),
]
ByOption = Annotated[
    str | None,
    typer.Option("--by", help="The day the target should be reached (YYYY-MM-DD).", metavar="DATE"),
]
TargetNoteOption = Annotated[
    str | None, typer.Option("--target-note", help="A note on the target (who set it, why).")
]


@edit_command(metric_app, "add")
def add_command(
    metric_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new metric's id, e.g. `vsv`.")
    ],
    name: Annotated[str, typer.Option("--name", help="What is measured, in a few words.")],
    perspective: Annotated[
        Perspective, typer.Option("--perspective", help="Balanced-scorecard perspective.")
    ],
    accountability: Annotated[
        Accountability,
        typer.Option(
            "--accountability",
            help="`population`: the whole group's condition; `performance`: our programmes.",
        ),
    ],
    kind: Annotated[
        MetricKind,
        typer.Option(
            "--kind", help="Results-based accountability: how much, how well, better off."
        ),
    ],
    unit: Annotated[
        str, typer.Option("--unit", help="What a value counts: `%`, `people`, `euros`...")
    ],
    direction: Annotated[
        Direction, typer.Option("--direction", help="Which way is better: up or down.")
    ],
    owner: Annotated[
        str,
        typer.Option(
            "--owner", help="The partner that keeps the data (partner id).", metavar="PARTNER"
        ),
    ],
    cadence: Annotated[Cadence, typer.Option("--cadence", help="How often it is measured.")],
    description: DescriptionOption = None,
    goal: GoalOption = None,
    baseline: BaselineOption = None,
    baseline_date: BaselineDateOption = None,
    baseline_note: BaselineNoteOption = None,
    target: TargetOption = None,
    target_date: ByOption = None,
    target_note: TargetNoteOption = None,
    scorecard: ScorecardOption = None,
) -> PlanFor:
    """Add a metric at the end of metrics.yaml; every other line stays as it was.

    Every field of the model has its option. Numbers are read as the
    partnership writes them (9,1 in a Dutch one).
    """
    from msctool.edits.metrics import MetricFields, add_metric

    fields = MetricFields(
        name=name,
        description=description,
        perspective=perspective,
        accountability=accountability,
        kind=kind,
        unit=unit,
        direction=direction,
        owner=owner,
        cadence=cadence,
        goal=goal,
        scorecard=scorecard,
        baseline=baseline,
        baseline_date=parse_day(baseline_date, "--baseline-date"),
        baseline_note=baseline_note,
        target=target,
        target_date=parse_day(target_date, "--by"),
        target_note=target_note,
    )
    return lambda root: add_metric(root, metric_id, fields)


MetricId = Annotated[str, typer.Argument(metavar="METRIC", help="The metric's id.")]


@edit_command(metric_app, "edit")
def edit_fields_command(
    metric: MetricId,
    name: NameOption = None,
    description: DescriptionOption = None,
    perspective: Annotated[
        Perspective | None, typer.Option("--perspective", help="Balanced-scorecard perspective.")
    ] = None,
    accountability: Annotated[
        Accountability | None,
        typer.Option("--accountability", help="`population` or `performance`."),
    ] = None,
    kind: Annotated[
        MetricKind | None, typer.Option("--kind", help="how-much, how-well or better-off.")
    ] = None,
    unit: UnitOption = None,
    direction: Annotated[
        Direction | None, typer.Option("--direction", help="Which way is better: up or down.")
    ] = None,
    owner: OwnerOption = None,
    cadence: Annotated[
        Cadence | None, typer.Option("--cadence", help="How often it is measured.")
    ] = None,
    goal: GoalOption = None,
    baseline: BaselineOption = None,
    baseline_date: BaselineDateOption = None,
    baseline_note: BaselineNoteOption = None,
    target: TargetOption = None,
    target_date: ByOption = None,
    target_note: TargetNoteOption = None,
    scorecard: ScorecardOption = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="Take an optional field out: description, baseline, target or goal (repeatable).",
            metavar="FIELD",
        ),
    ] = None,
) -> PlanFor:
    """Change fields of a metric in metrics.yaml: each value in its place, comments kept.

    A baseline or target keeps the parts not given (--baseline-date alone moves
    only its date). To move a target, `msc metric target` says it in one go.
    """
    from msctool.edits.metrics import MetricFields, edit_metric

    fields = MetricFields(
        name=name,
        description=description,
        perspective=perspective,
        accountability=accountability,
        kind=kind,
        unit=unit,
        direction=direction,
        owner=owner,
        cadence=cadence,
        goal=goal,
        scorecard=scorecard,
        baseline=baseline,
        baseline_date=parse_day(baseline_date, "--baseline-date"),
        baseline_note=baseline_note,
        target=target,
        target_date=parse_day(target_date, "--by"),
        target_note=target_note,
    )
    return lambda root: edit_metric(root, metric, fields, tuple(clear or ()))


@edit_command(metric_app, "target")
def target_command(
    metric: MetricId,
    value: Annotated[
        str,
        typer.Argument(
            metavar="VALUE",
            help="The value aimed for, e.g. 8.5 (in a Dutch partnership 8,5).",
        ),
    ],
    by: Annotated[
        str,
        typer.Option("--by", help="The day it should be reached (YYYY-MM-DD).", metavar="DATE"),
    ],
    note: Annotated[
        str | None,
        typer.Option("--note", help="Why the target moved, or who set it (replaces the old note)."),
    ] = None,
) -> PlanFor:
    """Set or move a metric's target: its value and date, replaced in place.

    `msc changes` and the next newsletter tell it as a moved target, with the
    old one beside it.
    """
    from msctool.edits.metrics import move_target

    day = day_option(by, "--by")
    return lambda root: move_target(root, metric, value, day, note)
