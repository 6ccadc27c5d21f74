"""The ROI story: the SROI of a partnership told in numbers and in short vignettes.

:func:`calculation` checks that there is something to calculate and runs
:mod:`msctool.render.roi.sroi`; :func:`build_story` turns the result into the words a
reader sees, in the output's language: a headline, a vignette (≤ 120 words,
one slide) for the whole partnership and one per partner that gave inputs,
and the tables behind them. :func:`render_roi` fills the Markdown or HTML
template, or gives the numbers as JSON.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from msctool.errors import UsageError, UserError
from msctool.fs.names import portable_name
from msctool.model import Input, Outcome, Partnership, RoiFile
from msctool.render.i18n import Formatter
from msctool.render.roi.sroi import OutcomeValue, PartnerShare, Result, Sensitivity, calculate_roi
from msctool.render.setup import Setup

Format = Literal["md", "html", "json"]
FORMATS: tuple[Format, ...] = ("md", "html", "json")
MAX_WORDS = 120
"""A vignette fits on one slide."""
NAMED_RESULTS = 2
"""Results the partnership's vignette names; the others are counted."""
FORMAT_HELP = "see the roi.yaml section of docs/format.md"


# --------------------------------------------------------------------------- data


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
    """``--partner ID`` must name a partner that gave inputs in roi.yaml."""
    if any(s.partner == partner_id for s in calc.givers):
        return
    if partner_id in calc.partnership.partner_by_id:
        raise UserError(
            f"--partner: `{partner_id}` has no inputs in roi.yaml, so it has no ROI story",
            hint=f"add its money, hours or in-kind inputs under `inputs:`; {FORMAT_HELP}",
        )
    from msctool.suggest import did_you_mean

    known = [p.id for p in calc.partnership.partners]
    givers = ", ".join(s.partner for s in calc.givers)
    raise UsageError(
        f"--partner: there is no partner `{partner_id}`",
        hint=did_you_mean(partner_id, known) or f"partners with inputs: {givers}",
    )


@dataclass(frozen=True)
class Vignette:
    """A story that fits on one slide: the striking number first, then the rest."""

    key: str
    """``partnership`` or the partner's id (an HTML anchor)."""
    title: str
    lead: str
    body: str

    @property
    def text(self) -> str:
        return f"{self.lead} {self.body}"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class OutcomeRow:
    name: str
    quantity: str
    proxy: str
    impact: str
    years: str
    present: str
    deadweight: str
    attribution: str
    displacement: str
    drop_off: str
    discount: str
    source: str


@dataclass(frozen=True)
class PartnerRow:
    name: str
    money: str
    in_kind: str
    hours: str
    total: str
    share: str
    value: str


@dataclass(frozen=True)
class SensitivityRow:
    name: str
    now: str
    change: str
    then: str
    reachable: bool


@dataclass(frozen=True)
class RoiStory:
    """Everything the ROI templates show, already in words."""

    result: Result
    period: str
    headline: str
    vignettes: tuple[Vignette, ...]
    numbers: tuple[tuple[str, str], ...]
    outcomes: tuple[OutcomeRow, ...]
    total_impact: str
    total_present: str
    partners: tuple[PartnerRow, ...]
    sensitivity: tuple[SensitivityRow, ...]
    sensitivity_intro: tuple[str, ...]
    notes: tuple[str, ...]
    partner: str | None
    """The partner id of ``--partner``: only its vignette is shown, with the headline."""


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class Teller:
    """Numbers and phrases in the output's language, for one calculation."""

    fmt: Formatter
    calc: Calculation

    @property
    def short(self) -> str:
        meta = self.calc.partnership.meta
        return meta.short_name or meta.name

    @property
    def unit(self) -> str:
        return self.fmt.t(f"roi_unit_{self.calc.roi.currency}")

    def money(self, value: float) -> str:
        """€12,500 / € 12.500; below zero with a real minus: −€20,108 / € −20.108."""
        if round(value) >= 0:
            return self.fmt.money(value)
        return negative(self.fmt.money(-value), self.fmt.language)

    def cents(self, value: float) -> str:
        """€2.81 / € 2,81: money with cents, for "every euro created ..."."""
        return self.fmt.cents(value)

    def rate(self, value: float) -> str:
        """A rate in money: whole units when whole, else with cents."""
        return self.money(value) if float(value).is_integer() else self.cents(value)

    def ratio(self, value: float) -> str:
        """2.8 : 1 / 2,8 : 1 (two decimals below 1 : 1, where small differences matter)."""
        shown = round(value, 1) if value >= 0.95 else round(value, 2)
        return self.fmt.t("roi_ratio", value=self.fmt.number(shown, 1 if value >= 0.95 else 2))

    def percent(self, share: float, *, exact: bool = True) -> str:
        """35 % / 3.5 %: one decimal only where the value has one (or below 1 %)."""
        tenths = round(share * 1000)
        decimals = 1 if (exact and tenths % 10) or 0 < abs(share) < 0.01 else 0
        return self.fmt.percent(share, decimals)

    def period(self) -> str:
        period = self.calc.roi.period
        return self.fmt.t(
            "roi_period", start=self.fmt.date(period.start), end=self.fmt.date(period.end)
        )

    def join(self, items: Sequence[str], last: str | None = None) -> str:
        """a, b and c / a, b en c; with ``last``, that message joins the last item
        (", and " where items may hold "and" themselves)."""
        if len(items) < 2:
            return "".join(items)
        glue = self.fmt.t(last) if last else f" {self.fmt.t('roi_and')} "
        return f"{', '.join(items[:-1])}{glue}{items[-1]}"

    def count(self, key: str, count: int, **values: object) -> str:
        """The ``_one`` or ``_many`` form of ``key``."""
        return self.fmt.t(f"{key}_{'one' if count == 1 else 'many'}", count=count, **values)

    def span(self, low: str, high: str) -> str:
        """20–35 % / 1–5 years / €5,200–€22,000: a unit after the numbers comes once."""
        if low == high:
            return low
        tail = _tail(low)
        if tail and _tail(high).startswith(tail):
            low = low[: -len(tail)]
        return f"{low}–{high}"

    def result_phrase(self, outcome: Outcome) -> str:
        """68 young people in paid work … / early leavers back in school … (95 young people)."""
        count = self.fmt.number(outcome.quantity)
        name, unit = outcome.name, outcome.unit
        if name.lower().startswith(unit.lower() + " "):
            return f"{count} {unit}{name[len(unit) :]}"
        return f"{lower_first(name)} ({count} {unit})"

    def results(self, limit: int, only: Sequence[str] | None = None) -> tuple[str, bool]:
        """The ``limit`` most valuable results by name (of the outcomes ``only`` names,
        when given), and how many more there are; and whether that is a list to introduce
        with a colon (each outcome name reads right as a list item, not as an object)."""
        ranked = self.calc.ranked
        if only is not None:
            wanted = set(only)
            ranked = tuple(v for v in ranked if v.assumptions.outcome in wanted)
        if not ranked:
            return self.fmt.t("roi_no_results"), False
        if limit == 0:
            return self.count("roi_results", len(ranked)), False
        named = [
            self.result_phrase(self.calc.outcome(v.assumptions.outcome)) for v in ranked[:limit]
        ]
        more = len(ranked) - limit
        shown = named + ([self.count("roi_more", more)] if more > 0 else [])
        return self.list_items(shown), True

    def list_items(self, items: Sequence[str]) -> str:
        """a; b; and c / a; b en c: items that may hold commas themselves."""
        if len(items) < 2:
            return "".join(items)
        return f"{'; '.join(items[:-1])}{self.fmt.t('roi_list_and')}{items[-1]}"

    def achieved(
        self, key: str, limit: int, *, only: Sequence[str] | None = None, **values: str
    ) -> str:
        """ "Together we achieved: a; b; and 2 more results." or "… achieved 3 results."."""
        results, listed = self.results(limit, only)
        return self.fmt.t(key if listed else f"{key}_count", results=results, **values)

    def years(self, value: float) -> str:
        if value == 1:
            return self.fmt.t("roi_year_one")
        return self.fmt.t("roi_years", value=self.fmt.number(value))

    @property
    def paid_back(self) -> bool:
        """Whether the value over the outcomes' duration covers the inputs (ratio ≥ 1)."""
        ratio = self.calc.result.ratio
        return ratio is not None and ratio >= 1

    def lasting(self) -> str:
        """How long the results last: the longest outcome's duration in years."""
        return self.years(max(o.assumptions.duration for o in self.calc.result.outcomes))

    def payback(self, months: float) -> str:
        if months < 1:
            return self.fmt.t("roi_months_less")
        return self.count("roi_months", math.ceil(months - 1e-9))


def negative(amount: str, language: str) -> str:
    """A minus sign for a formatted amount: in Dutch after the currency symbol
    (€ −20.108), in English before it (−€20,108)."""
    if language != "nl":
        return f"−{amount}"
    digit = re.search(r"\d", amount)
    at = digit.start() if digit else 0
    return f"{amount[:at]}−{amount[at:]}"


def _tail(text: str) -> str:
    """What follows the last digit: " %", " years"."""
    found = re.search(r"\D*$", text)
    return found.group() if found else ""


def lower_first(name: str) -> str:
    """ "Early leavers back" → "early leavers back"; acronyms and odd capitals stay."""
    first = name.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return name[0].lower() + name[1:]
    return name


# --------------------------------------------------------------------------- vignettes


def partnership_vignette(teller: Teller) -> Vignette:
    """What all partners gave, what we achieved together, what it is worth.

    It names the most valuable results, fewer when long names would make it
    longer than a slide holds.
    """
    t, result = teller.fmt.t, teller.calc.result
    ratio = result.ratio
    if ratio is None:
        value = teller.money(result.present_value)
        lead = t("roi_all_lead_no_inputs", short=teller.short, value=value)
    else:
        lead = t("roi_all_lead", unit=teller.unit, short=teller.short, per_unit=teller.cents(ratio))
    title = t("roi_all_title", short=teller.short)
    for named in range(NAMED_RESULTS, -1, -1):
        vignette = Vignette(
            "partnership", title, tidy(lead), tidy(_partnership_body(teller, named))
        )
        if vignette.words <= MAX_WORDS:
            break
    return vignette


def tidy(text: str) -> str:
    """No double full stop where a name ends in one ("& Zn.." → "& Zn.")."""
    return text.replace("..", ".")


def _partnership_body(teller: Teller, named: int) -> str:
    t, result, period = teller.fmt.t, teller.calc.result, teller.calc.roi.period
    dates = {"start": teller.fmt.date(period.start), "end": teller.fmt.date(period.end)}
    givers = teller.calc.givers
    value = teller.money(result.present_value)
    if result.ratio is None:
        sentences = [
            teller.achieved("roi_all_period", named, start=dates["start"], end=dates["end"]),
            t("roi_all_worth_no_inputs", value=value, unit=teller.unit),
        ]
    else:
        parts = _parts(teller, *_inputs_of(result))
        sentences = [
            t(
                "roi_all_gave" if len(parts) > 1 else "roi_all_gave_one_kind",
                partners_gave=teller.count("roi_partners_gave", len(givers)),
                total=teller.money(result.total_inputs),
                parts=teller.join(parts),
                **dates,
            ),
            teller.achieved("roi_all_achieved", named),
            t("roi_all_worth", value=value, ratio=teller.ratio(result.ratio)),
        ]
    sentences.extend(_payback_sentence(teller))
    sentences.append(_thanks(teller, givers))
    return " ".join(sentences)


def _payback_sentence(teller: Teller) -> list[str]:
    """When all inputs were paid back, or plainly that they were not."""
    result, t = teller.calc.result, teller.fmt.t
    if result.ratio is None or result.payback_months is None:
        return []
    if not teller.paid_back:
        return [t("roi_all_not_paid_back", years=teller.lasting())]
    return [t("roi_all_payback", payback=teller.payback(result.payback_months))]


def _thanks(teller: Teller, givers: Sequence[PartnerShare]) -> str:
    if not givers:
        return teller.fmt.t("roi_thanks_everyone")
    if len(givers) == 1:
        return teller.fmt.t("roi_thanks_one", name=teller.calc.name_of(givers[0].partner))
    return teller.fmt.t("roi_thanks_many", count=len(givers))


def _inputs_of(result: Result) -> tuple[float, float, float]:
    return result.inputs_of("money"), result.inputs_of("in-kind"), result.hours


def _parts(teller: Teller, money: float, in_kind: float, hours: float) -> list[str]:
    t = teller.fmt.t
    parts = []
    if money:
        parts.append(t("roi_gave_money", value=teller.money(money)))
    if in_kind:
        parts.append(t("roi_gave_in_kind", value=teller.money(in_kind)))
    if hours:
        parts.append(t("roi_gave_hours", hours=teller.fmt.number(hours)))
    return parts


def partner_vignette(teller: Teller, share: PartnerShare) -> Vignette:
    """What one partner gave, the results its inputs contributed to (no other's), and
    what its part of them is worth.

    The title names the partner in full; the story then uses its short form.
    """
    t, period = teller.fmt.t, teller.calc.roi.period
    name = teller.calc.name_of(share.partner)
    short = short_name(name)
    parts = _gave_parts(teller, share.partner)
    plain = len(parts) == 1 and not share.hours
    sentences = [
        t(
            "roi_partner_gave_plain" if plain else "roi_partner_gave",
            start=teller.fmt.date(period.start),
            end=teller.fmt.date(period.end),
            name=short,
            parts=teller.join(parts, "roi_parts_and"),
            total=teller.money(share.total),
            share=teller.percent(share.share or 0, exact=False),
            partners=teller.count("roi_partners", len(teller.calc.givers)),
            short=teller.short,
        ),
        *_partner_results(teller, share, short),
        t("roi_thanks_one", name=short),
    ]
    lead = _partner_lead(teller, share, short)
    return Vignette(share.partner, name, tidy(lead), tidy(" ".join(sentences)))


def _partner_lead(teller: Teller, share: PartnerShare, short: str) -> str:
    t = teller.fmt.t
    if not share.outcomes:
        return t("roi_partner_lead_unlinked", name=short, short=teller.short)
    if share.value is None:
        value = teller.money(_value_of(teller, share.outcomes))
        return t("roi_partner_lead_no_value", value=value, name=short)
    return t("roi_partner_lead", value=teller.money(share.value), name=short)


def _partner_results(teller: Teller, share: PartnerShare, short: str) -> list[str]:
    """The results the partner's inputs contributed to, and what they are worth; a
    plain sentence when its inputs are linked to none."""
    if not share.outcomes:
        return [teller.fmt.t("roi_partner_no_results", name=short)]
    return [
        teller.achieved("roi_all_achieved", 1, only=share.outcomes),
        _partner_worth(teller, share, short),
    ]


def _value_of(teller: Teller, outcomes: Sequence[str]) -> float:
    """The present value of ``outcomes`` together."""
    values = teller.calc.present_values
    return math.fsum(v for outcome in dict.fromkeys(outcomes) for v in values.get(outcome, ()))


def short_name(name: str) -> str:
    """ "Werkpunt Utrecht Midden (regional employer service point)" → "Werkpunt Utrecht
    Midden"; "GGD Utrecht Stad — youth health service" → "GGD Utrecht Stad"."""
    short = re.sub(r"\s+\([^()]*\)$", "", name)
    short = re.split(r"\s+[—–]\s+", short, maxsplit=1)[0]
    return short.strip() or name


def _partner_worth(teller: Teller, share: PartnerShare, short: str) -> str:
    """What the results the partner contributed to are worth together, and what each
    unit it put in created (its part of their value per unit of its inputs)."""
    t = teller.fmt.t
    value = teller.money(_value_of(teller, share.outcomes))
    if share.value is None or share.total <= 0:
        return t("roi_partner_worth_no_ratio", value=value)
    per_unit = teller.cents(share.value / share.total)
    return t("roi_partner_worth", value=value, unit=teller.unit, per_unit=per_unit, name=short)


def _gave_parts(teller: Teller, partner_id: str) -> list[str]:
    """What a partner gave, in the words of its inputs' descriptions where there are
    any: "1,200 hours of workplace mentors", "€15,000 for tool kits and safety gear"."""
    parts = []
    for item in teller.calc.inputs_of(partner_id):
        if not item.amount:
            continue
        if item.description:
            key, what = f"roi_gave_{item.kind.replace('-', '_')}_for", lower_first(item.description)
        else:
            key, what = f"roi_gave_{item.kind.replace('-', '_')}", ""
        amount = teller.fmt.number(item.amount) if item.kind == "hours" else None
        value = teller.money(item.amount)
        parts.append(teller.fmt.t(key, value=value, hours=amount, what=what))
    return parts


# --------------------------------------------------------------------------- tables


def numbers(teller: Teller) -> tuple[tuple[str, str], ...]:
    """The totals, from inputs to payback."""
    t, r, money = teller.fmt.t, teller.calc.result, teller.money
    hours = t("roi_row_hours", hours=teller.fmt.number(r.hours), rate=teller.rate(_hourly(teller)))
    return (
        (t("roi_row_money"), money(r.inputs_of("money"))),
        (t("roi_row_in_kind"), money(r.inputs_of("in-kind"))),
        (hours, money(r.inputs_of("hours"))),
        (t("roi_row_inputs"), money(r.total_inputs)),
        (t("roi_row_annual"), money(r.annual_impact)),
        (t("roi_row_present"), money(r.present_value)),
        (t("roi_row_npv"), money(r.npv)),
        (t("roi_row_ratio"), teller.ratio(r.ratio) if r.ratio is not None else t("roi_undefined")),
        (t("roi_row_payback"), _payback_cell(teller)),
    )


def _hourly(teller: Teller) -> float:
    return teller.calc.roi.hourly_rate


def _payback_cell(teller: Teller) -> str:
    result = teller.calc.result
    if result.payback_months is not None:
        months = teller.fmt.number(result.payback_months)
        if not teller.paid_back:
            return teller.fmt.t("roi_payback_never", years=teller.lasting(), months=months)
        return teller.fmt.t("roi_payback_months", months=months)
    return teller.fmt.t("roi_undefined" if result.total_inputs <= 0 else "roi_never")


def outcome_rows(teller: Teller) -> tuple[OutcomeRow, ...]:
    rows = []
    for value in teller.calc.result.outcomes:
        a, outcome = value.assumptions, teller.calc.outcome(value.assumptions.outcome)
        rows.append(
            OutcomeRow(
                name=outcome.name,
                quantity=f"{teller.fmt.number(a.quantity)} {outcome.unit}",
                proxy=teller.money(a.proxy),
                impact=teller.money(value.impact),
                years=teller.fmt.number(a.duration),
                present=teller.money(value.present_value),
                deadweight=teller.percent(a.deadweight),
                attribution=teller.percent(a.attribution),
                displacement=teller.percent(a.displacement),
                drop_off=teller.percent(a.drop_off),
                discount=teller.percent(a.discount_rate),
                source=outcome.financial_proxy.source,
            )
        )
    return tuple(rows)


def partner_rows(teller: Teller) -> tuple[PartnerRow, ...]:
    money, dash = teller.money, "—"
    return tuple(
        PartnerRow(
            name=teller.calc.name_of(s.partner),
            money=money(s.money) if s.money else dash,
            in_kind=money(s.in_kind) if s.in_kind else dash,
            hours=teller.fmt.number(s.hours) if s.hours else dash,
            total=money(s.total),
            share=teller.percent(s.share, exact=False) if s.share is not None else dash,
            value=money(s.value) if s.value is not None else dash,
        )
        for s in teller.calc.givers
    )


def sensitivity_rows(teller: Teller) -> tuple[SensitivityRow, ...]:
    return tuple(_sensitivity_row(teller, s) for s in teller.calc.result.sensitivity)


def _sensitivity_row(teller: Teller, s: Sensitivity) -> SensitivityRow:
    t, show = teller.fmt.t, _shower(teller, s)
    name = t(f"roi_assumption_{s.assumption}")
    now = teller.span(show(s.now[0], True), show(s.now[1], True))
    at = teller.span(show(s.at[0], False), show(s.at[1], False))
    if s.change is None:
        then = t("roi_at_limit", limit=at, ratio=teller.ratio(s.ratio_at))
        return SensitivityRow(name, now, t("roi_unreachable"), then, False)
    if s.scale == "years" and s.change:
        at = t("roi_at_ratio", values=at, ratio=teller.ratio(s.ratio_at))
    return SensitivityRow(name, now, _change(teller, s.scale, s.change), at, True)


def _shower(teller: Teller, s: Sensitivity) -> Callable[[float, bool], str]:
    """How one value of the assumption reads: a number, money, a percentage or years."""
    if s.assumption == "quantity":
        return lambda v, exact: teller.fmt.number(v if exact else round(v))
    if s.assumption == "financial_proxy":
        return lambda v, exact: teller.money(v)
    if s.scale == "years":
        return lambda v, exact: teller.years(v)
    return lambda v, exact: teller.percent(v, exact=exact)


def _change(teller: Teller, scale: str, change: float) -> str:
    t = teller.fmt.t
    if change == 0:
        return t("roi_change_none")
    if scale == "factor":
        key = "roi_change_lower" if change < 0 else "roi_change_higher"
        return t(key, value=teller.percent(abs(change), exact=False))
    if scale == "years":
        years = round(abs(change))
        key = "roi_change_shorter" if change < 0 else "roi_change_longer"
        return t(f"{key}_one", count=years) if years == 1 else t(key, count=years)
    points = change * 100
    shown = round(points) if abs(points) >= 1 else round(points, 1)
    return t("roi_change_points", value=teller.fmt.signed(shown))


def notes(teller: Teller) -> tuple[str, ...]:
    rates = [o.assumptions.discount_rate for o in teller.calc.result.outcomes]
    rate = teller.span(teller.percent(min(rates)), teller.percent(max(rates)))
    t = teller.fmt.t
    return (
        t("roi_note_method", rate=rate),
        t("roi_note_hours", rate=teller.rate(_hourly(teller))),
        t("roi_note_payback"),
        t("roi_note_partner_result"),
    )


# --------------------------------------------------------------------------- the story


def build_story(calc: Calculation, fmt: Formatter, partner: str | None = None) -> RoiStory:
    """The story in ``fmt``'s language; with ``partner``, only that partner's vignette."""
    teller = Teller(fmt, calc)
    result = calc.result
    vignettes = [partnership_vignette(teller)] if partner is None else []
    vignettes += [partner_vignette(teller, s) for s in calc.givers if partner in (None, s.partner)]
    return RoiStory(
        result=result,
        period=teller.period(),
        headline=_headline(teller),
        vignettes=tuple(vignettes),
        numbers=numbers(teller),
        outcomes=outcome_rows(teller),
        total_impact=teller.money(result.annual_impact),
        total_present=teller.money(result.present_value),
        partners=partner_rows(teller),
        sensitivity=sensitivity_rows(teller),
        sensitivity_intro=_sensitivity_intro(teller),
        notes=notes(teller),
        partner=partner,
    )


def _headline(teller: Teller) -> str:
    result = teller.calc.result
    if result.ratio is None:
        return teller.fmt.t(
            "roi_headline_no_inputs", short=teller.short, value=teller.money(result.present_value)
        )
    return teller.fmt.t(
        "roi_headline",
        ratio=teller.ratio(result.ratio),
        unit=teller.unit,
        short=teller.short,
        per_unit=teller.cents(result.ratio),
    )


def _sensitivity_intro(teller: Teller) -> tuple[str, ...]:
    t, ratio = teller.fmt.t, teller.calc.result.ratio
    if ratio is None:
        return (t("roi_sensitivity_none"),)
    intro = t("roi_sensitivity_intro", unit=teller.unit)
    return (intro, t("roi_sensitivity_safer")) if ratio > 1 else (intro,)


# --------------------------------------------------------------------------- outputs


def render_roi(setup: Setup, output_format: Format, partner: str | None = None) -> str:
    """The ROI story of ``setup``'s partnership as Markdown or HTML, or its numbers as JSON."""
    calc = calculation(setup.partnership)
    if partner is not None:
        check_partner(calc, partner)
    if output_format == "json":
        return roi_json(calc, setup.as_of, partner)
    story = build_story(calc, setup.fmt, partner)
    return setup.render(f"roi.{output_format}.j2", story=story, max_words=MAX_WORDS)


def default_path(setup: Setup, output_format: Format, partner: str | None = None) -> Path:
    """roi/roi-YYYY-MM-DD[-PARTNER].<ext> in the partnership, dated by the as-of day."""
    suffix = f"-{partner}" if partner else ""
    name = portable_name(f"roi-{setup.as_of.isoformat()}{suffix}.{output_format}")
    return setup.partnership.root / "roi" / name


def roi_json(calc: Calculation, as_of: date, partner: str | None = None) -> str:
    """Every number of the calculation, with stable keys; amounts in the currency."""
    roi, result = calc.roi, calc.result
    data = {
        "format_version": 1,
        "as_of": as_of.isoformat(),
        "currency": roi.currency,
        "period": {"start": roi.period.start.isoformat(), "end": roi.period.end.isoformat()},
        "hourly_rate": _n(roi.hourly_rate),
        "discount_rate": _n(roi.discount_rate),
        "inputs": [_input_json(calc, n) for n in range(len(roi.inputs))],
        "outcomes": [_outcome_json(calc, n) for n in range(len(roi.outcomes))],
        "totals": _totals_json(result),
        "partners": [_partner_json(calc, s) for s in calc.givers if partner in (None, s.partner)],
        "sensitivity": [_sensitivity_json(s) for s in result.sensitivity],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _n(value: float | None) -> float | None:
    """Rounded to remove float noise (334151.99999999994 → 334152.0)."""
    return None if value is None else round(float(value), 6)


def _input_json(calc: Calculation, index: int) -> dict[str, Any]:
    item, value = calc.roi.inputs[index], calc.result.contributions[index]
    return {
        "partner": item.partner,
        "kind": item.kind,
        "amount": _n(item.amount),
        "value": _n(value.value),
        "description": item.description,
        "outcomes": list(value.outcomes or ()),
    }


def _outcome_json(calc: Calculation, index: int) -> dict[str, Any]:
    outcome, value = calc.roi.outcomes[index], calc.result.outcomes[index]
    a = value.assumptions
    return {
        "id": outcome.id,
        "name": outcome.name,
        "metric": outcome.metric,
        "segment": outcome.segment,
        "quantity": _n(a.quantity),
        "unit": outcome.unit,
        "financial_proxy": _n(a.proxy),
        "financial_proxy_source": outcome.financial_proxy.source,
        "deadweight": _n(a.deadweight),
        "attribution": _n(a.attribution),
        "displacement": _n(a.displacement),
        "drop_off": _n(a.drop_off),
        "duration": a.duration,
        "discount_rate": _n(a.discount_rate),
        "impact": _n(value.impact),
        "values": [_n(v) for v in value.values],
        "present_values": [_n(v) for v in value.present_values],
        "present_value": _n(value.present_value),
    }


def _totals_json(result: Result) -> dict[str, Any]:
    return {
        "money": _n(result.inputs_of("money")),
        "in_kind": _n(result.inputs_of("in-kind")),
        "hours": _n(result.hours),
        "hours_value": _n(result.inputs_of("hours")),
        "inputs": _n(result.total_inputs),
        "annual_impact": _n(result.annual_impact),
        "present_value": _n(result.present_value),
        "npv": _n(result.npv),
        "ratio": _n(result.ratio),
        "payback_months": _n(result.payback_months),
    }


def _partner_json(calc: Calculation, share: PartnerShare) -> dict[str, Any]:
    return {
        "partner": share.partner,
        "name": calc.name_of(share.partner),
        "money": _n(share.money),
        "in_kind": _n(share.in_kind),
        "hours": _n(share.hours),
        "hours_value": _n(share.hours_value),
        "inputs": _n(share.total),
        "share": _n(share.share),
        "value": _n(share.value),
        "outcomes": list(share.outcomes),
    }


def _sensitivity_json(s: Sensitivity) -> dict[str, Any]:
    return {
        "assumption": s.assumption,
        "scale": s.scale,
        "now": [_n(v) for v in s.now],
        "reachable": s.reachable,
        "change": _n(s.change),
        "at": [_n(v) for v in s.at],
        "ratio_at": _n(s.ratio_at),
    }
