"""What happened in a newsletter's window, as data.

Decision records dated in it, metric movements (:mod:`msctool.render.analysis`: a
latest figure dated in the window against the latest figure dated before it, on the
window's first day, the day before or earlier; "a first figure" only when there is
no earlier figure at all), partners who joined or left, engagements with the people
served, and retrospectives planned in the three months after it
(:func:`retro_horizon`). When the partnership is in a git repository whose history
reaches the day before the window,
:func:`msctool.render.newsletter.issue.build_newsletter` adds what only history tells
(:func:`msctool.history.changes.changes_in_period`): the purpose reworded or
reaffirmed, decision rules changed, new bodies, activities added, closed or
reassigned, targets moved, representatives changed, and partners who joined or left
where the dates in the file do not say so (an entry removed from ``partners.yaml``, a
joining or leaving day after the window). Without such history the issue is built
from the dates in the files alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from msctool.days import shift
from msctool.history.changes import ChangeSet
from msctool.history.compare import Change
from msctool.model import Dated, Decision, Engagement, Partner, Partnership
from msctool.render.analysis import metric_status
from msctool.render.newsletter.scoring import Movement, news_from_history
from msctool.render.newsletter.window import CADENCE_MONTHS, Window, add_months

RETRO_HORIZON_MONTHS = 3
"""Retrospectives count as coming up until the end of the third month after the
window (or one newsletter cadence, when that is longer)."""


@dataclass(frozen=True)
class Changes:
    """What happened in a window, as data."""

    window: Window
    decisions: tuple[Decision, ...] = ()
    movements: tuple[Movement, ...] = ()
    joined: tuple[Partner, ...] = ()
    left: tuple[Partner, ...] = ()
    engagements: tuple[Engagement, ...] = ()
    retros_ahead: tuple[Dated, ...] = ()
    """Retrospectives dated after the window, up to its horizon (:func:`retro_horizon`)."""
    last_retro: Dated | None = None
    history: tuple[Change, ...] = ()
    """Changes from git history that the dates above do not show
    (:func:`.scoring.news_from_history`)."""

    @property
    def empty(self) -> bool:
        return not (
            self.decisions
            or self.movements
            or self.joined
            or self.left
            or self.engagements
            or self.history
        )


def find_changes(
    partnership: Partnership, window: Window, history: ChangeSet | None = None
) -> Changes:
    """Everything in ``partnership`` that changed between the window's first and last day;
    with ``history`` (git, :func:`msctool.history.changes.changes_in_period`) also what only
    history tells."""

    inside = window.contains
    retros = sorted(partnership.retros, key=lambda r: r.date)
    horizon = retro_horizon(partnership, window)
    return Changes(
        window=window,
        decisions=tuple(d for d in partnership.decisions if inside(d.meta.date)),
        movements=tuple(_movements(partnership, window)),
        joined=tuple(p for p in partnership.partners if inside(p.joined)),
        left=tuple(p for p in partnership.partners if p.left is not None and inside(p.left)),
        engagements=tuple(e for e in partnership.engagements if inside(e.date)),
        retros_ahead=tuple(r for r in retros if window.after(r.date) and r.date <= horizon),
        last_retro=next((r for r in reversed(retros) if not window.after(r.date)), None),
        history=news_from_history(history, window) if history else (),
    )


def retro_horizon(partnership: Partnership, window: Window) -> date:
    """The last day a retrospective counts as coming up: the end of the third month
    after the window's (or of one newsletter cadence, when that is longer)."""
    months = max(RETRO_HORIZON_MONTHS, CADENCE_MONTHS[partnership.meta.cadence.newsletter])
    return shift(add_months(window.end, months + 1), -1)


def _movements(partnership: Partnership, window: Window) -> Iterable[Movement]:
    """Metrics whose latest figure up to the window's last day is dated in the window,
    each compared with the latest figure dated before it (wherever the window starts)."""
    for metric in partnership.metrics:
        status = metric_status(partnership, metric, window.end)
        if status.news_in(window):
            yield Movement(status, status.previous)
