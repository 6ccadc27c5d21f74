"""The vignettes: stories that fit on one slide (at most :data:`MAX_WORDS` words), one
for the whole partnership and one per partner that gave inputs."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from msctool.render.roi.sroi import PartnerShare, Result
from msctool.render.roi.teller import Teller, lower_first

MAX_WORDS = 120
"""A vignette fits on one slide."""
NAMED_RESULTS = 2
"""Results the partnership's vignette names; the others are counted."""


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
