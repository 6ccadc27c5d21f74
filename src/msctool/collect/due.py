"""The one place that knows when a figure is due.

A metric's figures come at its cadence. The periods run on from an anchor: the
metric's newest figure, else its baseline's date, else the day the partnership
began (its first partner's join date) — the anchor ``msc check``'s MSC603 uses
too. Period *k* is the anchor moved by *k* steps of the cadence (7 or 14 days;
1, 3, 6 or 12 months, counted from the anchor each time, so a figure of 31
October is followed by 30 November, 31 December, 31 January ...: a month-end
anchor keeps month ends). A period is owed once its day has come; the figure of
the oldest owed period is *due* on that day. With ``grace`` days (the threshold
``collect_grace_days``) the owner is *late* within the grace and *overdue*
after it.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from msctool.days import same_day, shift
from msctool.model import Metric, Observation, Partnership
from msctool.model.vocabulary import Cadence

State = Literal["received", "due", "overdue"]
"""received: nothing owed yet; due: owed, within the grace period; overdue: past it."""
STATES: tuple[State, ...] = ("received", "due", "overdue")

STEP_DAYS: dict[Cadence, int] = {"weekly": 7, "fortnightly": 14}
STEP_MONTHS: dict[Cadence, int] = {"monthly": 1, "quarterly": 3, "half-yearly": 6, "yearly": 12}
MAX_PERIODS = 24
"""The most periods a request asks for per metric (the newest ones): an owner who
is two years behind on a weekly metric is asked for half a year, not a hundred rows."""


@dataclass(frozen=True)
class Owed:
    """What one metric's owner owes as of a day."""

    metric: Metric
    last: Observation | None
    """The newest figure on or before the day."""
    anchor: date
    next_due: date
    """The day the next figure is (or was) due: the oldest period not received."""
    owed: int
    """How many periods are owed (0 when the state is ``received``)."""
    periods: tuple[date, ...]
    """The owed periods' days, oldest first: the newest :data:`MAX_PERIODS` of them."""
    days_late: int
    """Days since ``next_due`` (0 when it has not come)."""
    state: State


def period(anchor: date, cadence: Cadence, k: int) -> date:
    """The day of period ``k`` after ``anchor`` (``k`` = 0 is the anchor itself)."""
    if cadence in STEP_DAYS:
        return shift(anchor, STEP_DAYS[cadence] * k)
    moved = same_day(anchor, STEP_MONTHS[cadence] * k)
    if _month_end(anchor) and moved not in (date.min, date.max):
        return moved.replace(day=calendar.monthrange(moved.year, moved.month)[1])
    return moved


def next_period(day: date, cadence: Cadence) -> date:
    """The day of the period after the one of ``day``."""
    return period(day, cadence, 1)


def periods_passed(anchor: date, cadence: Cadence, as_of: date) -> int:
    """How many periods after ``anchor`` have come by ``as_of`` (their day <= ``as_of``)."""
    if as_of <= anchor:
        return 0
    if cadence in STEP_DAYS:
        return (as_of - anchor).days // STEP_DAYS[cadence]
    step = STEP_MONTHS[cadence]
    months = (as_of.year - anchor.year) * 12 + as_of.month - anchor.month
    count = months // step + 1
    while count > 0 and (_month(anchor) + step * count > _month(date.max) or
                         period(anchor, cadence, count) > as_of):  # fmt: skip
        count -= 1  # beyond the calendar's last month, or after the day
    return count


def owed_for(
    metric: Metric, history: Sequence[Observation], started: date, as_of: date, grace: int
) -> Owed:
    """What ``metric``'s owner owes on ``as_of``; ``history`` is its figures, oldest first."""
    last = next((o for o in reversed(history) if o.date <= as_of), None)
    anchor = last.date if last else (metric.baseline.date if metric.baseline else started)
    count = periods_passed(anchor, metric.cadence, as_of)
    first = max(1, count - MAX_PERIODS + 1)
    periods = tuple(period(anchor, metric.cadence, k) for k in range(first, count + 1))
    next_due = period(anchor, metric.cadence, 1)
    late = max(0, (as_of - next_due).days) if count else 0
    return Owed(metric, last, anchor, next_due, count, periods, late, _state(count, late, grace))


def owed(partnership: Partnership, as_of: date, grace: int | None = None) -> list[Owed]:
    """What every metric's owner owes on ``as_of``, in the order of metrics.yaml;
    ``grace`` defaults to the partnership's ``collect_grace_days``."""
    days = partnership.meta.checks.thresholds.collect_grace_days if grace is None else grace
    began = started(partnership)
    by_metric = partnership.observations_by_metric
    return [owed_for(m, by_metric.get(m.id, []), began, as_of, days) for m in partnership.metrics]


def started(partnership: Partnership) -> date:
    """When the partnership began, as far as the data tells: its first partner's join
    date (the day its purpose was last reaffirmed when it has no partners)."""
    joined = [partner.joined for partner in partnership.partners]
    return min(joined, default=partnership.meta.purpose.reaffirmed)


def _state(count: int, late: int, grace: int) -> State:
    if count == 0:
        return "received"
    return "overdue" if late > grace else "due"


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]
