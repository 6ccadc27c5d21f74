"""``msc segment``: add a segment of the target population, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, edit_command

segment_app = typer.Typer(
    help="Add a segment of the target population to partnership.yaml.",
    no_args_is_help=True,
)


@edit_command(segment_app, "add")
def add_command(
    segment_id: Annotated[
        str, typer.Argument(metavar="SEGMENT", help="The segment's id, e.g. `care-leavers`.")
    ],
    name: Annotated[str, typer.Option("--name", help="Who they are, in a few words.")],
    description: Annotated[
        str | None, typer.Option("--description", help="Who belongs to it, in a sentence.")
    ] = None,
    size: Annotated[
        int | None, typer.Option("--size", help="About how many people.", min=0)
    ] = None,
) -> PlanFor:
    """Add a segment at the end of `target_population.segments:` in partnership.yaml.

    Engagements and ROI outcomes name segments by id.
    """
    from msctool.edits.goals import NewSegment, add_segment

    new = NewSegment(segment_id, name, description, size)
    return lambda root: add_segment(root, new)
