"""``msc partner``: add partners and record that one left, keeping every comment."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.model.vocabulary import GiftKind, Sector, spoken

partner_app = typer.Typer(
    help="Add a partner to partners.yaml, or record that one left. Comments and layout stay.",
    no_args_is_help=True,
)


PartnerId = Annotated[str, typer.Argument(metavar="ID", help="The partner's id, e.g. `codewerf`.")]


@edit_command(partner_app, "add")
def add_command(
    partner_id: PartnerId,
    name: Annotated[str, typer.Option("--name", help="Full name of the organisation.")],
    sector: Annotated[Sector, typer.Option("--sector", help="Which sector it is from.")],
    joined: Annotated[
        str | None,
        typer.Option(
            "--joined", help="Day it joined (YYYY-MM-DD). Default: today.", metavar="DATE"
        ),
    ] = None,
    website: Annotated[str | None, typer.Option("--website", help="Its web address.")] = None,
    representative: Annotated[
        list[str] | None,
        typer.Option(
            "--representative",
            help="Name of a person who represents it (repeatable).",
            metavar="NAME",
        ),
    ] = None,
    gives: Annotated[
        list[str] | None,
        typer.Option(
            "--gives",
            help=f"What it gives, as KIND: DESCRIPTION; KIND is {spoken(GiftKind)} (repeatable).",
            metavar="KIND: TEXT",
        ),
    ] = None,
    gets: Annotated[
        list[str] | None,
        typer.Option("--gets", help="What it gets back (repeatable).", metavar="TEXT"),
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help="Private notes of the backbone about it.")
    ] = None,
) -> PlanFor:
    """Add a partner at the end of partners.yaml; every other line stays as it was."""
    from msctool.edits.partners import NewPartner, add_partner

    new = NewPartner(
        id=partner_id,
        name=name,
        sector=sector,
        joined=day_option(joined, "--joined"),
        website=website,
        representatives=tuple(representative or ()),
        gives=tuple(gives or ()),
        gets=tuple(gets or ()),
        notes=notes,
    )
    return lambda root: add_partner(root, new)


@edit_command(partner_app, "leave")
def leave_command(
    partner_id: PartnerId,
    day: Annotated[
        str | None,
        typer.Option("--date", help="Day it left (YYYY-MM-DD). Default: today.", metavar="DATE"),
    ] = None,
) -> PlanFor:
    """Record that a partner left: `left: DATE` under its `joined:` line.

    The partner stays in partners.yaml, so history and old decisions that name
    it keep making sense.
    """
    from msctool.edits.partners import leave_partner

    return lambda root: leave_partner(root, partner_id, day_option(day, "--date"))
