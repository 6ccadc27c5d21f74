"""``msc body``: governance bodies, their members and how they decide, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.model.vocabulary import BodyKind, Cadence, DecisionRule

body_app = typer.Typer(
    help="Add a governance body, change its members, or change how it decides.",
    no_args_is_help=True,
)
member_app = typer.Typer(
    help="Add partners to a body's members, or take them out (with their seats).",
    no_args_is_help=True,
)
body_app.add_typer(member_app, name="member")

BodyId = Annotated[str, typer.Argument(metavar="BODY", help="The body's id, e.g. `steering`.")]
Partners = Annotated[
    list[str], typer.Argument(metavar="PARTNER...", help="Partner ids (one or more).")
]
LeadOption = Annotated[
    str | None,
    typer.Option(
        "--lead", help="The member who leads (decides, for lead-decides).", metavar="PARTNER"
    ),
]
MeetsOption = Annotated[Cadence | None, typer.Option("--meets", help="How often it meets.")]
MandateOption = Annotated[
    str | None, typer.Option("--mandate", help="What this body decides about.")
]


@edit_command(body_app, "add")
def add_command(
    body_id: BodyId,
    name: Annotated[str, typer.Option("--name", help="The body's full name.")],
    kind: Annotated[BodyKind, typer.Option("--kind", help="What kind of body it is.")],
    rule: Annotated[DecisionRule | None, typer.Option("--rule", help="How it decides.")] = None,
    lead: LeadOption = None,
    member: Annotated[
        list[str] | None,
        typer.Option("--member", help="A member partner (repeatable).", metavar="PARTNER"),
    ] = None,
    meets: MeetsOption = None,
    mandate: MandateOption = None,
) -> PlanFor:
    """Add a governance body at the end of `bodies:` in partnership.yaml.

    Its lead is one of its members (added to them when not listed).
    """
    from msctool.edits.bodies import NewBody, add_body

    new = NewBody(body_id, name, kind, rule, lead, tuple(member or ()), meets, mandate)
    return lambda root: add_body(root, new)


@edit_command(body_app, "edit")
def edit_command_(
    body_id: BodyId,
    name: Annotated[str | None, typer.Option("--name", help="The body's full name.")] = None,
    kind: Annotated[
        BodyKind | None, typer.Option("--kind", help="What kind of body it is.")
    ] = None,
    lead: LeadOption = None,
    meets: MeetsOption = None,
    mandate: MandateOption = None,
) -> PlanFor:
    """Change a body's name, kind, lead, meetings or mandate (its rule: `msc body rule`)."""
    from msctool.edits.bodies import BodyChange, edit_body

    change = BodyChange(name, kind, lead, meets, mandate)
    return lambda root: edit_body(root, body_id, change)


@edit_command(body_app, "rule")
def rule_command(
    body_id: BodyId,
    rule: Annotated[
        DecisionRule, typer.Argument(metavar="RULE", help="How it decides from now on.")
    ],
    lead: LeadOption = None,
    record: Annotated[
        bool,
        typer.Option(
            "--record",
            help="Record the change as an accepted decision of the body, in the same change "
            "(and commit).",
        ),
    ] = False,
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Day of the decision (YYYY-MM-DD). Default: today.", metavar="DATE"
        ),
    ] = None,
    message: Annotated[
        str | None,
        typer.Option("--message", "-m", help="Why, for the decision record (Markdown)."),
    ] = None,
) -> PlanFor:
    """Change how a body decides: `decision_rule:` in partnership.yaml.

    A rule change is a decision of its own: with --record the decision record
    is written (and committed) with it; without, msc says how to record it.
    """
    from msctool.edits.bodyrule import RuleChange, change_rule

    change = RuleChange(rule, day_option(day, "--date"), lead, record, message)
    return lambda root: change_rule(root, body_id, change)


@edit_command(member_app, "add")
def member_add_command(body_id: BodyId, partner_id: Partners) -> PlanFor:
    """Add current partners to a body's `members:` list."""
    from msctool.edits.bodies import add_members

    return lambda root: add_members(root, body_id, tuple(partner_id))


@edit_command(member_app, "remove")
def member_remove_command(body_id: BodyId, partner_id: Partners) -> PlanFor:
    """Take partners out of a body's `members:` list, and their representatives' seats in
    it (partners.yaml), in one change. The lead stays until another is named."""
    from msctool.edits.bodies import remove_members

    return lambda root: remove_members(root, body_id, tuple(partner_id))
