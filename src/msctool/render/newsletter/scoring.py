"""What makes news, and how big: every change gets a score.

Higher is bigger news; ties go to the most recent change:

========================================  ==========================================
accepted decision                         100
rejected decision (a clear "no")          65
partner joined / left                     60 / 55
metric movement                           40 + 50 × share, at most 90 — *share* is
                                          the movement as a share of the way from
                                          baseline to target (of the earlier value
                                          when the metric has no baseline and target)
engagement that changed something         50 (20 when nothing changed yet)
proposed decision (a vote to come)        45
a metric's first figure                   35
withdrawn or superseded decision          30
========================================  ==========================================

From git history (see :data:`HISTORY_SCORES`): purpose reworded 70, decision
rule changed 55, purpose reaffirmed 50, activity reassigned and target moved
45, activity added 42, activity closed and body added 40, representatives
changed 35; partners as above. Other changes from history (an entry taken out
of a file, a status that went back) make no news (:func:`news_from_history`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from msctool.history.changes import ChangeSet
from msctool.history.compare import Change, ChangeKind
from msctool.model import Decision, Engagement, Observation
from msctool.render.analysis import MetricStatus
from msctool.render.newsletter.window import Window

DECISION_SCORES = {
    "accepted": 100.0,
    "rejected": 65.0,
    "proposed": 45.0,
    "withdrawn": 30.0,
    "superseded": 30.0,
}
JOINED_SCORE, LEFT_SCORE = 60.0, 55.0
ENGAGEMENT_SCORE, UNCHANGED_ENGAGEMENT_SCORE = 50.0, 20.0
FIRST_FIGURE_SCORE = 35.0
MOVEMENT_BASE, MOVEMENT_RANGE = 40.0, 50.0
HISTORY_SCORES: dict[ChangeKind, float] = {
    "purpose-reworded": 70.0,
    "partner-joined": JOINED_SCORE,
    "partner-left": LEFT_SCORE,
    "decision-rule-changed": 55.0,
    "purpose-reaffirmed": 50.0,
    "activity-reassigned": 45.0,
    "target-moved": 45.0,
    "activity-added": 42.0,
    "activity-closed": 40.0,
    "body-added": 40.0,
    "representatives-changed": 35.0,
    "partner-renamed": 35.0,
}
"""Changes from git history that make news, and their scores; other kinds (an
entry taken out of a file, a status that went back) stay out of the issue."""


@dataclass(frozen=True)
class Movement:
    """A metric that has new figures in the window."""

    status: MetricStatus
    base: Observation | None
    """The latest figure dated before the latest one (:func:`msctool.render.analysis.earlier_figure`),
    in the window or before it; None only when there is no earlier figure at all."""

    @property
    def delta(self) -> float | None:
        latest = self.status.latest
        return None if self.base is None or latest is None else latest.value - self.base.value

    @property
    def share(self) -> float:
        """The movement as a share of the way from baseline to target (see the scores)."""
        delta = self.delta
        if not delta:
            return 0.0
        metric = self.status.metric
        if metric.baseline and metric.target and metric.target.value != metric.baseline.value:
            scale = abs(metric.target.value - metric.baseline.value)
        else:
            scale = abs(self.base.value) if self.base else 0.0
        return abs(delta) / scale if scale else 1.0


def decision_score(decision: Decision) -> float:
    return DECISION_SCORES[decision.meta.status]


def movement_score(movement: Movement) -> float:
    if movement.base is None:
        return FIRST_FIGURE_SCORE
    return MOVEMENT_BASE + MOVEMENT_RANGE * min(1.0, movement.share)


def engagement_score(engagement: Engagement) -> float:
    return ENGAGEMENT_SCORE if engagement.changed else UNCHANGED_ENGAGEMENT_SCORE


def news_from_history(history: ChangeSet, window: Window) -> tuple[Change, ...]:
    """The changes of ``history`` that make news (:data:`HISTORY_SCORES`) and that the
    dates in the files do not already show: a partner who joined or left in the window
    is news from its dates; from history come a partner removed from the file and a
    joining or leaving day after the window (announced); a day before the window is a
    late entry, not news."""
    news = []
    reworded = bool(history.of("purpose-reworded"))
    for change in history.changes:
        if change.kind not in HISTORY_SCORES:
            continue
        if change.kind == "purpose-reaffirmed" and reworded:
            continue  # the new words are news enough; the rewording item says who
        if change.kind in ("partner-joined", "partner-left") and not _partner_news(change, window):
            continue
        news.append(change)
    return tuple(news)


def _partner_news(change: Change, window: Window) -> bool:
    day = change.after
    if change.kind == "partner-joined" and change.before is not None:
        return False  # back after leaving: its dates are old
    if day is None:
        return change.kind == "partner-left"  # removed from partners.yaml
    return isinstance(day, date) and window.after(day)
