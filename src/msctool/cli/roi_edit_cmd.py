"""``msc roi input add|edit`` and ``msc roi outcome add|edit``: edit roi.yaml, keeping
every comment. (``msc render roi`` tells the ROI story; that is :mod:`roi_cmd`.)"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from msctool.cli.edit_output import PlanFor, edit_command
from msctool.model.vocabulary import InputKind, spoken

roi_app = typer.Typer(
    help="Add and change the inputs and outcomes of the social return on investment in roi.yaml.",
    no_args_is_help=True,
)
input_app = typer.Typer(
    help="Add or change what a partner put in: money, in-kind or hours.", no_args_is_help=True
)
outcome_app = typer.Typer(
    help="Add or change an outcome, valued with a financial proxy.", no_args_is_help=True
)
roi_app.add_typer(input_app, name="input")
roi_app.add_typer(outcome_app, name="outcome")

Partner = Annotated[
    str, typer.Argument(metavar="PARTNER", help="The partner that put it in (partner id).")
]
DescriptionOption = Annotated[
    str | None, typer.Option("--description", help="What it was, in a few words.")
]
OutcomesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--outcome",
        help="An outcome it contributed to (repeatable; replaces the list). Default: the "
        "outcomes of the metrics the partner keeps and the goals it works on.",
        metavar="OUTCOME",
    ),
]
AmountHelp = "Money in the ROI currency, or hours for `hours`."


@edit_command(input_app, "add")
def input_add_command(
    partner: Partner,
    kind: Annotated[InputKind, typer.Option("--kind", help=f"{spoken(InputKind)}.")],
    amount: Annotated[str, typer.Option("--amount", help=AmountHelp, metavar="NUMBER")],
    description: DescriptionOption = None,
    outcomes: OutcomesOption = None,
) -> PlanFor:
    """Add what a partner put in at the end of the inputs in roi.yaml."""
    from msctool.edits.roi import InputFields, add_input

    fields = InputFields(kind, amount, description, tuple(outcomes) if outcomes else None)
    return lambda root: add_input(root, partner, fields)


@edit_command(input_app, "edit")
def input_edit_command(
    partner: Partner,
    number: Annotated[
        int | None,
        typer.Option(
            "--input",
            help="Which of the partner's inputs (1, 2, ... in the file's order), when it has "
            "several.",
            metavar="N",
        ),
    ] = None,
    kind: Annotated[InputKind | None, typer.Option("--kind", help=f"{spoken(InputKind)}.")] = None,
    amount: Annotated[
        str | None, typer.Option("--amount", help=AmountHelp, metavar="NUMBER")
    ] = None,
    description: DescriptionOption = None,
    outcomes: OutcomesOption = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="Take an optional field out: description or outcomes (repeatable).",
            metavar="FIELD",
        ),
    ] = None,
) -> PlanFor:
    """Change what a partner put in: each value in its place, comments kept."""
    from msctool.edits.roi import InputFields, edit_input

    fields = InputFields(kind, amount, description, tuple(outcomes) if outcomes else None)
    return lambda root: edit_input(root, partner, fields, number, tuple(clear or ()))


OutcomeId = Annotated[str, typer.Argument(metavar="ID", help="The outcome's id.")]


def _share(flag: str, what: str) -> Any:
    """The option of a share (deadweight, attribution...)."""
    return typer.Option(flag, help=f"{what}: 0 to 1, or a percentage (20%).", metavar="SHARE")


@edit_command(outcome_app, "add")
def outcome_add_command(
    outcome_id: OutcomeId,
    name: Annotated[str, typer.Option("--name", help="The change, in a few words.")],
    quantity: Annotated[
        str, typer.Option("--quantity", help="How many units changed.", metavar="NUMBER")
    ],
    unit: Annotated[str, typer.Option("--unit", help="What a unit is: `young people`...")],
    proxy: Annotated[
        str,
        typer.Option(
            "--proxy", help="Money per unit per year (the financial proxy).", metavar="NUMBER"
        ),
    ],
    proxy_source: Annotated[
        str, typer.Option("--proxy-source", help="Where the proxy's value comes from.")
    ],
    deadweight: Annotated[str, _share("--deadweight", "Share that would have happened anyway")],
    attribution: Annotated[str, _share("--attribution", "Share owed to others")],
    duration: Annotated[
        str, typer.Option("--duration", help="Years the outcome lasts (1 to 50).", metavar="YEARS")
    ],
    description: Annotated[
        str | None, typer.Option("--description", help="A few sentences about it.")
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric", help="The metric that evidences it (metric id).", metavar="METRIC"
        ),
    ] = None,
    segment: Annotated[
        str | None,
        typer.Option("--segment", help="Who benefits (segment id).", metavar="SEGMENT"),
    ] = None,
    displacement: Annotated[
        str | None, _share("--displacement", "Share that moved a problem elsewhere. Default 0")
    ] = None,
    drop_off: Annotated[
        str | None, _share("--drop-off", "Yearly decline after the first year. Default 0")
    ] = None,
    discount_rate: Annotated[
        str | None, _share("--discount-rate", "Overrides the file's discount rate")
    ] = None,
) -> PlanFor:
    """Add an outcome at the end of the outcomes in roi.yaml.

    Numbers are read as the partnership writes them (0,2 in a Dutch one);
    a share may be a percentage (20%).
    """
    from msctool.edits.roi import OutcomeFields, add_outcome

    fields = OutcomeFields(
        name=name,
        description=description,
        metric=metric,
        segment=segment,
        quantity=quantity,
        unit=unit,
        proxy=proxy,
        proxy_source=proxy_source,
        deadweight=deadweight,
        attribution=attribution,
        displacement=displacement,
        drop_off=drop_off,
        duration=duration,
        discount_rate=discount_rate,
    )
    return lambda root: add_outcome(root, outcome_id, fields)


@edit_command(outcome_app, "edit")
def outcome_edit_command(
    outcome_id: OutcomeId,
    name: Annotated[str | None, typer.Option("--name", help="The change, in a few words.")] = None,
    description: Annotated[
        str | None, typer.Option("--description", help="A few sentences about it.")
    ] = None,
    metric: Annotated[
        str | None,
        typer.Option(
            "--metric", help="The metric that evidences it (metric id).", metavar="METRIC"
        ),
    ] = None,
    segment: Annotated[
        str | None,
        typer.Option("--segment", help="Who benefits (segment id).", metavar="SEGMENT"),
    ] = None,
    quantity: Annotated[
        str | None, typer.Option("--quantity", help="How many units changed.", metavar="NUMBER")
    ] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="What a unit is.")] = None,
    proxy: Annotated[
        str | None,
        typer.Option(
            "--proxy", help="Money per unit per year (the financial proxy).", metavar="NUMBER"
        ),
    ] = None,
    proxy_source: Annotated[
        str | None, typer.Option("--proxy-source", help="Where the proxy's value comes from.")
    ] = None,
    deadweight: Annotated[
        str | None, _share("--deadweight", "Share that would have happened anyway")
    ] = None,
    attribution: Annotated[str | None, _share("--attribution", "Share owed to others")] = None,
    displacement: Annotated[
        str | None, _share("--displacement", "Share that moved a problem elsewhere")
    ] = None,
    drop_off: Annotated[str | None, _share("--drop-off", "Yearly decline after year one")] = None,
    duration: Annotated[
        str | None,
        typer.Option("--duration", help="Years the outcome lasts (1 to 50).", metavar="YEARS"),
    ] = None,
    discount_rate: Annotated[
        str | None, _share("--discount-rate", "Overrides the file's discount rate")
    ] = None,
    clear: Annotated[
        list[str] | None,
        typer.Option(
            "--clear",
            help="Take an optional field out: description, metric, segment, displacement, "
            "drop_off or discount_rate (repeatable).",
            metavar="FIELD",
        ),
    ] = None,
) -> PlanFor:
    """Change fields of an outcome in roi.yaml: each value in its place, comments kept."""
    from msctool.edits.roi import OutcomeFields, edit_outcome

    fields = OutcomeFields(
        name=name,
        description=description,
        metric=metric,
        segment=segment,
        quantity=quantity,
        unit=unit,
        proxy=proxy,
        proxy_source=proxy_source,
        deadweight=deadweight,
        attribution=attribution,
        displacement=displacement,
        drop_off=drop_off,
        duration=duration,
        discount_rate=discount_rate,
    )
    return lambda root: edit_outcome(root, outcome_id, fields, tuple(clear or ()))
