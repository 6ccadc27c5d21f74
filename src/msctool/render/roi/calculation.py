"""A partnership's SROI, ready to tell: roi.yaml checked, the arithmetic run
(:mod:`msctool.render.roi.sroi`), each partner's inputs linked to outcomes, and the
indexes every partner's story looks things up in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from msctool.errors import UsageError, UserError
from msctool.model import Input, Outcome, Partnership, RoiFile
from msctool.render.roi.sroi import OutcomeValue, PartnerShare, Result, calculate_roi

FORMAT_HELP = "see the roi.yaml section of docs/format.md"


@dataclass(frozen=True)
class Calculation:
    """A partnership's roi.yaml and its SROI, with the indexes every partner's story
    looks things up in (built once, on first use, so a story per partner stays linear)."""

    partnership: Partnership
    roi: RoiFile
    result: Result

    def outcome(self, outcome_id: str) -> Outcome:
        return self._outcome_by_id[outcome_id]

    @cached_property
    def _outcome_by_id(self) -> dict[str, Outcome]:
        """Each outcome by its id (the first, should an id come twice)."""
        found: dict[str, Outcome] = {}
        for outcome in self.roi.outcomes:
            found.setdefault(outcome.id, outcome)
        return found

    def inputs_of(self, partner_id: str) -> tuple[Input, ...]:
        """The inputs of one partner, in the order of roi.yaml."""
        return self._inputs_by_partner.get(partner_id, ())

    @cached_property
    def _inputs_by_partner(self) -> dict[str, tuple[Input, ...]]:
        found: dict[str, list[Input]] = {}
        for item in self.roi.inputs:
            found.setdefault(item.partner, []).append(item)
        return {partner: tuple(items) for partner, items in found.items()}

    @cached_property
    def ranked(self) -> tuple[OutcomeValue, ...]:
        """The outcomes with a result (a quantity above zero), most valuable first;
        equal values in the order of roi.yaml."""
        with_result = (v for v in self.result.outcomes if v.assumptions.quantity > 0)
        return tuple(sorted(with_result, key=lambda v: -v.present_value))

    @cached_property
    def present_values(self) -> dict[str, tuple[float, ...]]:
        """The present value of each outcome by its id (two, should an id come twice)."""
        found: dict[str, list[float]] = {}
        for value in self.result.outcomes:
            found.setdefault(value.assumptions.outcome, []).append(value.present_value)
        return {outcome: tuple(values) for outcome, values in found.items()}

    @cached_property
    def givers(self) -> tuple[PartnerShare, ...]:
        """Partners that gave something, in the order of partners.yaml."""
        order = {p.id: n for n, p in enumerate(self.partnership.partners)}
        gave = [s for s in self.result.partners if s.money or s.in_kind or s.hours]
        return tuple(sorted(gave, key=lambda s: order.get(s.partner, len(order))))

    def name_of(self, partner_id: str) -> str:
        partner = self.partnership.partner_by_id.get(partner_id)
        return partner.name if partner else partner_id


def outcome_links(partnership: Partnership, roi: RoiFile) -> dict[str, tuple[str, ...]]:
    """Per partner, the outcomes its inputs contributed to when they name none
    (``outcomes:`` on an input wins): those whose metric it owns (it measures them)
    and those whose metric serves a goal it works on (it is accountable or responsible
    for an activity towards that goal); in the order of roi.yaml."""
    metrics = {o.id: partnership.metric_by_id.get(o.metric or "") for o in roi.outcomes}
    goals = _goals_worked_on(partnership)
    links: dict[str, tuple[str, ...]] = {}
    for partner in dict.fromkeys(i.partner for i in roi.inputs):
        worked = goals.get(partner, set())
        links[partner] = tuple(
            outcome
            for outcome, metric in metrics.items()
            if metric is not None and (metric.owner == partner or metric.goal in worked)
        )
    return links


def _goals_worked_on(partnership: Partnership) -> dict[str, set[str]]:
    """Per partner, the goals of the activities it is accountable or responsible for."""
    goals: dict[str, set[str]] = {}
    for activity in partnership.activities:
        if activity.goal is None:
            continue
        for partner_id in {*activity.raci.accountables(), *activity.raci.responsible}:
            goals.setdefault(partner_id, set()).add(activity.goal)
    return goals


def calculation(partnership: Partnership) -> Calculation:
    """The SROI of ``partnership``; a clear error when roi.yaml is missing or has no outcomes."""
    roi = partnership.roi
    if roi is None:
        raise UserError(
            f"there is no roi.yaml in {partnership.root}",
            hint=f"add roi.yaml with the partners' inputs and the outcomes; {FORMAT_HELP}",
        )
    if not roi.outcomes:
        raise UserError(
            "roi.yaml has no outcomes, so there is no value to tell",
            hint="add at least one outcome with a quantity, a financial proxy, deadweight, "
            f"attribution and duration; {FORMAT_HELP}",
        )
    return Calculation(partnership, roi, calculate_roi(roi, outcome_links(partnership, roi)))


def check_partner(calc: Calculation, partner_id: str) -> None:
    """``partner_id`` must name a partner that gave inputs in roi.yaml (a usage or user
    error about ``partner`` otherwise)."""
    if any(s.partner == partner_id for s in calc.givers):
        return
    if partner_id in calc.partnership.partner_by_id:
        raise UserError(
            f"`{partner_id}` has no inputs in roi.yaml, so it has no ROI story",
            hint=f"add its money, hours or in-kind inputs under `inputs:`; {FORMAT_HELP}",
            field="partner",
        )
    from msctool.suggest import did_you_mean

    known = [p.id for p in calc.partnership.partners]
    givers = ", ".join(s.partner for s in calc.givers)
    raise UsageError(
        f"there is no partner `{partner_id}`",
        hint=did_you_mean(partner_id, known) or f"partners with inputs: {givers}",
        field="partner",
    )
