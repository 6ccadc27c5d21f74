"""Numbers and phrases of the ROI story in the output's language: money with a real
minus, ratios, percentages, spans, lists of results."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from msctool.model import Outcome
from msctool.render.i18n import Formatter
from msctool.render.roi.calculation import Calculation


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
