"""``msc goal``: add goals to partnership.yaml or change them, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, edit_command

goal_app = typer.Typer(
    help="Add a goal to partnership.yaml, or change its title or description.",
    no_args_is_help=True,
)

GoalId = Annotated[str, typer.Argument(metavar="GOAL", help="The goal's id, e.g. `work`.")]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="What reaching the goal looks like.")
]


@edit_command(goal_app, "add")
def add_command(
    goal_id: GoalId,
    title: Annotated[str, typer.Option("--title", help="The goal in a few words.")],
    description: DescriptionOption = None,
) -> PlanFor:
    """Add a goal at the end of `goals:` in partnership.yaml."""
    from msctool.edits.goals import NewGoal, add_goal

    new = NewGoal(goal_id, title, description)
    return lambda root: add_goal(root, new)


@edit_command(goal_app, "edit")
def edit_command_(
    goal_id: GoalId,
    title: Annotated[str | None, typer.Option("--title", help="The goal in a few words.")] = None,
    description: DescriptionOption = None,
) -> PlanFor:
    """Change a goal's title or description; its id, which others name, stays."""
    from msctool.edits.goals import GoalChange, edit_goal

    change = GoalChange(title, description)
    return lambda root: edit_goal(root, goal_id, change)
