"""The newsletter, the partnership's drumbeat: what changed since the last issue.

Three steps, each a function, so Python code can stop at any of them:

1. :func:`window_for` — the days the issue covers. By default from the day
   after the newest earlier newsletter (``newsletters/YYYY-MM.*`` of a month
   before the as-of month, so rendering an issue again covers the same days)
   to the as-of day. Every rendered Markdown and HTML issue carries a marker of
   the day it speaks for (:func:`marker`); an issue without one (written by
   hand) counts from the first day of its month. ``since`` starts the window on a given day;
   ``period`` makes it one calendar month (ending on the as-of day if that
   comes first). Without an earlier newsletter the window covers one newsletter
   cadence: from the first day of the month one cadence before the as-of month
   (one month for weekly, fortnightly and monthly newsletters).
2. :func:`find_changes` — what happened in the window, as data: decision
   records dated in it, metric movements (:mod:`msctool.render.analysis`: a latest
   figure dated in the window against the latest figure dated before it, on the
   window's first day, the day before or earlier; "a first figure" only when
   there is no earlier figure at all), partners
   who joined or left, engagements with the people served, and retrospectives
   planned in the three months after it (:func:`retro_horizon`). When the
   partnership is in a git repository whose history reaches the day before the
   window, :func:`build_newsletter` adds what only history tells
   (:func:`msctool.history.changes.changes_in_period`): the purpose reworded or
   reaffirmed, decision rules changed, new bodies, activities added, closed or
   reassigned, targets moved, representatives changed, and partners who joined
   or left where the dates in the file do not say so (an entry removed from
   ``partners.yaml``, a joining or leaving day after the window). Without such
   history the issue is built from the dates in the files alone.
3. :func:`compose` — the issue in words. Every change becomes an :class:`Item`
   with a score; the three highest open the issue, the rest follow by kind,
   a few per section ("…and 3 more"), within a budget of 450 words, so the issue
   stays a two-minute read.

Scores (higher is bigger news; ties go to the most recent change):

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
changed 35; partners as above.

The library returns text or bytes; the CLI writes them
(:func:`msctool.render.outputs.write_output`).
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from babel.dates import format_date

from msctool.days import month_start, shift
from msctool.errors import UsageError
from msctool.fs.names import portable_name
from msctool.history.changes import Change, ChangeKind, ChangeSet, changes_in_period
from msctool.model import (
    Body,
    Dated,
    Decision,
    Engagement,
    Observation,
    Partner,
    Partnership,
    Point,
)
from msctool.model.partnership import Cadence
from msctool.render.analysis import MetricStatus, metric_status
from msctool.render.i18n import Formatter
from msctool.render.identity import Identity
from msctool.render.setup import Setup
from msctool.render.window import Window as Days

Format = Literal["md", "html", "txt", "eml"]
FORMATS: tuple[Format, ...] = ("md", "html", "txt", "eml")
Kind = Literal["decision", "governance", "metric", "partner", "activity", "engagement"]
KINDS: tuple[Kind, ...] = ("decision", "governance", "metric", "partner", "activity", "engagement")
NEWSLETTER_DIR = "newsletters"
MARKED_FORMATS: tuple[Format, ...] = ("md", "html")
"""Issues that carry a marker of the day they speak for (see :func:`marker`)."""
MARKER_TEXT = "msc newsletter as-of"
MARKER_META = "msc-newsletter-as-of"
_MARKER = re.compile(
    rf'(?:<!--\s*{MARKER_TEXT}\s+|<meta\s+name="{MARKER_META}"\s+content=")'
    r"(?P<day>\d{4}-\d{2}-\d{2})"
)
TOP = 3
"""Changes that open the issue."""
SECTION_LIMITS: dict[Kind, int] = {
    "decision": 2,
    "governance": 2,
    "metric": 3,
    "partner": 2,
    "activity": 2,
    "engagement": 1,
}
"""Changes shown per section after the opening three; the rest are counted."""
WORD_BUDGET = 450
"""A two-minute read. Changes after the opening three are left out (and counted)
rather than let an issue grow past it."""
SLACK = 40
"""Words the templates add around the texts (list numbers, headings), with room to spare."""
_WORD = re.compile(r"\S*[^\W_]\S*")
NAMES_SHOWN = 5
"""Partners named in the thank-you line when there are more than one over it; the rest
are counted ("and 3 more" — never "and 1 more": a list one over is named in full)."""
RETRO_HORIZON_MONTHS = 3
"""Retrospectives count as coming up until the end of the third month after the
window (or one newsletter cadence, when that is longer)."""
CHANGES_SHOWN = 2
"""What-changed sentences shown per engagement."""
CADENCE_MONTHS: dict[Cadence, int] = {
    "weekly": 1,
    "fortnightly": 1,
    "monthly": 1,
    "quarterly": 3,
    "half-yearly": 6,
    "yearly": 12,
}
"""A newsletter is at most monthly (one file a month); weekly and fortnightly count as one."""
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
}
"""Changes from git history that make news, and their scores; other kinds (an
entry taken out of a file, a status that went back) stay out of the issue."""
HISTORY_KINDS: dict[ChangeKind, Kind] = {
    "purpose-reworded": "governance",
    "purpose-reaffirmed": "governance",
    "decision-rule-changed": "governance",
    "body-added": "governance",
    "target-moved": "metric",
    "partner-joined": "partner",
    "partner-left": "partner",
    "representatives-changed": "partner",
    "activity-added": "activity",
    "activity-closed": "activity",
    "activity-reassigned": "activity",
}


# --------------------------------------------------------------------------- window


@dataclass(frozen=True)
class Window(Days):
    """The days an issue covers, both ends included (:class:`msctool.render.window.Window`)."""

    previous: Dated | None = None
    """The earlier newsletter the window starts at, if it does."""
    period: bool = False
    """True when the window is one calendar month (``--period``)."""

    @property
    def month(self) -> date:
        """The first day of the month the issue is for (and named after)."""
        return self.end.replace(day=1)


def parse_month(value: str, option: str = "--period") -> date:
    """``YYYY-MM`` as the first day of that month; a usage error otherwise."""
    try:
        year, month = value.split("-")
        return date(int(year), int(month), 1)
    except ValueError:
        raise UsageError(
            f"{option}: `{value}` is not a month", hint="write the month as YYYY-MM"
        ) from None


def window_for(
    partnership: Partnership,
    as_of: date,
    *,
    since: date | None = None,
    period: date | None = None,
) -> Window:
    """The window of an issue on ``as_of`` (see the module's description)."""
    if since is not None and period is not None:
        raise UsageError("give either --since or --period, not both")
    if period is not None:
        return _period_window(period, as_of)
    if since is not None:
        if since > as_of:
            raise UsageError(f"--since {since} is after the as-of date {as_of}")
        return Window(since, as_of)
    this_month = as_of.replace(day=1)
    previous = max(
        (n for n in partnership.newsletters if n.date < this_month),
        key=lambda n: n.date,
        default=None,
    )
    if previous is not None:
        marked = issue_as_of(partnership, previous.date)
        if marked is not None and marked < as_of:
            return Window(shift(marked, 1), as_of, previous)
        return Window(previous.date, as_of, previous)
    months = CADENCE_MONTHS[partnership.meta.cadence.newsletter]
    return Window(add_months(this_month, -months), as_of)


def issue_as_of(partnership: Partnership, month: date) -> date | None:
    """The day the issue of ``month`` speaks for, from its marker (see :func:`marker`)
    in ``newsletters/YYYY-MM.md`` or ``.html``; None for an issue without one (written
    by hand). With both files, the later day."""
    days = []
    for ext in MARKED_FORMATS:
        path = partnership.root / NEWSLETTER_DIR / f"{month:%Y-%m}.{ext}"
        try:
            found = _MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if found:
            try:
                days.append(date.fromisoformat(found.group("day")))
            except ValueError:
                continue
    return max(days, default=None)


def marker(output_format: Format, day: date) -> str:
    """The machine-readable note of the day an issue speaks for, so the next issue
    starts the day after: an HTML comment for Markdown, a ``<meta>`` for HTML."""
    if output_format == "md":
        return f"<!-- {MARKER_TEXT} {day.isoformat()} -->"
    if output_format == "html":
        return f'<meta name="{MARKER_META}" content="{day.isoformat()}">'
    return ""


def _period_window(month: date, as_of: date) -> Window:
    first = month.replace(day=1)
    if first > as_of:
        raise UsageError(f"--period {first:%Y-%m} is after the as-of date {as_of}")
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return Window(first, min(last, as_of), period=True)


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) ``day``'s month."""
    return month_start(day, months)


# --------------------------------------------------------------------------- changes


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
    """Changes from git history that the dates above do not show (:func:`news_from_history`)."""

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


# --------------------------------------------------------------------------- scores


def decision_score(decision: Decision) -> float:
    return DECISION_SCORES[decision.meta.status]


def movement_score(movement: Movement) -> float:
    if movement.base is None:
        return FIRST_FIGURE_SCORE
    return MOVEMENT_BASE + MOVEMENT_RANGE * min(1.0, movement.share)


def engagement_score(engagement: Engagement) -> float:
    return ENGAGEMENT_SCORE if engagement.changed else UNCHANGED_ENGAGEMENT_SCORE


# --------------------------------------------------------------------------- words


@dataclass(frozen=True)
class Item:
    """One change as the reader sees it: a bold headline and a few sentences."""

    kind: Kind
    key: str
    score: float
    day: date
    headline: str
    """Without closing punctuation (it doubles as the e-mail subject)."""
    details: tuple[str, ...]
    """The sentences after the headline."""
    top_details: tuple[str, ...] = ()
    """Longer details for the opening three (who was consulted, a second change);
    empty when they are the same as ``details``."""
    credits: tuple[str, ...] = ()
    """Partner ids to thank for it."""

    @property
    def lead(self) -> str:
        """The headline as a sentence."""
        return self.headline if self.headline[-1:] in ".!?" else self.headline + "."

    @property
    def text(self) -> str:
        """The details as one paragraph."""
        return " ".join(self.details)

    @property
    def top_text(self) -> str:
        """The details as the opening three show them."""
        return " ".join(self.top_details or self.details)


@dataclass(frozen=True)
class Section:
    kind: Kind
    title: str
    items: tuple[Item, ...]
    more: str | None
    """"…and 3 more." when the section left changes out."""


@dataclass(frozen=True)
class Newsletter:
    """An issue in words, ready for a template."""

    window: Window
    title: str
    intro: str
    top_heading: str
    top: tuple[Item, ...]
    sections: tuple[Section, ...]
    quiet: str | None
    """The friendly note of an issue in which nothing changed."""
    coming_up: tuple[str, ...]
    thanks: str
    """Empty when there is no one to thank (no partner active in the window)."""
    purpose: str
    subject: str
    preheader: str


class Words:
    """Turns changes into sentences in the output's language."""

    def __init__(self, partnership: Partnership, fmt: Formatter, window: Window) -> None:
        self.p = partnership
        self.fmt = fmt
        self.t = fmt.t
        self.window = window

    # -- small pieces

    def day(self, day: date) -> str:
        """5 November (this year) or 5 November 2025."""
        if day.year == self.window.end.year:
            return format_date(day, format="d MMMM", locale=self.fmt.locale)
        return self.fmt.date(day)

    def month(self, day: date) -> str:
        """September (this year) or September 2025."""
        if day.year == self.window.end.year:
            return format_date(day, format="MMMM", locale=self.fmt.locale)
        return self.fmt.month(day)

    def names(self, ids: Sequence[str], limit: int) -> str:
        """A, B and C — every name when there are at most ``limit + 1``; else ``limit``
        names, then "and 2 more"."""
        if len(ids) <= limit + 1:
            return self.join([self.partner_name(i) for i in ids])
        shown = [self.partner_name(i) for i in ids[:limit]]
        return self.t("newsletter_list_more", names=", ".join(shown), count=len(ids) - limit)

    def join(self, names: Sequence[str]) -> str:
        if len(names) < 2:
            return "".join(names)
        return f"{', '.join(names[:-1])} {self.t('newsletter_and')} {names[-1]}"

    def partner_name(self, partner_id: str) -> str:
        partner = self.p.partner_by_id.get(partner_id)
        return short_name(partner.name) if partner else partner_id

    # -- decisions

    def decision(self, decision: Decision) -> Item:
        meta = decision.meta
        body = self.p.body_by_id.get(meta.body)
        rule = meta.rule or (body.decision_rule if body else None)
        advice = rule == "advice" and meta.status != "withdrawn"
        kind = "advice" if advice else "decision"
        detail = self.t(
            f"newsletter_{kind}_{meta.status}",
            body=short_name(body.name) if body else meta.body,
            date=self.day(meta.date),
            rule=self._rule(decision, body),
        )
        status_key = f"newsletter_{'advice_' if advice else ''}status_{meta.status}"
        consulted = self.t("newsletter_consulted", names=self.names(meta.consulted, 3))
        return Item(
            kind="decision",
            key=f"decision-{meta.id}",
            score=decision_score(decision),
            day=meta.date,
            headline=self.t(status_key, title=self._title(meta.title, status_key)),
            details=(detail,),
            top_details=(detail, consulted) if meta.consulted else (),
            credits=tuple(meta.consulted),
        )

    def _title(self, title: str, status_key: str) -> str:
        """``title`` without a prefix the headline adds anyway ("Advice: Advice: …")."""
        for language in {self.fmt.language, self.p.meta.language}:
            prefix = Formatter(language).t(status_key, title="").strip()
            if prefix and title.casefold().startswith(prefix.casefold()):
                return title[len(prefix) :].strip() or title
        return title

    def _rule(self, decision: Decision, body: Body | None) -> str:
        """ "by consent", "Werkpunt decides as lead": the rule the body decided by."""
        rule = decision.meta.rule or (body.decision_rule if body else None)
        if rule is None:
            return self.t("newsletter_rule_none")
        if rule == "lead-decides":
            if body is None or body.lead is None:
                return self.t("newsletter_rule_lead")
            return self.t("newsletter_rule_lead_decides", lead=self.partner_name(body.lead))
        return self.t(f"newsletter_rule_{rule}")

    # -- metrics

    def movement(self, movement: Movement) -> Item:
        status = movement.status
        metric, latest = status.metric, status.latest
        assert latest is not None  # a movement has a figure in the window
        details = [self._moved(movement), self._compared(status)]
        return Item(
            kind="metric",
            key=f"metric-{metric.id}",
            score=movement_score(movement),
            day=latest.date,
            headline=f"{metric.name}: {self.fmt.quantity(latest.value, metric.unit)}",
            details=tuple(d for d in details if d),
            credits=(metric.owner,),
        )

    def _moved(self, movement: Movement) -> str:
        delta, base = movement.delta, movement.base
        if delta is None or base is None:
            return self.t("newsletter_first_figure")
        status = movement.status
        judged = status.judge(delta)
        if judged == "flat":
            return self.t("newsletter_unchanged", month=self.month(base.date))
        amount = self.fmt.number(round(abs(delta), 1))
        if status.metric.unit == "%":
            amount = self.t(
                "newsletter_points" if abs(delta) != 1 else "newsletter_point", n=amount
            )
        return self.t(
            "newsletter_up" if delta > 0 else "newsletter_down",
            amount=amount,
            month=self.month(base.date),
            judged=self.t(f"newsletter_judged_{judged}"),
        )

    def _compared(self, status: MetricStatus) -> str:
        metric = status.metric
        parts = []
        if status.forecast is not None and status.versus_forecast is not None:
            parts.append(
                self.t(
                    f"newsletter_forecast_{status.versus_forecast}",
                    forecast=self.fmt.figure(estimate(status), metric.unit),
                )
            )
        if metric.target is not None:
            target = self.fmt.figure(metric.target.value, metric.unit)
            if status.target_reached:
                parts.append(self.t("newsletter_target_reached", target=target))
            else:
                parts.append(
                    self.t("newsletter_target", target=target, month=self.month(metric.target.date))
                )
        return sentence("; ".join(parts))

    # -- partners

    def joined(self, partner: Partner) -> Item:
        gift = partner.gives[0].description if partner.gives else None
        details = [self.t("newsletter_joined_on", date=self.day(partner.joined))]
        if gift:
            details.append(self.t("newsletter_brings", gift=gift))
        return Item(
            kind="partner",
            key=f"joined-{partner.id}",
            score=JOINED_SCORE,
            day=partner.joined,
            headline=self.t("newsletter_welcome", name=short_name(partner.name)),
            details=tuple(sentence(d) for d in details),
        )

    def left(self, partner: Partner) -> Item:
        assert partner.left is not None
        return Item(
            kind="partner",
            key=f"left-{partner.id}",
            score=LEFT_SCORE,
            day=partner.left,
            headline=self.t("newsletter_goodbye", name=short_name(partner.name)),
            details=(self.t("newsletter_left_on", date=self.day(partner.left)),),
        )

    # -- engagements

    def engagement(self, engagement: Engagement) -> Item:
        values = {
            "count": self.fmt.number(engagement.participants),
            "date": self.day(engagement.date),
        }
        who = (
            self.t("newsletter_took_part_led", by=self.partner_name(engagement.led_by), **values)
            if engagement.led_by
            else self.t("newsletter_took_part", **values)
        )
        heard = self.t("newsletter_heard", heard=sentence(engagement.heard[0]))  # quoted
        return Item(
            kind="engagement",
            key=f"engagement-{engagement.id}",
            score=engagement_score(engagement),
            day=engagement.date,
            headline=engagement.title,
            details=(who, heard, *self._changed(engagement.changed, 1)),
            top_details=(who, heard, *self._changed(engagement.changed, CHANGES_SHOWN)),
            credits=(engagement.led_by,) if engagement.led_by else (),
        )

    def _changed(self, changed: Sequence[str], shown: int) -> Iterable[str]:
        """ "So we changed this: …" with ``shown`` changes, then "…and 2 more."."""
        if not changed:
            yield self.t("newsletter_nothing_changed_yet")
            return
        first = sentence(changed[0])
        yield self.t("newsletter_changed", changed=continued(first, self.p.meta.language))
        yield from (sentence(c) for c in changed[1:shown])
        left_out = len(changed) - shown
        if left_out > 0:
            key = "newsletter_more_change" if left_out == 1 else "newsletter_more_changes"
            yield self.t(key, count=left_out)

    # -- from git history

    def history(self, change: Change) -> Item:
        """A change from git history (:func:`news_from_history`) as an item."""
        makers: dict[str, Callable[[Change], tuple[str, tuple[str, ...]]]] = {
            "purpose-reworded": self._reworded,
            "purpose-reaffirmed": self._reaffirmed,
            "decision-rule-changed": self._rule_changed,
            "body-added": self._body_added,
            "target-moved": self._target_moved,
            "partner-joined": self._partner_joins,
            "partner-left": self._partner_leaves,
            "representatives-changed": self._representatives,
            "activity-added": self._activity_added,
            "activity-closed": self._activity_closed,
            "activity-reassigned": self._reassigned,
        }
        headline, details = makers[change.kind](change)
        day = change.after if isinstance(change.after, date) else self.window.end
        return Item(
            kind=HISTORY_KINDS[change.kind],
            key=f"{change.kind}-{'-'.join(change.ids)}",
            score=HISTORY_SCORES[change.kind],
            day=min(day, self.window.end),
            headline=headline,
            details=details,
            credits=self._history_credits(change),
        )

    def _history_credits(self, change: Change) -> tuple[str, ...]:
        if change.kind in ("activity-added", "activity-reassigned"):
            return tuple(i for i in change.ids[1:] if i in self.p.partner_by_id)[-1:]
        return ()

    def _reworded(self, change: Change) -> tuple[str, tuple[str, ...]]:
        statement = sentence(" ".join(str(change.after).split()))
        text = self.t("newsletter_purpose_reworded_text", statement=statement)
        purpose = self.p.meta.purpose
        if not self.window.contains(purpose.reaffirmed):
            return self.t("newsletter_purpose_reworded"), (text,)
        return self.t("newsletter_purpose_reworded"), (text, self._affirmed_by(purpose.reaffirmed))

    def _reaffirmed(self, change: Change) -> tuple[str, tuple[str, ...]]:
        day = change.after if isinstance(change.after, date) else self.window.end
        return self.t("newsletter_purpose_reaffirmed"), (self._affirmed_by(day),)

    def _affirmed_by(self, day: date) -> str:
        """Who reaffirmed the purpose on ``day``: its body, else the partners."""
        by = self.p.meta.purpose.reaffirmed_by
        body = self.p.body_by_id.get(by) if by else None
        if body is None:
            return self.t("newsletter_purpose_reaffirmed_text", date=self.day(day))
        return self.t(
            "newsletter_purpose_reaffirmed_by", body=short_name(body.name), date=self.day(day)
        )

    def _rule_name(self, rule: object) -> str:
        return self.t(f"newsletter_rule_name_{str(rule or 'none').replace('-', '_')}")

    def _rule_changed(self, change: Change) -> tuple[str, tuple[str, ...]]:
        name = short_name(change.name)
        detail = self.t(
            "newsletter_rule_changed_text",
            new=self._rule_name(change.after),
            old=self._rule_name(change.before),
        )
        return self.t("newsletter_rule_changed", body=name), (detail,)

    def _body_added(self, change: Change) -> tuple[str, tuple[str, ...]]:
        detail = self.t("newsletter_body_added_text", rule=self._rule_name(change.after))
        return self.t("newsletter_new", name=short_name(change.name)), (detail,)

    def _target_moved(self, change: Change) -> tuple[str, tuple[str, ...]]:
        metric = self.p.metric_by_id.get(change.ids[0])
        unit = metric.unit if metric else ""
        new, old = change.after, change.before
        if not isinstance(new, Point):
            return self.t("newsletter_target_dropped", metric=change.name), ()
        target = self._point(new, unit)
        if isinstance(old, Point):
            was = self._point(old, unit)
            detail = self.t("newsletter_target_moved_text", target=target, was=was)
        else:
            detail = self.t("newsletter_target_set", target=target)
        return self.t("newsletter_target_moved", metric=change.name), (detail,)

    def _point(self, point: Point, unit: str) -> str:
        figure = self.fmt.figure(point.value, unit)
        return self.t("newsletter_target_point", target=figure, month=self.month(point.date))

    def _partner_joins(self, change: Change) -> tuple[str, tuple[str, ...]]:
        day = change.after if isinstance(change.after, date) else self.window.end
        headline = self.t("newsletter_welcome", name=short_name(change.name))
        return headline, (self.t("newsletter_joins_on", date=self.day(day)),)

    def _partner_leaves(self, change: Change) -> tuple[str, tuple[str, ...]]:
        headline = self.t("newsletter_goodbye", name=short_name(change.name))
        if isinstance(change.after, date):
            return headline, (self.t("newsletter_leaves_on", date=self.day(change.after)),)
        return headline, (self.t("newsletter_no_longer_partner"),)

    def _representatives(self, change: Change) -> tuple[str, tuple[str, ...]]:
        old = change.before if isinstance(change.before, tuple) else ()
        new = change.after if isinstance(change.after, tuple) else ()
        arrived = [n for n in new if n not in old]
        gone = [n for n in old if n not in new]
        partner = short_name(change.name)
        if not arrived:
            key = "newsletter_represents_no_more" + ("_many" if len(gone) > 1 else "")
            return self.t(key, names=self.join(gone), partner=partner), (
                self.t("newsletter_thank_you_work"),
            )
        key = "newsletter_represents_now" + ("_many" if len(arrived) > 1 else "")
        headline = self.t(key, names=self.join(arrived), partner=partner)
        if not gone:
            return headline, ()
        return headline, (self.t("newsletter_represents_instead", names=self.join(gone)),)

    def _activity_added(self, change: Change) -> tuple[str, tuple[str, ...]]:
        headline = self.t("newsletter_new", name=change.name)
        partners = [i for i in change.ids[1:] if i in self.p.partner_by_id]
        if not partners:
            return headline, ()
        return headline, (self.t("newsletter_accountable", partner=self.partner_name(partners[0])),)

    def _activity_closed(self, change: Change) -> tuple[str, tuple[str, ...]]:
        activity = self.p.activity_by_id.get(change.ids[0])
        ids = activity.raci.accountables() if activity else []
        closed = "done" if change.after == "done" else "dropped"
        headline = self.t(f"newsletter_activity_{closed}", name=change.name)
        if not ids:
            return headline, ()
        detail = self.t(f"newsletter_activity_{closed}_text", partner=self.partner_name(ids[0]))
        return headline, (detail,)

    def _reassigned(self, change: Change) -> tuple[str, tuple[str, ...]]:
        new = change.after if isinstance(change.after, tuple) else ()
        old = change.before if isinstance(change.before, tuple) else ()
        taker = self.join([self.partner_name(i) for i in new]) or "—"
        headline = self.t("newsletter_takes_over", partner=taker, name=change.name)
        if not old:
            return headline, (self.t("newsletter_accountable", partner=taker),)
        giver = self.join([self.partner_name(i) for i in old])
        return headline, (self.t("newsletter_takes_over_text", partner=taker, before=giver),)


def estimate(status: MetricStatus) -> float:
    """The forecast rounded like the figures (7.6 → 8 for whole counts), unless that
    would make it look the same as the latest figure."""
    assert status.forecast is not None and status.latest is not None
    whole = all(float(o.value).is_integer() for o in status.history)
    rounded = round(status.forecast, 0 if whole else 1)
    return round(status.forecast, 1) if rounded == status.latest.value else rounded


def short_name(name: str) -> str:
    """A name without its explanation: "Werkpunt Utrecht Midden (regional …)" → "Werkpunt
    Utrecht Midden"; "Gemeente Utrecht — Maatschappelijke Ontwikkeling" → "Gemeente Utrecht"."""
    for cut in (" (", " — ", " – "):
        head = name.split(cut, 1)[0].strip()
        if head:
            name = head
    return name


_ARTICLES_AND_PRONOUNS = {
    "en": "the a an we our this these that those it its they their you your",
    "nl": "de het een we wij ons onze dit deze dat die er jullie",
}
CONTINUED_WORDS = {language: frozenset(w.split()) for language, w in _ARTICLES_AND_PRONOUNS.items()}
"""Words that lose their capital after a colon ("So we changed this: the working
group…"). Other words keep it: they may be names ("…: Domstede now offers…")."""


def continued(text: str, language: str) -> str:
    """``text`` going on after a colon: a capitalised article or pronoun in lower case.
    ``language`` is the language ``text`` is written in (the partnership's)."""
    first = text.split(" ", 1)[0]
    if (
        first.lower() in CONTINUED_WORDS.get(language, frozenset())
        and first[1:] == first[1:].lower()
    ):
        return first.lower() + text[len(first) :]
    return text


def sentence(text: str) -> str:
    """``text`` with a capital first letter and closing punctuation."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


# --------------------------------------------------------------------------- the issue


def items_of(changes: Changes, words: Words) -> list[Item]:
    """Every change as an item, biggest news first (ties: the most recent first)."""
    makers: list[tuple[Iterable[object], Callable[..., Item]]] = [
        (changes.decisions, words.decision),
        (changes.movements, words.movement),
        (changes.joined, words.joined),
        (changes.left, words.left),
        (changes.engagements, words.engagement),
        (changes.history, words.history),
    ]
    items = [make(change) for found, make in makers for change in found]
    return sorted(items, key=lambda i: (-i.score, -i.day.toordinal(), i.key))


def compose(
    partnership: Partnership,
    fmt: Formatter,
    window: Window,
    identity: Identity,
    history: ChangeSet | None = None,
) -> Newsletter:
    """The issue of ``partnership`` for ``window`` in ``fmt``'s language; ``history``
    adds what git history tells (see :func:`find_changes`)."""
    changes = find_changes(partnership, window, history)
    words = Words(partnership, fmt, window)
    items = items_of(changes, words)
    top, rest = tuple(items[:TOP]), items[TOP:]
    month = fmt.month(window.month)
    quiet = None if items else fmt.t("newsletter_quiet", start=words.day(window.start))
    letter = Newsletter(
        window=window,
        title=fmt.t("newsletter_title", name=identity.short_name, month=month),
        intro=_intro(words),
        top_heading=fmt.t(f"newsletter_top_{len(top)}") if top else "",
        top=top,
        sections=(),
        quiet=quiet,
        coming_up=tuple(_coming_up(changes, words)),
        thanks=_thanks(items, changes, words),
        purpose=fmt.t("newsletter_purpose", statement=partnership.meta.purpose.statement),
        subject=fmt.t(
            "newsletter_subject",
            name=identity.short_name,
            month=month,
            news=top[0].headline if top else fmt.t("newsletter_subject_quiet"),
        ),
        preheader=f"{top[0].lead} {top[0].text}" if top else (quiet or ""),
    )
    identity_words = count_words(f"{identity.name} {identity.tagline or ''}")
    budget = WORD_BUDGET - SLACK - frame_words(letter, words) - identity_words
    return dataclasses.replace(letter, sections=tuple(fit_sections(rest, words, budget)))


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of non-space holding a letter or digit."""
    return len(_WORD.findall(text))


def frame_words(letter: Newsletter, words: Words) -> int:
    """The words of the issue outside its sections."""
    texts = [letter.title, letter.intro, letter.top_heading, letter.quiet or ""]
    texts += [f"{item.lead} {item.top_text}" for item in letter.top]
    texts += [words.t("newsletter_coming_up"), *letter.coming_up, letter.thanks, letter.purpose]
    return sum(count_words(text) for text in texts)


def fit_sections(rest: list[Item], words: Words, budget: int) -> Iterable[Section]:
    """The changes after the opening three, by kind, within ``budget`` words.

    Kinds take turns (each kind's best change first, then each kind's second...),
    so every section shows something before any section shows more; a kind shows
    at most its SECTION_LIMITS, in order of rank, and stops at its first change
    that does not fit. What is left out is counted ("…and 3 more").
    """
    kinds = [kind for kind in KINDS if any(i.kind == kind for i in rest)]
    titles = {kind: words.t(f"newsletter_section_{kind}") for kind in kinds}
    more_words = count_words(words.t("newsletter_more", count=9))
    spent = sum(count_words(titles[kind]) + more_words for kind in kinds)
    shown: dict[Kind, list[Item]] = {kind: [] for kind in kinds}
    closed: set[Kind] = set()
    for item in _in_turns(rest):
        cost = count_words(f"{item.lead} {item.text}")
        if item.kind in closed or len(shown[item.kind]) >= SECTION_LIMITS[item.kind]:
            continue
        if spent + cost > budget:
            closed.add(item.kind)
            continue
        shown[item.kind].append(item)
        spent += cost
    for kind in kinds:
        left_out = sum(i.kind == kind for i in rest) - len(shown[kind])
        more = words.t("newsletter_more", count=left_out) if left_out else None
        yield Section(kind, titles[kind], tuple(shown[kind]), more)


def _in_turns(ranked: list[Item]) -> list[Item]:
    """Each kind's first item (in order of rank), then each kind's second..."""
    turn: dict[str, int] = {}
    order = []
    for rank, item in enumerate(ranked):
        turn[item.kind] = turn.get(item.kind, -1) + 1
        order.append((turn[item.kind], rank, item))
    return [item for _, _, item in sorted(order, key=lambda entry: entry[:2])]


def _intro(words: Words) -> str:
    window, fmt = words.window, words.fmt
    if window.previous is not None:
        return fmt.t(
            "newsletter_window_previous",
            month=fmt.month(window.previous.date),
            end=fmt.date(window.end),
        )
    if window.period:
        return fmt.t("newsletter_window_period", month=fmt.month(window.month))
    return fmt.t("newsletter_window", start=words.day(window.start), end=fmt.date(window.end))


def _coming_up(changes: Changes, words: Words) -> Iterable[str]:
    t, window = words.t, changes.window
    for retro in changes.retros_ahead[:TOP]:
        yield t("newsletter_retro_planned", date=words.day(retro.date), kind=_retro_kind(retro, t))
    if not changes.retros_ahead:
        yield _retro_due(changes, words)
    cadence = words.p.meta.cadence.newsletter
    next_issue = add_months(window.month, CADENCE_MONTHS[cadence])
    yield t("newsletter_next_issue", month=words.fmt.month(next_issue))


def _retro_kind(retro: Dated, t: Callable[..., str]) -> str:
    name = Path(retro.path).stem[len("YYYY-MM-DD-") :]
    known = {"after-action", "premortem", "appreciative"}
    return t(f"newsletter_retro_{name.replace('-', '_')}" if name in known else "newsletter_retro")


def _retro_due(changes: Changes, words: Words) -> str:
    last = changes.last_retro
    if last is None:
        return words.t("newsletter_retro_none")
    cadence = words.p.meta.cadence.retrospective
    due = add_months(last.date, CADENCE_MONTHS[cadence])
    if cadence in ("weekly", "fortnightly"):
        due = shift(last.date, 7 if cadence == "weekly" else 14)
    if due < changes.window.end.replace(day=1):
        return words.t("newsletter_retro_overdue", date=words.day(last.date))
    return words.t("newsletter_retro_due", month=words.fmt.month(due))


def _thanks(items: list[Item], changes: Changes, words: Words) -> str:
    gone = {p.id for p in changes.left}
    ids = list(dict.fromkeys(c for i in items for c in i.credits if c not in gone))
    people = sum(e.participants for e in changes.engagements)
    values = {"names": words.names(ids, NAMES_SHOWN), "people": words.fmt.number(people)}
    if ids and people:
        return words.t("newsletter_thanks", **values)
    if ids:
        return words.t("newsletter_thanks_partners", **values)
    if people:
        return words.t("newsletter_thanks_people", **values)
    active = len(words.p.active_partners(changes.window.end))
    if not active:
        return ""
    return words.t("newsletter_thanks_all", count=words.fmt.number(active))


# --------------------------------------------------------------------------- outputs


def build_newsletter(
    setup: Setup, *, since: date | None = None, period: date | None = None
) -> Newsletter:
    """The issue of ``setup``'s partnership (already seen by its audience), with what
    git history tells when it covers the window (else from the dates in the files)."""
    window = window_for(setup.partnership, setup.as_of, since=since, period=period)
    history = changes_in_period(setup.partnership, window.start, window.end, setup.notes)
    return compose(setup.partnership, setup.fmt, window, setup.identity, history)


def render_newsletter(
    setup: Setup,
    output_format: Format,
    *,
    since: date | None = None,
    period: date | None = None,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> str | bytes:
    """The issue as Markdown, e-mail-safe HTML, plain text, or an .eml message (bytes)."""
    letter = build_newsletter(setup, since=since, period=period)
    return render_issue(setup, letter, output_format, sender=sender, to=to)


def render_issue(
    setup: Setup,
    letter: Newsletter,
    output_format: Format,
    *,
    sender: str | None = None,
    to: Sequence[str] = (),
) -> str | bytes:
    """``letter`` in ``output_format``; ``sender`` and ``to`` are for ``eml`` only
    (see :mod:`msctool.render.newsletter.email`)."""
    if output_format != "eml" and (sender or to):
        raise UsageError("--from and --to are for --format eml")
    if output_format == "md":
        markdown = setup.render("newsletter.md.j2", letter=letter).rstrip("\n")
        return f"{markdown}\n\n{marker('md', letter.window.end)}\n"
    if output_format == "txt":
        return plain_text(setup, letter)
    if output_format == "html":
        return email_html(setup, letter)
    from msctool.render.newsletter.email import newsletter_message

    return newsletter_message(
        subject=letter.subject,
        text=plain_text(setup, letter),
        html=email_html(setup, letter),
        day=letter.window.end,
        language=setup.fmt.language,
        short_name=setup.identity.short_name,
        sender=sender,
        to=to,
    )


def plain_text(setup: Setup, letter: Newsletter) -> str:
    return setup.render("newsletter.txt.j2", letter=letter)


def email_html(setup: Setup, letter: Newsletter) -> str:
    """The HTML with every style inlined, for mail clients that drop ``<style>``."""
    import css_inline

    page = setup.render("newsletter.html.j2", letter=letter)
    head_end = page.find("</head>")
    if head_end >= 0:
        page = f"{page[:head_end]}{marker('html', letter.window.end)}\n{page[head_end:]}"
    html: str = css_inline.inline(page)
    return html


def default_path(partnership: Partnership, window: Window, output_format: Format) -> Path:
    """``newsletters/YYYY-MM.<ext>`` in the partnership, for the window's month."""
    name = portable_name(f"{window.month:%Y-%m}.{output_format}")
    return partnership.root / NEWSLETTER_DIR / name
