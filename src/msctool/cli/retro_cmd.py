"""``msc retro new``: a retrospective agenda with the facts already in it;
``msc retro actions``: the open action items of every retrospective;
``msc retro done``: tick one in its file."""

from __future__ import annotations

import sys
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msctool.cli.edit_output import PlanFor, edit_command
from msctool.cli.locking import writing
from msctool.cli.options import DirOption, OutputOption, QuietOption, day_or_today
from msctool.cli.output import shown
from msctool.cli.render_options import LanguageOption
from msctool.errors import UsageError
from msctool.model.vocabulary import ReportFormat, RetroKind

if TYPE_CHECKING:
    from msctool.render.retro.actionlist import ActionList

retro_app = typer.Typer(
    help="Plan retrospectives: agendas with the facts since the last one in them; follow "
    "up their action items.",
    no_args_is_help=True,
)


KindOption = Annotated[
    RetroKind,
    typer.Option(
        "--kind",
        "-k",
        help="after-action: the four questions; premortem: imagine it failed a year "
        "from now; appreciative: discover, dream, design, deliver.",
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        "--as-of",
        help="Day of the retrospective (YYYY-MM-DD); the facts are as of this day. Default: today.",
        metavar="DATE",
        show_default=False,
    ),
]
TopicOption = Annotated[
    str | None,
    typer.Option("--topic", help="What it is about: shown in the title and the purpose."),
]
TimeOption = Annotated[
    str,
    typer.Option("--time", help="Start time, local clock time (HH:MM).", metavar="HH:MM"),
]
IcsOption = Annotated[
    bool,
    typer.Option(
        "--ics",
        help="Also write a calendar invite next to the agenda (.ics, at the local "
        "clock time, no time zone).",
    ),
]


@retro_app.command("new")
def new_command(
    kind: KindOption = "after-action",
    day: DateOption = None,
    topic: TopicOption = None,
    start: TimeOption = "14:00",
    ics: IcsOption = False,
    output: OutputOption = None,
    dir_option: DirOption = None,
    language: LanguageOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write retros/YYYY-MM-DD-KIND.md: an agenda with the facts since the last retrospective.

    The facts are the decisions, metric movements and engagements since the
    newest earlier file in retros/ (or the last three months), and its open
    action items, carried forward. The agenda never replaces an existing
    retrospective file, which may hold notes; there is no --force: pick another
    --date or --kind, or move the file away.
    """
    from msctool.render.retro.agenda import kind_of
    from msctool.render.retro.plan import plan_retro
    from msctool.render.retro.write import write_retro
    from msctool.render.setup import prepare

    if ics and output == "-":
        raise UsageError("--ics needs a file", hint="leave out -o -, or leave out --ics")
    with writing(dir_option, output):
        setup = prepare(
            dir_option or Path.cwd(), language=language, as_of=day_or_today(day, "--date")
        )
        retro = plan_retro(setup, kind_of(kind), topic=topic, start=parse_clock(start))
        if output == "-":
            sys.stdout.write(retro.markdown)
            paths = []
        else:
            paths = write_retro(retro, ics=ics, output=Path(output) if output else None)
    for note in retro.notes:
        sys.stderr.write(f"note: {note}\n")
    for path in [] if quiet else paths:
        typer.echo(f"wrote {shown(path)}")


def parse_clock(value: str) -> time:
    """An HH:MM option value; a usage error otherwise."""
    try:
        hours, minutes = value.split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise UsageError(
            f"--time: `{value}` is not a time", hint="write the time as HH:MM, e.g. 14:00"
        ) from None


@retro_app.command("actions")
def actions_command(
    everything: Annotated[
        bool, typer.Option("--all", help="Also the items that are done or dropped.")
    ] = False,
    day: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Day to measure overdue items against (YYYY-MM-DD). Default: today.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        ReportFormat, typer.Option("--format", help="Output format.")
    ] = "text",
    dir_option: DirOption = None,
) -> None:
    """List the open action items of every retrospective: owner, due day, overdue.

    An action carried forward into a later retrospective is listed once, as the
    newest file that holds it says. ITEM (first column) is what `msc retro done`
    takes. Overdue items come first.
    """
    from msctool.cli.options import pick_dir
    from msctool.render.retro.actionlist import list_actions

    found = list_actions(pick_dir(dir_option), day_or_today(day, "--as-of"), everything=everything)
    for note in found.notes:
        sys.stderr.write(f"msc: note: {note}\n")
    sys.stdout.write(_actions_text(found, output_format))


def _actions_text(found: ActionList, output_format: str) -> str:
    from msctool.render.retro.actionlist import as_json, as_markdown, as_text

    formats = {"json": as_json, "md": as_markdown, "text": as_text}
    return formats[output_format](found)


@edit_command(retro_app, "done")
def done_command(
    item: Annotated[
        str,
        typer.Argument(
            metavar="ITEM",
            help="The item as `msc retro actions` shows it (2026-10-01-after-action:74), "
            "or words of the action.",
        ),
    ],
) -> PlanFor:
    """Tick an action item as done in the retrospective it lives in.

    `- [ ]` becomes `- [x]`; in a table, `[x]` goes before the action. Every
    other line stays as it was.
    """
    from msctool.edits.retroactions import tick_action

    return lambda root: tick_action(root, item)
