"""``metrics.yaml``: the scorecard. Observations live in ``data/*.csv``."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from msctool.model.common import Figure, FormatVersion, PartnerRef, ShortText, Slug, Strict, Text
from msctool.model.vocabulary import Accountability, Cadence, Direction, MetricKind, Perspective


class Point(Strict):
    value: Figure
    date: date
    note: ShortText | None = None


class Metric(Strict):
    id: Slug
    name: ShortText
    description: Text | None = None
    perspective: Perspective = Field(description="Balanced-scorecard perspective.")
    accountability: Accountability = Field(
        description="`population`: the whole group's condition; `performance`: our programmes."
    )
    kind: MetricKind = Field(
        description="Results-based accountability: how much, how well, better off."
    )
    unit: ShortText
    direction: Direction = Field(description="Which way is better: `up` or `down`.")
    baseline: Point | None = None
    target: Point | None = None
    owner: PartnerRef = Field(description="Partner id that keeps the data.")
    cadence: Cadence
    goal: Slug | None = None
    scorecard: bool = Field(default=True, description="Counts towards the scorecard cap.")


class MetricsFile(Strict):
    format_version: FormatVersion
    metrics: list[Metric]


class Observation(Strict):
    """One row of a ``data/*.csv`` file."""

    metric: Slug
    date: date
    value: Figure
    source: str | None = None
