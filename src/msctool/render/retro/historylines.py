"""What git history says changed since the last retrospective, as lines of its facts."""

from __future__ import annotations

from datetime import date

from msctool.history.compare import Change
from msctool.model import Point
from msctool.render.retro.facts import Facts
from msctool.render.setup import Setup


def history_lines(setup: Setup, facts: Facts) -> tuple[str, ...] | None:
    """The changes from history as lines in the output's language; None without history."""
    if facts.history is None:
        return None
    words = _HistoryLine(setup)
    return tuple(words.line(change) for change in facts.changes)


class _HistoryLine:
    """One change from git history as a line of the facts, in the output's language."""

    def __init__(self, setup: Setup) -> None:
        from msctool.render.templating import markdown_message

        self.t = markdown_message(setup.fmt.t)  # the lines are Markdown (**name**)
        self.fmt = setup.fmt
        self.p = setup.partnership

    def line(self, change: Change) -> str:
        values = {
            "name": change.name,
            "before": self.value(change, change.before),
            "after": self.value(change, change.after),
        }
        key = f"retro_change_{change.kind.replace('-', '_')}"
        if change.kind == "partner-left" and change.after is None:
            key += "_removed"
        elif change.kind == "activity-closed":
            key += f"_{change.after}"
        elif change.kind == "purpose-reaffirmed" and len(change.ids) > 1:
            key += "_by"
            body = self.p.body_by_id.get(change.ids[1])
            values["body"] = body.name if body else change.ids[1]
        elif change.kind == "partner-renamed":  # (id, name) before and after: the ids
            values["before"], values["after"] = change.ids[1], change.ids[0]
        elif change.kind == "activity-added":
            partners = [self._partner(i) for i in change.ids[1:]]
            values["partner"] = ", ".join(partners) or self.t("retro_change_nothing")
        return self.t(key, **values)

    def value(self, change: Change, value: object) -> str:
        """A value of ``change`` in words: a date, a target, names, a status or a rule."""
        if value is None:
            rule = change.kind.startswith("body") or change.kind == "decision-rule-changed"
            return self.t("retro_change_no_rule" if rule else "retro_change_nothing")
        if isinstance(value, date):
            return self.fmt.short_date(value)
        if isinstance(value, Point):
            metric = self.p.metric_by_id.get(change.ids[0])
            unit = metric.unit if metric else ""
            return self.t(
                "retro_change_target",
                target=_quantity(self.fmt.number(value.value), unit, self.fmt.language),
                date=self.fmt.short_date(value.date),
            )
        if isinstance(value, tuple):
            names = (
                [self._partner(i) for i in value]
                if change.kind.startswith("activity") or change.kind == "members-changed"
                else value
            )
            return ", ".join(names) or self.t("retro_change_nothing")
        return self._word(change.kind, str(value))

    def _partner(self, ident: str) -> str:
        partner = self.p.partner_by_id.get(ident)
        return partner.name if partner else ident

    def _word(self, kind: str, value: str) -> str:
        if kind.startswith("activity"):
            return self.t(f"retro_activity_status_{value}")
        if kind.startswith("body") or kind == "decision-rule-changed":
            return self.t(f"retro_rule_{value}")
        return " ".join(value.split())


def _quantity(number: str, unit: str, language: str) -> str:
    if unit == "%":
        return f"{number}{' %' if language == 'nl' else '%'}"
    return f"{number} {unit}".strip()
