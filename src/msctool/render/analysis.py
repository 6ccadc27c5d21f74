"""What the numbers say: per metric the latest value, its movement, target and forecast.

Every render that mentions a metric (scorecard, newsletter, retrospective)
uses :func:`metric_status`, so they all tell the same story.

A figure is compared with the latest figure dated before it (:func:`earlier_figure`),
whatever window a document covers; "a first figure" only when there is none.

The forecast is a straight line (least squares) through the observations
*before* the latest one, read at the latest one's date: "were we ahead of
where the trend said we would be?".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from msctool.model import Metric, Observation, Partnership
from msctool.render.window import Window

Trend = Literal["better", "worse", "flat"]
FLAT = 1e-9


@dataclass(frozen=True)
class MetricStatus:
    metric: Metric
    history: tuple[Observation, ...]
    """Observations up to the as-of date, oldest first."""
    forecast: float | None
    """The trend of the earlier observations, read at the latest date."""

    @property
    def latest(self) -> Observation | None:
        return self.history[-1] if self.history else None

    @property
    def previous(self) -> Observation | None:
        """The figure the latest is compared with: the latest one dated before it
        (:func:`earlier_figure`); None when there is no earlier figure at all."""
        return None if self.latest is None else earlier_figure(self.history, self.latest.date)

    @property
    def change(self) -> float | None:
        """Latest minus previous value."""
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value

    def news_in(self, window: Window) -> bool:
        """Whether the latest figure is dated in ``window`` (a movement to report)."""
        return self.latest is not None and window.contains(self.latest.date)

    def known_before(self, window: Window) -> Observation | None:
        """What a reader knew when ``window`` opened: the latest figure dated before
        its first day, else (every earlier figure falls in the window) the latest
        figure dated before the latest; None only when the latest is the first figure
        there is."""
        if self.latest is None:
            return None
        known = [o for o in self.history if window.before(o.date)]
        return known[-1] if known else self.previous

    def judge(self, delta: float | None) -> Trend | None:
        """Whether a movement of ``delta`` is good news, given the metric's direction."""
        if delta is None:
            return None
        if abs(delta) < FLAT:
            return "flat"
        good = delta > 0 if self.metric.direction == "up" else delta < 0
        return "better" if good else "worse"

    @property
    def trend(self) -> Trend | None:
        return self.judge(self.change)

    @property
    def versus_forecast(self) -> Trend | None:
        """better: the latest value beats the forecast."""
        if self.forecast is None or self.latest is None:
            return None
        return self.judge(self.latest.value - self.forecast)

    @property
    def to_target(self) -> float | None:
        """How far the latest value still is from the target (0 or less: reached)."""
        target = self.metric.target
        if target is None or self.latest is None:
            return None
        gap = target.value - self.latest.value
        return gap if self.metric.direction == "up" else -gap

    @property
    def target_reached(self) -> bool | None:
        gap = self.to_target
        return None if gap is None else gap <= 0


def earlier_figure(history: Sequence[Observation], day: date) -> Observation | None:
    """The latest of ``history`` (oldest first) dated before ``day``: what a figure of
    ``day`` is compared with, wherever a window starts; None when none is earlier."""
    earlier = [o for o in history if o.date < day]
    return earlier[-1] if earlier else None


def metric_status(partnership: Partnership, metric: Metric, as_of: date) -> MetricStatus:
    history = tuple(
        o for o in partnership.observations_by_metric.get(metric.id, []) if o.date <= as_of
    )
    return MetricStatus(metric, history, linear_forecast(history))


def metric_statuses(partnership: Partnership, as_of: date) -> list[MetricStatus]:
    return [metric_status(partnership, m, as_of) for m in partnership.metrics]


def linear_forecast(history: tuple[Observation, ...]) -> float | None:
    """Least-squares line through all but the latest observation, at the latest date."""
    if len(history) < 3:
        return None
    *earlier, latest = history
    slope, intercept = fit_line([(o.date.toordinal(), o.value) for o in earlier])
    return slope * latest.date.toordinal() + intercept


def fit_line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Slope and intercept of the least-squares line through ``points`` (two or more)."""
    n = len(points)
    mean_x = sum(x for x, _ in points) / n
    mean_y = sum(y for _, y in points) / n
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0, mean_y
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x
