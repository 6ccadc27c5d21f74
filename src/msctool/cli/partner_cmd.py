"""``msc partner``: add, edit, rename partners and their representatives, record that
one left; every comment stays."""

from __future__ import annotations

from typing import Annotated

import typer

from msctool.cli.edit_output import PlanFor, day_option, edit_command
from msctool.model.vocabulary import GiftKind, Per, Sector, spoken

partner_app = typer.Typer(
    help="Add, edit or rename a partner, change its representatives, record that it left.",
    no_args_is_help=True,
)
rep_app = typer.Typer(
    help="Add, change or remove the people who represent a partner, with their body seats.",
    no_args_is_help=True,
)
partner_app.add_typer(rep_app, name="rep")


PartnerId = Annotated[str, typer.Argument(metavar="ID", help="The partner's id, e.g. `codewerf`.")]
PartnerOf = Annotated[str, typer.Argument(metavar="PARTNER", help="The partner's id.")]


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
            help=f"What it gives, as KIND [AMOUNT[/PER]]: DESCRIPTION; KIND is {spoken(GiftKind)}, "
            f"PER is {spoken(Per)} (default year), e.g. `hours 320/year: Two coaches` (repeatable).",
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
    it keep making sense. It is taken out of the members of every body and its
    representatives give up their body seats (the command says which); while it
    leads a body, nothing is written until another partner leads it.
    """
    from msctool.edits.partners import leave_partner

    return lambda root: leave_partner(root, partner_id, day_option(day, "--date"))


@edit_command(partner_app, "rename")
def rename_command(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The partner's id now.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="Its new id, e.g. `ggd-utrecht`.")],
    name: Annotated[
        str | None, typer.Option("--name", help="Its new full name, at the same time.")
    ] = None,
) -> PlanFor:
    """Give a partner a new id, in every file that names it, in one change.

    RACI roles, body leads and members, metric owners, ROI inputs, engagements and
    the front matter of decision records all follow. With --commit, the commit has
    the trailer `Renamed: OLD -> NEW`, so `msc changes` and the newsletter tell a
    rename, not a partner leaving and another joining.
    """
    from msctool.edits.partnersrename import rename_partner

    return lambda root: rename_partner(root, old, new, name)


Clear = "; an empty text takes it out"


@edit_command(partner_app, "edit")
def edit_command_(
    partner: PartnerOf,
    name: Annotated[str | None, typer.Option("--name", help="Full name.")] = None,
    sector: Annotated[Sector | None, typer.Option("--sector", help="Its sector.")] = None,
    website: Annotated[
        str | None, typer.Option("--website", help=f"Its web address{Clear}.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", help=f"Private notes of the backbone{Clear}.")
    ] = None,
    add_gives: Annotated[
        list[str] | None,
        typer.Option(
            "--add-gives",
            help="Something it gives, as KIND [AMOUNT[/PER]]: DESCRIPTION (repeatable).",
            metavar="KIND: TEXT",
        ),
    ] = None,
    set_gives: Annotated[
        list[str] | None,
        typer.Option(
            "--set-gives",
            help="New kind, amount and period of a gift it gives already, found by its "
            "description: KIND [AMOUNT[/PER]]: DESCRIPTION (repeatable).",
            metavar="KIND: TEXT",
        ),
    ] = None,
    remove_gives: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-gives", help="Description of a gift to take out (repeatable).", metavar="TEXT"
        ),
    ] = None,
    add_gets: Annotated[
        list[str] | None,
        typer.Option("--add-gets", help="Something it gets back (repeatable).", metavar="TEXT"),
    ] = None,
    remove_gets: Annotated[
        list[str] | None,
        typer.Option(
            "--remove-gets",
            help="Description of a benefit to take out (repeatable).",
            metavar="TEXT",
        ),
    ] = None,
) -> PlanFor:
    """Change a partner's name, sector, website, notes, or what it gives and gets.

    Each value is changed in its own line; a comment after it stays.
    """
    from msctool.edits.partnersedit import PartnerChanges, edit_partner

    changes = PartnerChanges(
        name=name,
        sector=sector,
        website=website,
        notes=notes,
        add_gives=tuple(add_gives or ()),
        remove_gives=tuple(remove_gives or ()),
        set_gives=tuple(set_gives or ()),
        add_gets=tuple(add_gets or ()),
        remove_gets=tuple(remove_gets or ()),
    )
    return lambda root: edit_partner(root, partner, changes)


RepName = Annotated[
    str, typer.Argument(metavar="NAME", help="The person's name, as in partners.yaml.")
]
RoleOption = Annotated[str | None, typer.Option("--role", help=f"Their role{Clear}.")]
EmailOption = Annotated[
    str | None, typer.Option("--email", help=f"E-mail address (private){Clear}.")
]
PhoneOption = Annotated[str | None, typer.Option("--phone", help=f"Phone number (private){Clear}.")]
SeatOption = Annotated[
    list[str] | None,
    typer.Option("--seat", help="Id of a body they sit in (repeatable).", metavar="BODY"),
]


@edit_command(rep_app, "add")
def rep_add_command(
    partner: PartnerOf,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The person's name.")],
    role: RoleOption = None,
    email: EmailOption = None,
    phone: PhoneOption = None,
    seat: SeatOption = None,
) -> PlanFor:
    """Add a person who represents a partner, with their role, contact and body seats."""
    from msctool.edits.partnersreps import RepChanges, add_representative

    rep = RepChanges(role=role, email=email, phone=phone, seats=tuple(seat or ()))
    return lambda root: add_representative(root, partner, name, rep)


@edit_command(rep_app, "edit")
def rep_edit_command(
    partner: PartnerOf,
    person: RepName,
    new_name: Annotated[str | None, typer.Option("--name", help="Their name, spelt anew.")] = None,
    role: RoleOption = None,
    email: EmailOption = None,
    phone: PhoneOption = None,
    seat: SeatOption = None,
    unseat: Annotated[
        list[str] | None,
        typer.Option(
            "--unseat", help="Id of a body whose seat they give up (repeatable).", metavar="BODY"
        ),
    ] = None,
) -> PlanFor:
    """Change a representative's name, role, contact or body seats."""
    from msctool.edits.partnersreps import RepChanges, edit_representative

    rep = RepChanges(
        name=new_name,
        role=role,
        email=email,
        phone=phone,
        seats=tuple(seat or ()),
        unseat=tuple(unseat or ()),
    )
    return lambda root: edit_representative(root, partner, person, rep)


@edit_command(rep_app, "remove")
def rep_remove_command(partner: PartnerOf, person: RepName) -> PlanFor:
    """Take a person out of a partner's representatives (with their body seats)."""
    from msctool.edits.partnersreps import remove_representative

    return lambda root: remove_representative(root, partner, person)
