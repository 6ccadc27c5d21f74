"""The changes only git history tells, in sentences (see :func:`.scoring.news_from_history`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from msctool.history.compare import Change, ChangeKind
from msctool.model import Point
from msctool.render.newsletter.scoring import HISTORY_SCORES
from msctool.render.newsletter.words import Item, Kind, Words, sentence, short_name

HISTORY_KINDS: dict[ChangeKind, Kind] = {
    "purpose-reworded": "governance",
    "purpose-reaffirmed": "governance",
    "decision-rule-changed": "governance",
    "body-added": "governance",
    "target-moved": "metric",
    "partner-joined": "partner",
    "partner-left": "partner",
    "partner-renamed": "partner",
    "representatives-changed": "partner",
    "activity-added": "activity",
    "activity-closed": "activity",
    "activity-reassigned": "activity",
}
"""The section of the issue each kind of news from git history goes in."""


class HistoryWords(Words):
    """:class:`~.words.Words`, and the changes from git history as items."""

    def history(self, change: Change) -> Item:
        """A change from git history (:func:`.scoring.news_from_history`) as an item."""
        makers: dict[str, Callable[[Change], tuple[str, tuple[str, ...]]]] = {
            "purpose-reworded": self._reworded,
            "purpose-reaffirmed": self._reaffirmed,
            "decision-rule-changed": self._rule_changed,
            "body-added": self._body_added,
            "target-moved": self._target_moved,
            "partner-joined": self._partner_joins,
            "partner-left": self._partner_leaves,
            "partner-renamed": self._partner_renamed,
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

    def _partner_renamed(self, change: Change) -> tuple[str, tuple[str, ...]]:
        """A partner under a new name (or only a new id: the same partner, say so)."""
        old = change.before if isinstance(change.before, tuple) else ()
        old_name = old[1] if len(old) > 1 else change.name
        name = short_name(change.name)
        if old_name == change.name:
            return self.t("newsletter_partner_new_id", name=name), ()
        headline = self.t("newsletter_partner_renamed", old=short_name(old_name), name=name)
        return headline, (self.t("newsletter_partner_renamed_text"),)

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
