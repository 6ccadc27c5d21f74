"""When a figure is due: the one cadence arithmetic of msc collect and MSC606."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from msctool.collect.due import (
    MAX_PERIODS,
    owed_for,
    period,
    periods_passed,
)
from msctool.model import Metric, Observation
from msctool.model.vocabulary import Cadence, values

CADENCES: tuple[Cadence, ...] = values(Cadence)


def metric(cadence: Cadence = "monthly", baseline: date | None = None) -> Metric:
    data: dict[str, object] = {
        "id": "placements",
        "name": "Placements",
        "perspective": "stakeholders",
        "accountability": "performance",
        "kind": "better-off",
        "unit": "people",
        "direction": "up",
        "owner": "city",
        "cadence": cadence,
    }
    if baseline:
        data["baseline"] = {"value": 1, "date": baseline}
    return Metric.model_validate(data)


def figures(*days: date) -> list[Observation]:
    return [Observation(metric="placements", date=day, value=1) for day in days]


def test_a_month_end_figure_is_followed_by_month_ends() -> None:
    anchor = date(2026, 10, 31)
    assert [period(anchor, "monthly", k) for k in range(1, 5)] == [
        date(2026, 11, 30),
        date(2026, 12, 31),
        date(2027, 1, 31),
        date(2027, 2, 28),
    ]
    assert period(date(2024, 2, 29), "yearly", 1) == date(2025, 2, 28)
    assert period(date(2026, 3, 31), "quarterly", 1) == date(2026, 6, 30)


def test_a_mid_month_figure_keeps_its_day_and_weeks_count_days() -> None:
    assert period(date(2026, 1, 15), "monthly", 1) == date(2026, 2, 15)
    assert period(date(2026, 1, 30), "monthly", 1) == date(2026, 2, 28)
    assert period(date(2026, 1, 30), "monthly", 2) == date(2026, 3, 30)  # from the anchor
    assert period(date(2026, 1, 1), "weekly", 3) == date(2026, 1, 22)
    assert period(date(2026, 1, 1), "fortnightly", 1) == date(2026, 1, 15)
    assert period(date(2026, 1, 1), "half-yearly", 1) == date(2026, 7, 1)


def test_a_period_is_owed_from_its_own_day() -> None:
    anchor = date(2026, 10, 31)
    assert periods_passed(anchor, "monthly", date(2026, 11, 29)) == 0
    assert periods_passed(anchor, "monthly", date(2026, 11, 30)) == 1
    assert periods_passed(anchor, "monthly", date(2026, 12, 31)) == 2
    assert periods_passed(anchor, "weekly", date(2026, 11, 13)) == 1
    assert periods_passed(anchor, "weekly", date(2026, 11, 14)) == 2
    assert periods_passed(anchor, "monthly", anchor) == 0
    assert periods_passed(anchor, "monthly", date(2020, 1, 1)) == 0


def test_received_due_and_overdue_turn_on_the_grace_period() -> None:
    history = figures(date(2026, 9, 30), date(2026, 10, 31))
    started = date(2025, 1, 1)
    received = owed_for(metric(), history, started, date(2026, 11, 29), grace=14)
    assert (received.state, received.next_due, received.owed, received.periods) == (
        "received",
        date(2026, 11, 30),
        0,
        (),
    )
    assert received.days_late == 0
    due = owed_for(metric(), history, started, date(2026, 12, 14), grace=14)
    assert (due.state, due.days_late, due.periods) == ("due", 14, (date(2026, 11, 30),))
    overdue = owed_for(metric(), history, started, date(2026, 12, 31), grace=14)
    assert (overdue.state, overdue.days_late, overdue.owed) == ("overdue", 31, 2)
    assert overdue.periods == (date(2026, 11, 30), date(2026, 12, 31))
    assert overdue.last is not None and overdue.last.date == date(2026, 10, 31)


def test_a_later_figure_than_the_day_does_not_count() -> None:
    history = figures(date(2026, 10, 31), date(2027, 1, 31))
    item = owed_for(metric(), history, date(2025, 1, 1), date(2026, 12, 31), grace=0)
    assert item.last is not None and item.last.date == date(2026, 10, 31)
    assert item.owed == 2


def test_without_figures_the_baseline_then_the_start_is_the_anchor() -> None:
    on_baseline = owed_for(metric(baseline=date(2026, 6, 30)), [], date(2025, 1, 1),
                           date(2026, 9, 1), grace=14)  # fmt: skip
    assert on_baseline.anchor == date(2026, 6, 30)
    assert on_baseline.periods == (date(2026, 7, 31), date(2026, 8, 31))
    from_start = owed_for(metric("quarterly"), [], date(2026, 1, 1), date(2026, 7, 2), grace=14)
    assert from_start.periods == (date(2026, 4, 1), date(2026, 7, 1))


def test_a_request_asks_for_the_newest_periods_only() -> None:
    item = owed_for(metric("weekly"), figures(date(2020, 1, 1)), date(2019, 1, 1),
                    date(2026, 1, 1), grace=14)  # fmt: skip
    assert item.owed > MAX_PERIODS == len(item.periods)
    assert item.periods[-1] <= date(2026, 1, 1) < item.periods[-1] + timedelta(days=7)
    assert item.next_due == date(2020, 1, 8)  # the oldest period owed


def test_the_calendar_s_ends_give_a_result() -> None:
    assert period(date(9999, 12, 31), "yearly", 1) == date.max
    assert periods_passed(date(9999, 11, 30), "monthly", date.max) == 1
    item = owed_for(metric("weekly"), figures(date(1, 1, 1)), date(1, 1, 1), date.max, grace=14)
    assert item.state == "overdue" and len(item.periods) == MAX_PERIODS


@given(
    anchor=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    gap=st.integers(min_value=0, max_value=3000),
    cadence=st.sampled_from(CADENCES),
)
def test_the_periods_owed_are_exactly_those_that_have_come(
    anchor: date, gap: int, cadence: Cadence
) -> None:
    as_of = anchor + timedelta(days=gap)
    count = periods_passed(anchor, cadence, as_of)
    assert count == 0 or period(anchor, cadence, count) <= as_of
    assert period(anchor, cadence, count + 1) > as_of
    days = [period(anchor, cadence, k) for k in range(count + 2)]
    assert days == sorted(set(days))
