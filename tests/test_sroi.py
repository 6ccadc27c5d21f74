"""The SROI arithmetic, checked against a worked example done by hand."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import nonempty
from msctool.render.roi.sroi import (
    ASSUMPTIONS,
    MAX_DURATION,
    SCALES,
    Assumption,
    Assumptions,
    Contribution,
    Result,
    Sensitivity,
    calculate,
    calculate_roi,
    outcome_value,
    payback_months,
    present_value,
    shifted,
)

approx = pytest.approx

# --------------------------------------------------------------------------- the worked example
#
# Inputs (hourly rate 40):
#   partner a: money 6,000                        →  6,000
#   partner b: 100 hours × 40                     →  4,000
#   partner b: in kind 1,488                      →  1,488
#   total                                            11,488
#
# Outcome "jobs": 10 people × proxy 4,000 = 40,000
#   × (1 − deadweight 0.25) = 30,000
#   × (1 − displacement 0.2) = 24,000
#   × (1 − attribution 0.5)  = 12,000               impact (year 1)
#   year 2 = 12,000 × (1 − drop-off 0.5) = 6,000
#   year 3 =  6,000 × 0.5                = 3,000
#   discount rate 0.25: 1.25, 1.5625, 1.953125
#   PV = 12,000 / 1.25 + 6,000 / 1.5625 + 3,000 / 1.953125
#      =  9,600       + 3,840         + 1,536           = 14,976
#
# Outcome "school": 5 people × proxy 2,000 = 10,000
#   × (1 − deadweight 0.2) = 8,000, no displacement, no attribution
#   duration 1 year, discount rate 0 → PV = 8,000
#
# Totals: annual impact = 12,000 + 8,000 = 20,000
#         PV = 14,976 + 8,000 = 22,976
#         NPV = 22,976 − 11,488 = 11,488
#         ratio = 22,976 / 11,488 = 2.0
#         payback = 11,488 / (20,000 / 12) = 11,488 / 1,666.67 = 6.8928 months
# Shares: a 6,000 / 11,488 → value 22,976 × 6,000 / 11,488 = 12,000
#         b 5,488 / 11,488 → value 10,976

JOBS = Assumptions(
    outcome="jobs",
    quantity=10,
    proxy=4000,
    deadweight=0.25,
    attribution=0.5,
    displacement=0.2,
    drop_off=0.5,
    duration=3,
    discount_rate=0.25,
)
SCHOOL = Assumptions(
    outcome="school", quantity=5, proxy=2000, deadweight=0.2, drop_off=0.3, duration=1
)
INPUTS = (
    Contribution("a", "money", 6000, 6000),
    Contribution("b", "hours", 100, 4000),
    Contribution("b", "in-kind", 1488, 1488),
)


@pytest.fixture  # per test: mutmut ties the code a module-scoped fixture runs to one test
def worked() -> Result:
    return calculate(INPUTS, (JOBS, SCHOOL))


def test_outcome_by_hand() -> None:
    jobs = outcome_value(JOBS)
    assert jobs.impact == approx(12_000)
    assert jobs.values == approx((12_000, 6_000, 3_000))
    assert jobs.present_values == approx((9_600, 3_840, 1_536))
    assert jobs.present_value == approx(14_976)
    school = outcome_value(SCHOOL)
    assert school.values == approx((8_000,))
    assert school.present_value == approx(8_000)


def test_totals_by_hand(worked: Result) -> None:
    assert worked.total_inputs == approx(11_488)
    assert worked.inputs_of("money") == approx(6_000)
    assert worked.inputs_of("hours") == approx(4_000)
    assert worked.inputs_of("in-kind") == approx(1_488)
    assert worked.hours == approx(100)
    assert worked.annual_impact == approx(20_000)
    assert worked.present_value == approx(22_976)
    assert worked.npv == approx(11_488)
    assert worked.ratio == approx(2.0)
    assert worked.payback_months == approx(6.8928)


def test_partner_shares_follow_the_inputs(worked: Result) -> None:
    a, b = worked.partners
    assert (a.partner, a.money, a.total) == ("a", 6000, 6000)
    assert a.share == approx(6000 / 11488)
    assert a.value == approx(12_000)
    assert (b.partner, b.hours, b.hours_value, b.in_kind, b.total) == ("b", 100, 4000, 1488, 5488)
    assert b.value == approx(10_976)


# --------------------------------------------------------------------------- sensitivity by hand
#
# Every outcome moves at once. PV per unit of year-1 impact of "jobs":
#   0.8 + 0.5 / 1.5625 + 0.25 / 1.953125 = 0.8 + 0.32 + 0.128 = 1.248
# Ratio 1 : 1 means PV = 11,488, so PV must fall by 11,488.
#
# quantity, proxy: PV is proportional → factor 11,488 / 22,976 = 0.5 → −50 %
# deadweight +Δ: jobs 40,000 × (0.75 − Δ) × 0.8 × 0.5 × 1.248 = 19,968 × (0.75 − Δ)
#                school 10,000 × (0.8 − Δ)
#                PV = 22,976 − 29,968 Δ = 11,488 → Δ = 11,488 / 29,968 = 0.383342
# attribution +Δ: jobs 24,000 × (0.5 − Δ) × 1.248 = 29,952 × (0.5 − Δ); school 8,000 × (1 − Δ)
#                PV = 22,976 − 37,952 Δ → Δ = 11,488 / 37,952 = 0.302698
# displacement +Δ: jobs 15,000 × (0.8 − Δ) × 1.248 = 18,720 × (0.8 − Δ); school 8,000 × (1 − Δ)
#                PV = 22,976 − 26,720 Δ → Δ = 11,488 / 26,720 = 0.429940
# drop-off to 100 %: jobs keeps year 1 only, 9,600; PV 17,600 → ratio 1.532 > 1: unreachable
# duration: jobs 3 → 1 year: PV 9,600 + 8,000 = 17,600 (school stays 1 year): unreachable
# discount rate +1 (all capped at 100 %): jobs 12,000/2 + 6,000/4 + 3,000/8 = 7,875;
#                school 8,000 / 2 = 4,000; PV 11,875 → ratio 1.0337 > 1: unreachable


def sensitivity_of(result: Result, name: str) -> tuple[Any, Any]:
    found = next(s for s in result.sensitivity if s.assumption == name)
    return found.change, found.ratio_at


def test_sensitivity_by_hand(worked: Result) -> None:
    assert sensitivity_of(worked, "quantity") == (approx(-0.5), approx(1))
    assert sensitivity_of(worked, "financial_proxy") == (approx(-0.5), approx(1))
    assert sensitivity_of(worked, "deadweight") == (approx(11_488 / 29_968), approx(1))
    assert sensitivity_of(worked, "attribution") == (approx(11_488 / 37_952), approx(1))
    assert sensitivity_of(worked, "displacement") == (approx(11_488 / 26_720), approx(1))
    assert sensitivity_of(worked, "drop_off") == (None, approx(17_600 / 11_488))
    assert sensitivity_of(worked, "duration") == (None, approx(17_600 / 11_488))
    assert sensitivity_of(worked, "discount_rate") == (None, approx(11_875 / 11_488))


def test_sensitivity_ranges(worked: Result) -> None:
    deadweight = next(s for s in worked.sensitivity if s.assumption == "deadweight")
    assert deadweight.now == (0.2, 0.25)
    assert deadweight.at == approx((0.2 + 11_488 / 29_968, 0.25 + 11_488 / 29_968))
    duration = next(s for s in worked.sensitivity if s.assumption == "duration")
    assert (duration.now, duration.at, duration.reachable) == ((1, 3), (1, 1), False)


def test_thresholds_plugged_back_give_one_to_one(worked: Result) -> None:
    reachable = [s for s in worked.sensitivity if s.change is not None]
    for s in nonempty(reachable, "reachable thresholds"):
        assert s.change is not None
        moved = shifted((JOBS, SCHOOL), s.assumption, s.change)
        assert present_value(moved) / worked.total_inputs == approx(1, abs=1e-9)


def test_duration_threshold_is_the_first_whole_year_past_one_to_one() -> None:
    # One outcome worth 1,000 a year for 5 years, no discount, inputs 2,500:
    # PV 5,000 → 4,000 → 3,000 → 2,000: three years shorter is the first at or below 1 : 1.
    five = Assumptions("x", quantity=1, proxy=1000, duration=5)
    result = calculate((Contribution("a", "money", 2500, 2500),), (five,))
    assert sensitivity_of(result, "duration") == (-3, approx(0.8))


def test_a_ratio_below_one_asks_how_far_things_must_improve() -> None:
    # PV 8,000 (school), inputs 16,000: ratio 0.5 → quantities must double;
    # deadweight 20 % → 1 : 1 needs (0.8 − Δ) × 10,000 = 16,000: impossible (Δ ≥ −0.2);
    # at deadweight 0 the ratio is 10,000 / 16,000 = 0.625.
    result = calculate((Contribution("a", "money", 16_000, 16_000),), (SCHOOL,))
    assert result.ratio == approx(0.5)
    assert sensitivity_of(result, "quantity") == (approx(1.0), approx(1))
    assert sensitivity_of(result, "deadweight") == (None, approx(0.625))


# --------------------------------------------------------------------------- edge cases


def test_zero_inputs_leave_the_ratio_undefined() -> None:
    result = calculate((), (SCHOOL,))
    assert result.total_inputs == 0
    assert result.ratio is None
    assert result.payback_months is None
    assert result.sensitivity == ()
    assert result.present_value == approx(8_000)


def test_inputs_of_zero_value_give_no_shares() -> None:
    result = calculate((Contribution("a", "hours", 10, 0),), (SCHOOL,))
    assert result.ratio is None
    (share,) = result.partners
    assert (share.hours, share.share, share.value) == (10, None, None)


def test_drop_off_of_one_leaves_only_the_first_year() -> None:
    gone = Assumptions("x", quantity=1, proxy=1000, drop_off=1, duration=4, discount_rate=0.1)
    value = outcome_value(gone)
    assert value.values == (1000, 0, 0, 0)
    assert value.present_value == approx(1000 / 1.1)


def test_duration_one_and_discount_zero() -> None:
    # 3 × 500 × 0.9 (deadweight 0.1) = 1,350 in one year, not discounted.
    one = Assumptions("x", quantity=3, proxy=500, deadweight=0.1, drop_off=0.5)
    value = outcome_value(one)
    assert value.values == approx((1350,))
    assert value.present_value == approx(1350)


def test_discount_zero_sums_the_years() -> None:
    flat = Assumptions("x", quantity=1, proxy=100, drop_off=0.5, duration=3)
    assert outcome_value(flat).present_value == approx(100 + 50 + 25)


def test_no_impact_means_no_payback() -> None:
    nothing = Assumptions("x", quantity=0, proxy=1000)
    result = calculate((Contribution("a", "money", 100, 100),), (nothing,))
    assert result.ratio == 0
    assert result.payback_months is None
    assert sensitivity_of(result, "quantity") == (None, 0)


# --------------------------------------------------------------------------- properties

fractions = st.floats(min_value=0, max_value=1)
# Real numbers: nothing below a cent (a sub-normal proxy only tests float overflow).
outcomes = st.builds(
    Assumptions,
    outcome=st.just("x"),
    quantity=st.just(0.0) | st.floats(min_value=0.01, max_value=10_000),
    proxy=st.just(0.0) | st.floats(min_value=0.01, max_value=100_000),
    deadweight=fractions,
    attribution=fractions,
    displacement=fractions,
    drop_off=fractions,
    duration=st.integers(min_value=1, max_value=50),
    discount_rate=fractions,
)


@given(outcomes, fractions)
def test_more_deadweight_never_raises_the_present_value(a: Assumptions, more: float) -> None:
    raised = shifted([a], "deadweight", more)
    assert present_value(raised) <= present_value([a]) * (1 + 1e-12) + 1e-9


LOWERING: tuple[Assumption, ...] = ("attribution", "displacement", "drop_off", "discount_rate")


@given(outcomes, st.sampled_from(LOWERING))
def test_every_discount_on_the_value_lowers_it(a: Assumptions, name: Assumption) -> None:
    assert present_value(shifted([a], name, 0.1)) <= present_value([a]) * (1 + 1e-12) + 1e-9


@given(outcomes)
def test_present_value_never_exceeds_the_undiscounted_years(a: Assumptions) -> None:
    value = outcome_value(a)
    assert value.present_value <= value.impact * a.duration * (1 + 1e-12) + 1e-9


@settings(max_examples=60)
@given(
    st.lists(outcomes, min_size=1, max_size=4),
    st.floats(min_value=1, max_value=5_000_000, allow_nan=False),
)
def test_every_reachable_threshold_gives_one_to_one(
    items: list[Assumptions], inputs: float
) -> None:
    result = calculate((Contribution("a", "money", inputs, inputs),), items)
    assert result.ratio is not None
    for s in result.sensitivity:
        ratio = present_value(shifted(items, s.assumption, s.change or 0)) / inputs
        if s.change is None:
            assert (result.ratio - 1) * (s.ratio_at - 1) > 0 or s.ratio_at == approx(1)
        elif SCALES[s.assumption] == "years":
            assert ratio == approx(s.ratio_at)
            assert (ratio - 1) * (result.ratio - 1) <= 0
        else:
            # The threshold is solved in floating point: a displacement near 1 on an
            # impact of 10^8 lands within 1e-5 of one to one (shown as 1.00 either way).
            assert ratio == approx(1, rel=1e-5, abs=1e-9)


def test_every_assumption_is_in_the_sensitivity_table(worked: Result) -> None:
    assert tuple(s.assumption for s in worked.sensitivity) == ASSUMPTIONS


def test_a_denormal_impact_or_input_gives_no_payback_or_ratio_rather_than_a_crash() -> None:
    tiny = Assumptions("x", quantity=5e-324, proxy=1)
    result = calculate((Contribution("a", "money", 100, 100),), (tiny,))
    assert result.payback_months is None  # 5e-324 / 12 rounds to zero
    huge = Assumptions("x", quantity=1e15, proxy=1e15, duration=50)
    result = calculate((Contribution("a", "money", 5e-324, 5e-324),), (huge,))
    assert result.ratio is None  # beyond any float


# --------------------------------------------------------------------------- pinned details


def test_roi_yaml_is_read_into_the_worked_example(worked: Result) -> None:
    """Hours at the hourly rate; an outcome's own discount rate wins over the file's."""
    from msctool.model import RoiFile

    def outcome(a: Assumptions, **own: Any) -> dict[str, Any]:
        return {
            "id": a.outcome,
            "name": a.outcome,
            "unit": "people",
            "quantity": a.quantity,
            "financial_proxy": {"value": a.proxy, "source": "by hand"},
            "deadweight": a.deadweight,
            "attribution": a.attribution,
            "displacement": a.displacement,
            "drop_off": a.drop_off,
            "duration": a.duration,
            **own,
        }

    roi = RoiFile.model_validate(
        {
            "format_version": 1,
            "period": {"start": "2025-01-01", "end": "2025-12-31"},
            "hourly_rate": 40,
            "discount_rate": 0.0,
            "inputs": [
                {"partner": "a", "kind": "money", "amount": 6000},
                {"partner": "b", "kind": "hours", "amount": 100},
                {"partner": "b", "kind": "in-kind", "amount": 1488},
            ],
            "outcomes": [outcome(JOBS, discount_rate=0.25), outcome(SCHOOL)],
        }
    )
    assert calculate_roi(roi) == worked
    assert [o.assumptions for o in worked.outcomes] == [JOBS, SCHOOL]


def test_every_part_of_a_partner_share(worked: Result) -> None:
    a, b = worked.partners
    both = ("jobs", "school")  # inputs that name no outcomes contribute to every outcome
    assert a == type(a)("a", 6000, 0, 0, 0, approx(6000 / 11_488), approx(12_000), both)
    assert b == type(b)("b", 0, 1488, 100, 4000, approx(5488 / 11_488), approx(10_976), both)


@pytest.mark.parametrize("name", ASSUMPTIONS)
def test_a_ratio_of_exactly_one_needs_no_change(name: Assumption) -> None:
    one = Assumptions("x", quantity=2, proxy=50, deadweight=0.5, duration=2, drop_off=1)
    result = calculate((Contribution("a", "money", 50, 50),), (one,))
    assert result.ratio == 1
    value = one.get(name)
    found = next(s for s in result.sensitivity if s.assumption == name)
    assert found == Sensitivity(name, SCALES[name], (value, value), 0.0, (value, value), 1.0)


def test_where_an_unreachable_threshold_ends(worked: Result) -> None:
    """`at` is the end of the valid range: fractions at 100 %, one year at least."""
    ends = {s.assumption: (s.now, s.change, s.at) for s in worked.sensitivity}
    assert ends["drop_off"] == ((0.3, 0.5), None, (1.0, 1.0))
    assert ends["discount_rate"] == ((0.0, 0.25), None, (1.0, 1.0))
    assert ends["duration"] == ((1, 3), None, (1, 1))
    assert ends["quantity"][:2] == ((5, 10), approx(-0.5))
    assert ends["quantity"][2] == approx((2.5, 5))


def test_a_duration_that_can_never_pay_back_ends_at_the_longest() -> None:
    short = Assumptions("x", quantity=1, proxy=100)  # 100 a year, 1 year
    result = calculate((Contribution("a", "money", 10_000, 10_000),), (short,))
    duration = next(s for s in result.sensitivity if s.assumption == "duration")
    assert (duration.change, duration.at) == (None, (MAX_DURATION, MAX_DURATION))
    assert duration.ratio_at == approx(MAX_DURATION * 100 / 10_000)


def test_no_quantity_leaves_the_proxy_where_it_is() -> None:
    none = Assumptions("x", quantity=0, proxy=100)
    result = calculate((Contribution("a", "money", 100, 100),), (none,))
    proxy = next(s for s in result.sensitivity if s.assumption == "financial_proxy")
    assert (proxy.change, proxy.now, proxy.at, proxy.ratio_at) == (None, (100, 100), (100, 100), 0)


@pytest.mark.parametrize(
    ("inputs", "change"),
    [(100, -1), (150, -1), (250, 1), (300, 1)],  # 200 over 2 years: one year either way
)
def test_one_whole_year_is_found_in_either_direction(inputs: float, change: int) -> None:
    two = Assumptions("x", quantity=1, proxy=100, duration=2)
    result = calculate((Contribution("a", "money", inputs, inputs),), (two,))
    assert sensitivity_of(result, "duration")[0] == change


def test_a_threshold_at_the_end_of_the_range_is_reached() -> None:
    # 200 now, 100 at a discount rate of 100 %: exactly 1 : 1 at the end of the range.
    flat = Assumptions("x", quantity=1, proxy=200)
    result = calculate((Contribution("a", "money", 100, 100),), (flat,))
    assert sensitivity_of(result, "discount_rate") == (approx(1.0), approx(1))


def test_small_inputs_and_impacts_still_count() -> None:
    """Amounts under one (a token contribution) are amounts, not nothing."""
    assert payback_months(0.5, 0.5) == 12.0
    assert payback_months(0, 10) is None and payback_months(10, 0) is None
    tiny = calculate((Contribution("a", "money", 0.5, 0.5),), (SCHOOL,))
    assert len(tiny.sensitivity) == len(ASSUMPTIONS)
    assert (tiny.partners[0].share, tiny.partners[0].value) == (1.0, approx(8_000))


def test_every_threshold_says_how_it_is_measured(worked: Result) -> None:
    scales = [(s.assumption, s.scale) for s in worked.sensitivity]
    assert scales == [(name, SCALES[name]) for name in ASSUMPTIONS]


def test_a_ratio_below_one_finds_a_threshold_in_points() -> None:
    # School alone: 10,000 × (1 − deadweight 0.2) = 8,000 against 9,000 of inputs;
    # deadweight 0.1 gives 9,000: ten points less.
    result = calculate((Contribution("a", "money", 9_000, 9_000),), (SCHOOL,))
    assert sensitivity_of(result, "deadweight") == (approx(-0.1), approx(1))
