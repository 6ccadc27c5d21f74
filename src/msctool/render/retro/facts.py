"""The facts of a retrospective: what happened since the last one.

Decisions, metric movements and engagements dated after the last retrospective, the
metrics without news, and the open action items it carries forward. When the
partnership is in a git repository whose history reaches back to the last
retrospective, the facts also say what changed in the partnership itself
(:mod:`msctool.history.changes`): partners who joined or left, representatives,
activities added, closed or reassigned, targets moved, the purpose reworded or
reaffirmed, bodies and decision rules. Without that history that part is left
out, and the facts come from the dates in the files alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from msctool.days import same_day
from msctool.history.changes import ChangeSet, changes_in_period
from msctool.history.compare import KINDS as KINDS_OF_CHANGE
from msctool.history.compare import Change, ChangeKind
from msctool.load.actionitems import ActionItem, parse_action_items
from msctool.model import Dated, Decision, Engagement, Observation, Partnership
from msctool.render.analysis import MetricStatus, Trend, metric_statuses
from msctool.render.window import Window

FALLBACK_MONTHS = 3
"""Without an earlier retrospective the facts cover this many months."""
HISTORY_KINDS: tuple[ChangeKind, ...] = tuple(
    kind
    for kind in KINDS_OF_CHANGE
    if kind not in ("engagement-added", "decision-recorded", "decision-status-changed")
)
"""Changes from git history the facts list; engagements and decisions are there already."""
RETRO_DIR = "retros"


@dataclass(frozen=True)
class Movement:
    """A metric with new figures since the start of the period."""

    status: MetricStatus
    then: Observation | None
    """The latest figure on or before the day the period starts after (the last
    retrospective's), else the latest figure before the latest one; None only when the
    latest figure is the metric's first."""
    delta: float | None
    """Latest minus ``then``."""

    @property
    def latest(self) -> Observation:
        latest = self.status.latest
        assert latest is not None
        return latest

    @property
    def judgement(self) -> Trend | None:
        return self.status.judge(self.delta)


@dataclass(frozen=True)
class Facts:
    day: date
    since: date
    last: tuple[Dated, ...]
    """The newest earlier retrospective(s); empty when there is none."""
    decisions: tuple[Decision, ...]
    movements: tuple[Movement, ...]
    quiet: tuple[MetricStatus, ...]
    """Metrics without new figures in the period."""
    engagements: tuple[Engagement, ...]
    carried: tuple[ActionItem, ...]
    notes: tuple[str, ...] = ()
    history: ChangeSet | None = None
    """What git history says changed in the period; None when there is none to use."""

    @property
    def changes(self) -> tuple[Change, ...]:
        """The changes from history the agenda lists (:data:`HISTORY_KINDS`)."""
        return self.history.of(*HISTORY_KINDS) if self.history else ()

    @property
    def improved(self) -> tuple[Movement, ...]:
        return tuple(m for m in self.movements if m.judgement == "better")

    @property
    def worsened(self) -> tuple[Movement, ...]:
        return tuple(m for m in self.movements if m.judgement == "worse")

    @property
    def changed_something(self) -> tuple[Engagement, ...]:
        return tuple(e for e in self.engagements if e.changed)

    @property
    def overdue(self) -> tuple[ActionItem, ...]:
        return tuple(i for i in self.carried if i.due is not None and i.due < self.day)


def gather_facts(partnership: Partnership, day: date, *, history: bool = False) -> Facts:
    """What happened between the last retrospective before ``day`` and ``day``; with
    ``history``, also what git history says changed (when it reaches the period's start)."""
    last = last_retros(partnership, day)
    since = last[0].date if last else months_before(day, FALLBACK_MONTHS)
    period = Window.after_day(since, day)
    movements, quiet = _movements(partnership, period)
    carried, notes = _carried(partnership.root, last)
    if not last:
        notes = (f"no earlier retrospective in {RETRO_DIR}/: the facts cover three months",)
    found, said = _history(partnership, period) if history else (None, ())
    decisions = [d for d in partnership.decisions if period.contains(d.meta.date)]
    engagements = [e for e in partnership.engagements if period.contains(e.date)]
    return Facts(
        day=day,
        since=since,
        last=last,
        decisions=tuple(sorted(decisions, key=lambda d: (d.meta.date, d.meta.id))),
        movements=movements,
        quiet=quiet,
        engagements=tuple(sorted(engagements, key=lambda e: e.date)),
        carried=carried,
        notes=(*notes, *said),
        history=found,
    )


def _history(partnership: Partnership, period: Window) -> tuple[ChangeSet | None, tuple[str, ...]]:
    """Changes in ``period`` (the days after the last retrospective), and a note when
    history was there but could not be used."""
    notes: list[str] = []
    return changes_in_period(partnership, period.start, period.end, notes), tuple(notes)


def last_retros(partnership: Partnership, day: date) -> tuple[Dated, ...]:
    """The retrospective files of the newest date before ``day``."""
    earlier = [r for r in partnership.retros if r.date < day]
    if not earlier:
        return ()
    newest = max(r.date for r in earlier)
    return tuple(sorted((r for r in earlier if r.date == newest), key=lambda r: r.path))


def _movements(
    partnership: Partnership, period: Window
) -> tuple[tuple[Movement, ...], tuple[MetricStatus, ...]]:
    """Metrics with a latest figure in ``period``, each against what was known when it
    opened (:meth:`~msctool.render.analysis.MetricStatus.known_before`), and the others."""
    moved: list[Movement] = []
    quiet: list[MetricStatus] = []
    for status in metric_statuses(partnership, period.end):
        if not status.news_in(period):
            quiet.append(status)
            continue
        then = status.known_before(period)
        latest = status.latest
        delta = None if then is None or latest is None else latest.value - then.value
        moved.append(Movement(status, then, delta))
    return tuple(moved), tuple(quiet)


def _carried(root: Path, last: tuple[Dated, ...]) -> tuple[tuple[ActionItem, ...], tuple[str, ...]]:
    items: list[ActionItem] = []
    notes: list[str] = []
    for retro in last:
        try:
            text = (root / retro.path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            notes.append(f"{retro.path}: cannot read it ({exc.strerror}); nothing carried forward")
            continue
        found = parse_action_items(text, retro.path)
        items += found.open
        notes += found.notes
        if not found.found:
            notes.append(f"{retro.path}: no `## Action items` section; nothing carried forward")
    return tuple(items), tuple(notes)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    return same_day(day, -months)


def years_after(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year)."""
    return same_day(day, 12 * years)
