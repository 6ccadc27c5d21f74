"""Changes in sentences: each change an :class:`Item` (a headline and a few
sentences) in the output's language, with its score (:mod:`.scoring`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from babel.dates import format_date

from msctool.model import Body, Decision, Engagement, Partner, Partnership
from msctool.render.analysis import MetricStatus
from msctool.render.i18n import Formatter
from msctool.render.newsletter.scoring import (
    JOINED_SCORE,
    LEFT_SCORE,
    Movement,
    decision_score,
    engagement_score,
    movement_score,
)
from msctool.render.newsletter.window import Window

Kind = Literal["decision", "governance", "metric", "partner", "activity", "engagement"]
KINDS: tuple[Kind, ...] = ("decision", "governance", "metric", "partner", "activity", "engagement")
CHANGES_SHOWN = 2
"""What-changed sentences shown per engagement."""


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
