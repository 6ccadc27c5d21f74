"""``msc activity``: add activities and reassign them, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, edit_command
from msctool.cli.options import parse_day
from msctool.model.vocabulary import ActivityStatus, Work

activity_app = typer.Typer(
    help="Add an activity to the RACI in activities.yaml, or change who does what.",
    no_args_is_help=True,
)


ActivityId = Annotated[str, typer.Argument(metavar="ID", help="The activity's id.")]


ResponsibleOption = Annotated[
    list[str] | None,
    typer.Option(
        "--responsible", help="A partner who does the work (repeatable).", metavar="PARTNER"
    ),
]
ConsultedOption = Annotated[
    list[str] | None,
    typer.Option(
        "--consulted", help="A partner asked for its view (repeatable).", metavar="PARTNER"
    ),
]
InformedOption = Annotated[
    list[str] | None,
    typer.Option("--informed", help="A partner kept up to date (repeatable).", metavar="PARTNER"),
]


@edit_command(activity_app, "add")
def add_command(
    activity_id: ActivityId,
    name: Annotated[str, typer.Option("--name", help="What the activity is, in a few words.")],
    body: Annotated[
        str,
        typer.Option("--body", help="Governance body that steers it (body id).", metavar="BODY"),
    ],
    accountable: Annotated[
        str,
        typer.Option(
            "--accountable", help="The one partner who answers for it.", metavar="PARTNER"
        ),
    ],
    goal: Annotated[
        str | None, typer.Option("--goal", help="Goal it serves (goal id).", metavar="GOAL")
    ] = None,
    work: Annotated[
        Work,
        typer.Option("--work", help="`in`: work on the mission; `on`: work on the partnership."),
    ] = "in",
    status: Annotated[
        ActivityStatus | None, typer.Option("--status", help="Default (when left out): active.")
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Day it starts (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="A few sentences about it.")
    ] = None,
    responsible: ResponsibleOption = None,
    consulted: ConsultedOption = None,
    informed: InformedOption = None,
) -> PlanFor:
    """Add an activity at the end of activities.yaml; every other line stays as it was."""
    from msctool.edits.activities import NewActivity, add_activity

    new = NewActivity(
        id=activity_id,
        name=name,
        body=body,
        accountable=accountable,
        work=work,
        goal=goal,
        description=description,
        status=status,
        start=parse_day(start, "--start"),
        responsible=tuple(responsible or ()),
        consulted=tuple(consulted or ()),
        informed=tuple(informed or ()),
    )
    return lambda root: add_activity(root, new)


@edit_command(activity_app, "assign")
def assign_command(
    activity_id: ActivityId,
    accountable: Annotated[
        str | None,
        typer.Option(
            "--accountable", help="The partner who answers for it from now on.", metavar="PARTNER"
        ),
    ] = None,
    responsible: ResponsibleOption = None,
    consulted: ConsultedOption = None,
    informed: InformedOption = None,
    remove: Annotated[
        list[str] | None,
        typer.Option(
            "--remove",
            help="Take a partner off the responsible, consulted and informed lists (repeatable).",
            metavar="PARTNER",
        ),
    ] = None,
) -> PlanFor:
    """Change who does what: a new accountable partner replaces the old one;
    --responsible, --consulted and --informed add partners to those lists;
    --remove takes a partner off them."""
    from msctool.edits.activities import Assignment, assign

    change = Assignment(
        accountable=accountable,
        responsible=tuple(responsible or ()),
        consulted=tuple(consulted or ()),
        informed=tuple(informed or ()),
        remove=tuple(remove or ()),
    )
    return lambda root: assign(root, activity_id, change)
