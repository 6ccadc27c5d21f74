"""``msc partner``: add partners and record that one left, keeping every comment."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from msctool.cli.edit_output import CommitOption, DryRunOption, day_option, root_of, run_plan
from msctool.cli.errors import handled
from msctool.cli.options import DebugOption, DirOption, QuietOption

partner_app = typer.Typer(
    help="Add a partner to partners.yaml, or record that one left. Comments and layout stay.",
    no_args_is_help=True,
)


class SectorChoice(StrEnum):
    public = "public"
    private = "private"
    civil = "civil"


PartnerId = Annotated[str, typer.Argument(metavar="ID", help="The partner's id, e.g. `codewerf`.")]


@partner_app.command("add")
def add_command(
    partner_id: PartnerId,
    name: Annotated[str, typer.Option("--name", help="Full name of the organisation.")],
    sector: Annotated[SectorChoice, typer.Option("--sector", help="Which sector it is from.")],
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
            help="What it gives, as KIND: DESCRIPTION; KIND is money, hours, in-kind or "
            "expertise (repeatable).",
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
    commit: CommitOption = False,
    dry_run: DryRunOption = False,
    dir_option: DirOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Add a partner at the end of partners.yaml; every other line stays as it was."""
    with handled(debug):
        from msctool.edits.partners import NewPartner, add_partner

        new = NewPartner(
            id=partner_id,
            name=name,
            sector=sector.value,
            joined=day_option(joined, "--joined"),
            website=website,
            representatives=tuple(representative or ()),
            gives=tuple(gives or ()),
            gets=tuple(gets or ()),
            notes=notes,
        )
        plan = add_partner(root_of(dir_option), new)
        run_plan(plan, commit=commit, dry_run=dry_run, quiet=quiet)


@partner_app.command("leave")
def leave_command(
    partner_id: PartnerId,
    day: Annotated[
        str | None,
        typer.Option("--date", help="Day it left (YYYY-MM-DD). Default: today.", metavar="DATE"),
    ] = None,
    commit: CommitOption = False,
    dry_run: DryRunOption = False,
    dir_option: DirOption = None,
    quiet: QuietOption = False,
    debug: DebugOption = False,
) -> None:
    """Record that a partner left: `left: DATE` under its `joined:` line.

    The partner stays in partners.yaml, so history and old decisions that name
    it keep making sense.
    """
    with handled(debug):
        from msctool.edits.partners import leave_partner

        plan = leave_partner(root_of(dir_option), partner_id, day_option(day, "--date"))
        run_plan(plan, commit=commit, dry_run=dry_run, quiet=quiet)


def register(app: typer.Typer) -> None:
    app.add_typer(partner_app, name="partner")
