"""The loaded whole: a partnership folder as one object, and the files known by date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from msctool.model.activities import Activity
from msctool.model.common import NOT_IN_TEMPLATES
from msctool.model.decisions import Decision
from msctool.model.engagement import Engagement
from msctool.model.metrics import Metric, Observation
from msctool.model.partners import Partner
from msctool.model.partnership import Body, PartnershipFile
from msctool.model.roi import RoiFile


@dataclass(frozen=True)
class Dated:
    """A generated file (retrospective agenda, newsletter) known by the date in its name."""

    path: str
    date: date


@dataclass(frozen=True)
class Partnership:
    """A whole partnership folder, loaded and validated.

    Lists hold the entries that validated; entries with errors are left out
    (``msc check`` reports them).
    """

    root: Path = field(metadata=NOT_IN_TEMPLATES)
    """The folder on disk: for msc's code, never handed to a template."""
    meta: PartnershipFile
    partners: tuple[Partner, ...] = ()
    activities: tuple[Activity, ...] = ()
    metrics: tuple[Metric, ...] = ()
    observations: tuple[Observation, ...] = ()
    roi: RoiFile | None = None
    engagements: tuple[Engagement, ...] = ()
    decisions: tuple[Decision, ...] = ()
    retros: tuple[Dated, ...] = ()
    newsletters: tuple[Dated, ...] = ()
    files: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def partner_by_id(self) -> dict[str, Partner]:
        return {p.id: p for p in self.partners}

    @cached_property
    def body_by_id(self) -> dict[str, Body]:
        return {b.id: b for b in self.meta.bodies}

    @cached_property
    def metric_by_id(self) -> dict[str, Metric]:
        return {m.id: m for m in self.metrics}

    @cached_property
    def activity_by_id(self) -> dict[str, Activity]:
        return {a.id: a for a in self.activities}

    @cached_property
    def observations_by_metric(self) -> dict[str, list[Observation]]:
        """Observations per metric id, oldest first."""
        grouped: dict[str, list[Observation]] = {}
        for obs in sorted(self.observations, key=lambda o: o.date):
            grouped.setdefault(obs.metric, []).append(obs)
        return grouped

    def active_partners(self, on: date) -> list[Partner]:
        """Partners that have joined and not yet left on ``on``."""
        return [p for p in self.partners if p.joined <= on and (p.left is None or p.left > on)]
