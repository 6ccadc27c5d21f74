"""``msc activity``: add activities, reassign them, change their status and fields,
keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.cli.options import parse_day
from msctool.model.vocabulary import ActivityStatus, Work, spoken

activity_app = typer.Typer(
    help="Add an activity to the RACI in activities.yaml, change who does what, its status "
    "or its fields.",
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


@edit_command(activity_app, "status")
def status_command(
    activity_id: ActivityId,
    status: Annotated[
        ActivityStatus,
        typer.Argument(metavar="STATUS", help=f"The new status: {spoken(ActivityStatus)}."),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Day of the change (YYYY-MM-DD): the start of an activity that becomes active, "
            "the end of one that is done or dropped. Default: today.",
            metavar="DATE",
        ),
    ] = None,
) -> PlanFor:
    """Change an activity's status; done or dropped also sets its end date.

    An activity that becomes active gets `start:` when it had none (or a later
    one); one opened again loses its `end:`.
    """
    from msctool.edits.activities import set_status

    return lambda root: set_status(root, activity_id, status, day_option(day, "--date"))


@edit_command(activity_app, "edit")
def edit_fields_command(
    activity_id: ActivityId,
    name: Annotated[
        str | None, typer.Option("--name", help="What the activity is, in a few words.")
    ] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="A few sentences about it.")
    ] = None,
    goal: Annotated[
        str | None, typer.Option("--goal", help="Goal it serves (goal id).", metavar="GOAL")
    ] = None,
    body: Annotated[
        str | None,
        typer.Option("--body", help="Governance body that steers it (body id).", metavar="BODY"),
    ] = None,
    work: Annotated[
        Work | None,
        typer.Option("--work", help="`in`: work on the mission; `on`: work on the partnership."),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--start", help="Day it starts (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--end", help="Day it ends (YYYY-MM-DD).", metavar="DATE")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="Take an optional field out: description, goal, start or end (repeatable).",
            metavar="FIELD",
        ),
    ] = None,
) -> PlanFor:
    """Change fields of an activity: each value in its place, comments kept.

    Who does what is `msc activity assign`; the status, `msc activity status`.
    """
    from msctool.edits.activities import ActivityFields, edit_activity

    fields = ActivityFields(
        name=name,
        description=description,
        goal=goal,
        body=body,
        work=work,
        start=parse_day(start, "--start"),
        end=parse_day(end, "--end"),
    )
    return lambda root: edit_activity(root, activity_id, fields, tuple(clear or ()))
