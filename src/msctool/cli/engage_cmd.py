"""``msc engage``: record an engagement, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.model.vocabulary import Method

engage_app = typer.Typer(
    help="Record what the people you serve told you, and what changed, in engagement.yaml.",
    no_args_is_help=True,
)


@edit_command(engage_app, "add")
def add_command(
    engagement_id: Annotated[str, typer.Argument(metavar="ID", help="The engagement's id.")],
    title: Annotated[str, typer.Option("--title", help="What it was, in a few words.")],
    method: Annotated[Method, typer.Option("--method", help="How you listened.")],
    segment: Annotated[
        list[str],
        typer.Option(
            "--segment",
            help="Segment id of who took part (repeatable; at least one).",
            metavar="SEGMENT",
        ),
    ],
    participants: Annotated[
        str,
        typer.Option(
            "--participants",
            help="How many people took part (a whole number, e.g. 40; read like every typed "
            "number, so 1.004 in a Dutch partnership is refused as 1004 or 1.004).",
            metavar="N",
        ),
    ],
    heard: Annotated[
        list[str],
        typer.Option(
            "--heard", help="What people told you (repeatable; at least one).", metavar="TEXT"
        ),
    ],
    changed: Annotated[
        list[str] | None,
        typer.Option(
            "--changed", help="What you changed because of it (repeatable).", metavar="TEXT"
        ),
    ] = None,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Day it took place (YYYY-MM-DD). Default: today.", metavar="DATE"
        ),
    ] = None,
    led_by: Annotated[
        str | None, typer.Option("--led-by", help="Partner who led it.", metavar="PARTNER")
    ] = None,
    notes: Annotated[str | None, typer.Option("--notes", help="Private facilitator notes.")] = None,
) -> PlanFor:
    """Add an engagement at the end of engagement.yaml (made when missing)."""
    from msctool.edits.engagements import NewEngagement, add_engagement

    new = NewEngagement(
        id=engagement_id,
        title=title,
        date=day_option(day, "--date"),
        method=method,
        segments=tuple(segment),
        participants=participants,
        heard=tuple(heard),
        changed=tuple(changed or ()),
        led_by=led_by,
        notes=notes,
    )
    return lambda root: add_engagement(root, new)
