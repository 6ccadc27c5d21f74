"""The tables behind the ROI story, in words: the totals, the outcomes with their
assumptions, the partners' inputs and values, the sensitivity of the ratio, and the notes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from msctool.render.roi.sroi import Sensitivity
from msctool.render.roi.teller import Teller


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
