"""Social return on investment (SROI): the arithmetic, and nothing else.

Pure functions over frozen dataclasses: no files, no words, no formatting.
:func:`calculate_roi` takes a loaded ``roi.yaml`` (:class:`~msctool.model.RoiFile`)
and returns a :class:`Result`; :mod:`msctool.render.roi.story` tells it as a story.

Per outcome::

    impact      = quantity × financial proxy × (1 − deadweight)
                  × (1 − displacement) × (1 − attribution)
    value_1     = impact
    value_t     = value_(t−1) × (1 − drop-off)          for t = 2 … duration
    present     = Σ value_t / (1 + r)^t                  (t = 1 for year 1)

For the whole::

    inputs      = money + in-kind + hours × hourly rate
    NPV         = present value − inputs
    SROI ratio  = present value / inputs                 (undefined without inputs)
    payback     = inputs / (annual impact / 12) months   (annual impact: the year-1 values)

Per partner::

    value       = Σ over the outcomes its inputs contributed to:
                  present value × its inputs / all inputs that contributed to the outcome

The sensitivity analysis asks, for each assumption, how far it must move —
for every outcome at once — before the ratio reaches 1 : 1.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from msctool.model.roi import Outcome, RoiFile
from msctool.model.vocabulary import Assumption, InputKind, values

ASSUMPTIONS: tuple[Assumption, ...] = values(Assumption)
Scale = Literal["factor", "points", "years"]
"""How a change is measured: a relative change (−0.64 = 64 % less), fraction
points added to every outcome (0.25 = 25 points more), or whole years."""

SCALES: dict[Assumption, Scale] = {
    "quantity": "factor",
    "financial_proxy": "factor",
    "deadweight": "points",
    "attribution": "points",
    "displacement": "points",
    "drop_off": "points",
    "duration": "years",
    "discount_rate": "points",
}
HARMFUL: dict[Assumption, int] = {
    "quantity": -1,
    "financial_proxy": -1,
    "deadweight": 1,
    "attribution": 1,
    "displacement": 1,
    "drop_off": 1,
    "duration": -1,
    "discount_rate": 1,
}
"""The direction (+1 up, −1 down) in which each assumption lowers the present value."""

MAX_DURATION = 50
"""The longest duration ``roi.yaml`` allows, in years."""
_BISECTIONS = 200


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Contribution:
    """One input: what a partner put in, and what it is worth in the currency."""

    partner: str
    kind: InputKind
    amount: float
    """Money (money, in-kind) or hours (hours)."""
    value: float
    """In the currency: the amount, or hours × hourly rate."""
    outcomes: tuple[str, ...] | None = None
    """The ids of the outcomes it contributed to; None: every outcome."""

    def contributed_to(self, outcome: str) -> bool:
        return self.outcomes is None or outcome in self.outcomes


@dataclass(frozen=True)
class Assumptions:
    """One outcome's numbers: all the calculation needs to know about it."""

    outcome: str
    quantity: float
    proxy: float
    deadweight: float = 0.0
    attribution: float = 0.0
    displacement: float = 0.0
    drop_off: float = 0.0
    duration: int = 1
    discount_rate: float = 0.0

    def get(self, assumption: Assumption) -> float:
        return float(getattr(self, _FIELDS[assumption]))


_FIELDS: dict[Assumption, str] = {a: a for a in ASSUMPTIONS} | {"financial_proxy": "proxy"}


@dataclass(frozen=True)
class OutcomeValue:
    """One outcome's value: the year-1 impact, each year's value and its present value."""

    assumptions: Assumptions
    impact: float
    values: tuple[float, ...]
    present_values: tuple[float, ...]

    @property
    def present_value(self) -> float:
        return math.fsum(self.present_values)


@dataclass(frozen=True)
class PartnerShare:
    """What one partner put in, and the part of the value that goes with it.

    A partner is credited only for the outcomes its inputs contributed to: of
    each, the part its inputs are of all inputs that contributed to it. With
    every input contributing to every outcome, a partner that put in 12 % of
    the inputs is credited with 12 % of the present value.
    """

    partner: str
    money: float
    in_kind: float
    hours: float
    hours_value: float
    share: float | None
    """Of all inputs (None when the inputs total nothing)."""
    value: float | None
    """Its part of the present value of the outcomes it contributed to (None when
    the inputs total nothing)."""
    outcomes: tuple[str, ...] = ()
    """The ids of the outcomes its inputs contributed to, in the order of the outcomes."""

    @property
    def total(self) -> float:
        return self.money + self.in_kind + self.hours_value


@dataclass(frozen=True)
class Sensitivity:
    """How far one assumption must move, for every outcome, to bring the ratio to 1 : 1.

    ``change`` is None when 1 : 1 cannot be reached within the valid range
    (fractions between 0 and 1, durations between 1 and 50 years, quantities
    and proxies of zero or more); ``at`` and ``ratio_at`` then describe the
    end of that range.
    """

    assumption: Assumption
    scale: Scale
    now: tuple[float, float]
    """The lowest and highest value over the outcomes today."""
    change: float | None
    """A relative change (factor), fraction points (points) or years (years)."""
    at: tuple[float, float]
    """The lowest and highest value after the change (or at the end of the range)."""
    ratio_at: float
    """The ratio there: 1 for continuous assumptions; for whole years, the first
    ratio at or past 1 : 1; when unreachable, the ratio at the end of the range."""

    @property
    def reachable(self) -> bool:
        return self.change is not None


@dataclass(frozen=True)
class Result:
    """The whole calculation: inputs, outcome values, totals, shares and sensitivity."""

    contributions: tuple[Contribution, ...]
    outcomes: tuple[OutcomeValue, ...]
    partners: tuple[PartnerShare, ...]
    sensitivity: tuple[Sensitivity, ...]

    def inputs_of(self, kind: InputKind) -> float:
        """The value of all inputs of one kind (hours in the currency)."""
        return math.fsum(c.value for c in self.contributions if c.kind == kind)

    @property
    def hours(self) -> float:
        return math.fsum(c.amount for c in self.contributions if c.kind == "hours")

    @property
    def total_inputs(self) -> float:
        return math.fsum(c.value for c in self.contributions)

    @property
    def annual_impact(self) -> float:
        """The year-1 value of every outcome together."""
        return math.fsum(o.impact for o in self.outcomes)

    @property
    def present_value(self) -> float:
        return math.fsum(o.present_value for o in self.outcomes)

    @property
    def npv(self) -> float:
        return self.present_value - self.total_inputs

    @property
    def ratio(self) -> float | None:
        return sroi_ratio(self.present_value, self.total_inputs)

    @property
    def payback_months(self) -> float | None:
        return payback_months(self.total_inputs, self.annual_impact)


# --------------------------------------------------------------------------- arithmetic


def impact(a: Assumptions) -> float:
    """The year-1 value of an outcome: what is ours to claim of quantity × proxy."""
    return a.quantity * a.proxy * (1 - a.deadweight) * (1 - a.displacement) * (1 - a.attribution)


def outcome_value(a: Assumptions) -> OutcomeValue:
    """Each year's value (declining by the drop-off) and its present value."""
    values = [impact(a)]
    for _ in range(1, a.duration):
        values.append(values[-1] * (1 - a.drop_off))
    present = tuple(v / (1 + a.discount_rate) ** t for t, v in enumerate(values, 1))
    return OutcomeValue(a, values[0], tuple(values), present)


def present_value(outcomes: Sequence[Assumptions]) -> float:
    return math.fsum(outcome_value(a).present_value for a in outcomes)


def sroi_ratio(present: float, inputs: float) -> float | None:
    """Present value per unit of input; None without inputs (the ratio is undefined)
    or when it is beyond any float (inputs of a few hundred-thousandths of a cent)."""
    return _finite(present / inputs) if inputs > 0 else None


def payback_months(inputs: float, annual_impact: float) -> float | None:
    """Months of impact that pay back the inputs; None without inputs or without impact."""
    monthly = annual_impact / 12
    if inputs <= 0 or monthly <= 0:  # a tiny impact's twelfth can round to zero
        return None
    return _finite(inputs / monthly)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------- from roi.yaml


def contributions(
    roi: RoiFile, links: Mapping[str, Sequence[str]] | None = None
) -> tuple[Contribution, ...]:
    """Every input valued in the currency (hours at the hourly rate), with the
    outcomes it contributed to: those it names (``outcomes:``), else its partner's in
    ``links``; every outcome when it names none and there are no ``links``."""
    return tuple(
        Contribution(
            i.partner,
            i.kind,
            i.amount,
            i.amount * roi.hourly_rate if i.kind == "hours" else i.amount,
            _linked(i.outcomes, i.partner, links),
        )
        for i in roi.inputs
    )


def _linked(
    named: Sequence[str], partner: str, links: Mapping[str, Sequence[str]] | None
) -> tuple[str, ...] | None:
    if named:
        return tuple(named)
    return None if links is None else tuple(links.get(partner, ()))


def assumptions(outcome: Outcome, discount_rate: float) -> Assumptions:
    """An outcome's numbers; its own discount rate wins over the file's."""
    return Assumptions(
        outcome=outcome.id,
        quantity=outcome.quantity,
        proxy=outcome.financial_proxy.value,
        deadweight=outcome.deadweight,
        attribution=outcome.attribution,
        displacement=outcome.displacement,
        drop_off=outcome.drop_off,
        duration=outcome.duration,
        discount_rate=(
            outcome.discount_rate if outcome.discount_rate is not None else discount_rate
        ),
    )


def calculate_roi(roi: RoiFile, links: Mapping[str, Sequence[str]] | None = None) -> Result:
    """The SROI of a loaded ``roi.yaml``; ``links`` gives per partner the outcomes its
    inputs that name none contributed to (see :func:`contributions`)."""
    return calculate(
        contributions(roi, links), tuple(assumptions(o, roi.discount_rate) for o in roi.outcomes)
    )


def calculate(inputs: Sequence[Contribution], outcomes: Sequence[Assumptions]) -> Result:
    """The SROI of ``inputs`` and ``outcomes``."""
    values = tuple(outcome_value(a) for a in outcomes)
    total = math.fsum(c.value for c in inputs)
    return Result(
        contributions=tuple(inputs),
        outcomes=values,
        partners=partner_shares(inputs, values),
        sensitivity=sensitivity(outcomes, total),
    )


def partner_shares(
    inputs: Sequence[Contribution], outcomes: Sequence[OutcomeValue]
) -> tuple[PartnerShare, ...]:
    """Each partner's inputs and value (see :class:`PartnerShare`), in the order they
    first appear."""
    total = math.fsum(c.value for c in inputs)
    by_partner: dict[str, list[Contribution]] = {}
    for contribution in inputs:
        by_partner.setdefault(contribution.partner, []).append(contribution)
    credited, linked = _credits(inputs, outcomes)
    shares = []
    for partner, mine in by_partner.items():
        hours = [c for c in mine if c.kind == "hours"]
        share = math.fsum(c.value for c in mine) / total if total > 0 else None
        shares.append(
            PartnerShare(
                partner=partner,
                money=math.fsum(c.value for c in mine if c.kind == "money"),
                in_kind=math.fsum(c.value for c in mine if c.kind == "in-kind"),
                hours=math.fsum(c.amount for c in hours),
                hours_value=math.fsum(c.value for c in hours),
                share=share,
                value=math.fsum(credited.get(partner, ())) if share is not None else None,
                outcomes=tuple(linked.get(partner, ())),
            )
        )
    return tuple(shares)


def _credits(
    inputs: Sequence[Contribution], outcomes: Sequence[OutcomeValue]
) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
    """Per partner, the parts of outcome values it is credited with (each outcome's
    present value in proportion to its part of the inputs that contributed to that
    outcome), and the outcomes its inputs contributed to, in the order of ``outcomes``.
    One pass over inputs × outcomes."""
    credited: dict[str, list[float]] = {}
    linked: dict[str, list[str]] = {}
    for value in outcomes:
        outcome = value.assumptions.outcome
        parts: dict[str, list[float]] = {}
        for contribution in inputs:
            if contribution.contributed_to(outcome):
                parts.setdefault(contribution.partner, []).append(contribution.value)
        pooled = math.fsum(v for values in parts.values() for v in values)
        for partner, mine in parts.items():
            linked.setdefault(partner, []).append(outcome)
            if pooled > 0:
                part = value.present_value * math.fsum(mine) / pooled
                credited.setdefault(partner, []).append(part)
    return credited, linked


# --------------------------------------------------------------------------- sensitivity


def shifted(
    outcomes: Sequence[Assumptions], assumption: Assumption, change: float
) -> tuple[Assumptions, ...]:
    """Every outcome with ``assumption`` moved by ``change`` (see :data:`Scale`),
    kept within its valid range."""
    return tuple(_shift(a, assumption, change) for a in outcomes)


def _shift(a: Assumptions, assumption: Assumption, change: float) -> Assumptions:
    name = _FIELDS[assumption]
    scale = SCALES[assumption]
    value: float | int
    if scale == "factor":
        value = max(0.0, a.get(assumption) * (1 + change))
    elif scale == "years":
        value = min(MAX_DURATION, max(1, a.duration + round(change)))
    else:
        value = min(1.0, max(0.0, a.get(assumption) + change))
    changes: dict[str, Any] = {name: value}
    return replace(a, **changes)


def sensitivity(outcomes: Sequence[Assumptions], inputs: float) -> tuple[Sensitivity, ...]:
    """For each assumption, the change that brings the ratio to 1 : 1 (empty without
    inputs or outcomes: there is no ratio to move)."""
    if inputs <= 0 or not outcomes:
        return ()
    return tuple(break_even(outcomes, inputs, a) for a in ASSUMPTIONS)


def break_even(
    outcomes: Sequence[Assumptions], inputs: float, assumption: Assumption
) -> Sensitivity:
    """How far ``assumption`` must move, for every outcome, for the ratio to be 1 : 1."""

    def ratio(change: float) -> float:
        return present_value(shifted(outcomes, assumption, change)) / inputs

    start = ratio(0.0)
    scale = SCALES[assumption]
    now = _span(outcomes, assumption)
    if start == 1:
        return Sensitivity(assumption, scale, now, 0.0, now, 1.0)
    towards = HARMFUL[assumption] * (1 if start > 1 else -1)
    solver = {"factor": _solve_factor, "points": _solve_points, "years": _solve_years}
    change = solver[scale](ratio, start, towards)
    moved = _limit(scale, towards) if change is None else change
    at = _span(shifted(outcomes, assumption, moved), assumption)
    return Sensitivity(assumption, scale, now, change, at, ratio(moved))


def _span(outcomes: Sequence[Assumptions], assumption: Assumption) -> tuple[float, float]:
    values = [a.get(assumption) for a in outcomes]
    return min(values), max(values)


def _limit(scale: Scale, towards: int) -> float:
    """The change at the end of the valid range in direction ``towards``."""
    if scale == "factor":
        return 0.0  # proportional: only a zero present value fails, and no factor helps it
    if scale == "years":
        return float(towards * (MAX_DURATION - 1))
    return float(towards)


def _solve_factor(ratio: Callable[[float], float], start: float, towards: int) -> float | None:
    """Present value is proportional to quantity and proxy: 1 / ratio solves it."""
    factor = 1 / start if start > 0 else math.inf
    return factor - 1 if math.isfinite(factor) else None


def _solve_points(ratio: Callable[[float], float], start: float, towards: int) -> float | None:
    """Bisection: the ratio moves monotonically (if not strictly) with the shift."""
    end = float(towards)
    if (ratio(end) - 1) * (start - 1) > 0:
        return None
    low, high = 0.0, end
    for _ in range(_BISECTIONS):
        middle = (low + high) / 2
        if middle in (low, high):  # as close as floats get
            break
        if (ratio(middle) - 1) * (start - 1) > 0:
            low = middle
        else:
            high = middle
    return high


def _solve_years(ratio: Callable[[float], float], start: float, towards: int) -> float | None:
    """Whole years: the first shift at which the ratio reaches or passes 1 : 1."""
    for years in range(1, MAX_DURATION):
        if (ratio(float(towards * years)) - 1) * (start - 1) <= 0:
            return float(towards * years)
    return None
