"""Two partnerships set side by side: every change between them as data.

:func:`compare` takes two loaded models (the earlier may be None: nothing) and
gives :class:`Change` items, each with a kind, the ids involved, the value before
and after, and a one-line description. It reads no files and no git: where the
two points come from is :mod:`msctool.history.changes`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal, TypeVar, get_args

from msctool.load.root import ROOT_FILE
from msctool.model import Activity, Body, Decision, Engagement, Metric, Partner, Partnership
from msctool.model.metrics import Point

ChangeKind = Literal[
    "partner-joined",
    "partner-left",
    "partner-renamed",
    "representatives-changed",
    "activity-added",
    "activity-removed",
    "activity-closed",
    "activity-status-changed",
    "activity-reassigned",
    "metric-added",
    "metric-removed",
    "target-moved",
    "purpose-reworded",
    "purpose-reaffirmed",
    "goal-added",
    "goal-retitled",
    "body-added",
    "body-removed",
    "decision-rule-changed",
    "members-changed",
    "segment-added",
    "engagement-added",
    "outcome-added",
    "decision-recorded",
    "decision-status-changed",
]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
"""Every kind of change, in the order a report lists them."""
Value = str | float | date | tuple[str, ...] | Point | None
"""What a :class:`Change` holds before and after: text, a number, a date, ids or
names, a metric target (value and date), or None (absent)."""
CLOSED = ("done", "dropped")
T = TypeVar("T")


@dataclass(frozen=True)
class Change:
    """One change: ``ids[0]`` is the entry that changed (a partner, activity, metric,
    body or engagement id, a decision number; ``purpose`` for the purpose), the
    other ids are the ones it involves (the partners an activity moved between)."""

    kind: ChangeKind
    ids: tuple[str, ...]
    name: str
    """The entry's name or title, as the later point has it (the earlier when it is gone)."""
    before: Value
    after: Value
    description: str
    """One line of English for people; renders build their own sentences from the values."""
    file: str
    """The file the change is in, relative to the partnership folder."""


def compare(
    before: Partnership | None, after: Partnership, renames: Mapping[str, str] | None = None
) -> tuple[Change, ...]:
    """Every change from ``before`` (None: nothing) to ``after``, in :data:`KINDS` order.
    ``renames`` (old id → new id, :mod:`msctool.history.renames`): partners whose id
    changed in between; each is one ``partner-renamed`` change, compared under its
    new id everywhere (an activity's accountable partner renamed is no reassignment)."""
    renamed = _renamed_partners(before, after, renames or {})
    found = [
        *_partners(before, after, renamed),
        *_activities(before, after, renamed),
        *_metrics(before, after),
        *_purpose(before, after),
        *_goals(before, after),
        *_bodies(before, after, renamed),
        *_segments(before, after),
        *_engagements(before, after),
        *_outcomes(before, after),
        *_decisions(before, after),
    ]
    order = {kind: index for index, kind in enumerate(KINDS)}
    return tuple(sorted(found, key=lambda c: order[c.kind]))


def _pairs(
    before: Iterable[T], after: Iterable[T], key: Callable[[T], str]
) -> Iterator[tuple[str, T | None, T | None]]:
    """Entries matched by id: (id, before or None, after or None), ids in the order of
    ``after``, then the ones that are gone."""
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}
    for ident, item in new.items():
        yield ident, old.get(ident), item
    for ident, item in old.items():
        if ident not in new:
            yield ident, item, None


def _label(name: str, ident: str) -> str:
    return f"{name} ({ident})"


# -- partners


def _partners(
    before: Partnership | None, after: Partnership, renamed: Mapping[str, str]
) -> Iterator[Change]:
    old = before.partners if before else ()
    for _, was, now in _pairs(old, after.partners, lambda p: renamed.get(p.id, p.id)):
        if was is not None and now is not None and was.id != now.id:
            yield _renamed(was, now)
        if now is None:
            assert was is not None
            yield _partner_change("partner-left", was, was.left, None, "partner removed")
            continue
        if was is None or (was.left is not None and now.left is None):
            yield _joined(was, now)
        elif was.left is None and now.left is not None:
            yield _partner_change("partner-left", now, None, now.left, f"left on {now.left}")
        if was is not None:
            yield from _representatives(was, now)


def _renamed_partners(
    before: Partnership | None, after: Partnership, renames: Mapping[str, str]
) -> dict[str, str]:
    """Old id → new id of the partners renamed from ``before`` to ``after``: the
    ``renames`` of history whose old id is gone and new id is new, then, among the
    partners still gone and new, a pair that is plainly one partner (a rename by hand):
    the same day it joined, the same sector, and the same name, website or people."""
    if before is None:
        return {}
    old, new = before.partner_by_id, after.partner_by_id
    found = {
        a: b for a, b in renames.items() if a in old and a not in new and b in new and b not in old
    }
    gone = [p for i, p in old.items() if i not in new and i not in found]
    added = [p for i, p in new.items() if i not in old and i not in found.values()]
    for was in gone:
        alike = [now for now in added if _same_partner(was, now)]
        if len(alike) == 1 and [w for w in gone if _same_partner(w, alike[0])] == [was]:
            found[was.id] = alike[0].id
    return found


def _same_partner(was: Partner, now: Partner) -> bool:
    people = tuple(r.name for r in was.representatives)
    return (
        was.joined == now.joined
        and was.sector == now.sector
        and (
            was.name == now.name
            or (was.website is not None and was.website == now.website)
            or (bool(people) and people == tuple(r.name for r in now.representatives))
        )
    )


def _renamed(was: Partner, now: Partner) -> Change:
    """A partner's new id (and maybe name): before and after are (id, name)."""
    description = f"{_label(was.name, was.id)} is now {_label(now.name, now.id)}"
    old, new = (was.id, was.name), (now.id, now.name)
    return Change(
        "partner-renamed", (now.id, was.id), now.name, old, new, description, "partners.yaml"
    )


def _joined(was: Partner | None, now: Partner) -> Change:
    if was is not None:  # `left` taken out again
        return _partner_change("partner-joined", now, was.left, now.joined, "is back")
    return _partner_change("partner-joined", now, None, now.joined, f"joined on {now.joined}")


def _partner_change(
    kind: ChangeKind, partner: Partner, before: Value, after: Value, what: str
) -> Change:
    label = _label(partner.name, partner.id)
    if what == "partner removed":
        description = f"{label} was removed from partners.yaml"
    else:
        description = f"{label} {what}"
    return Change(kind, (partner.id,), partner.name, before, after, description, "partners.yaml")


def _representatives(was: Partner, now: Partner) -> Iterator[Change]:
    old = tuple(r.name for r in was.representatives)
    new = tuple(r.name for r in now.representatives)
    if old == new:
        return
    description = f"{_label(now.name, now.id)} representatives: {_names(old)} → {_names(new)}"
    yield Change(
        "representatives-changed", (now.id,), now.name, old, new, description, "partners.yaml"
    )


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(names) or "none"


# -- activities


def _activities(
    before: Partnership | None, after: Partnership, renamed: Mapping[str, str]
) -> Iterator[Change]:
    old = before.activities if before else ()
    for _, was, now in _pairs(old, after.activities, lambda a: a.id):
        if was is None or now is None:
            yield _activity_presence(was, now)
            continue
        if was.status != now.status:
            yield _activity_status(was, now)
        old_ids = tuple(renamed.get(i, i) for i in was.raci.accountables())
        new_ids = tuple(now.raci.accountables())
        if old_ids != new_ids:
            involved = tuple(dict.fromkeys((now.id, *old_ids, *new_ids)))
            description = (
                f"activity {_label(now.name, now.id)}: accountable "
                f"{_names(old_ids)} → {_names(new_ids)}"
            )
            yield Change(
                "activity-reassigned",
                involved,
                now.name,
                old_ids,
                new_ids,
                description,
                "activities.yaml",
            )


def _activity_presence(was: Activity | None, now: Activity | None) -> Change:
    if now is not None:
        accountable = _names(tuple(now.raci.accountables()))
        description = (
            f"activity {_label(now.name, now.id)} added ({now.status}, accountable: {accountable})"
        )
        ids = (now.id, *now.raci.accountables())
        return Change(
            "activity-added", ids, now.name, None, now.status, description, "activities.yaml"
        )
    assert was is not None
    description = f"activity {_label(was.name, was.id)} removed from activities.yaml"
    return Change(
        "activity-removed", (was.id,), was.name, was.status, None, description, "activities.yaml"
    )


def _activity_status(was: Activity, now: Activity) -> Change:
    kind: ChangeKind = "activity-closed" if now.status in CLOSED else "activity-status-changed"
    description = f"activity {_label(now.name, now.id)} {now.status} (was {was.status})"
    return Change(kind, (now.id,), now.name, was.status, now.status, description, "activities.yaml")


# -- metrics


def _metrics(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.metrics if before else ()
    for _, was, now in _pairs(old, after.metrics, lambda m: m.id):
        if now is None:
            assert was is not None
            description = f"metric {_label(was.name, was.id)} removed from metrics.yaml"
            yield _metric_change("metric-removed", was, was.target, None, description)
        elif was is None:
            description = (
                f"metric {_label(now.name, now.id)} added (target: {_target(now, now.target)})"
            )
            yield _metric_change("metric-added", now, None, now.target, description)
        elif was.target != now.target:
            description = (
                f"metric {_label(now.name, now.id)}: target "
                f"{_target(was, was.target)} → {_target(now, now.target)}"
            )
            yield _metric_change("target-moved", now, was.target, now.target, description)


def _metric_change(
    kind: ChangeKind, metric: Metric, before: Value, after: Value, description: str
) -> Change:
    return Change(kind, (metric.id,), metric.name, before, after, description, "metrics.yaml")


def _target(metric: Metric, target: Point | None) -> str:
    if target is None:
        return "none"
    return f"{target.value:g} {metric.unit} by {target.date}"


# -- purpose and governance


def _purpose(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    now = after.meta.purpose
    was = before.meta.purpose if before else None
    if was is None or _words(was.statement) != _words(now.statement):
        old = was.statement if was else None
        description = f"purpose {'reworded' if was else 'stated'}: {short(now.statement)}"
        yield Change(
            "purpose-reworded", ("purpose",), "", old, now.statement, description, ROOT_FILE
        )
    if was is not None and was.reaffirmed != now.reaffirmed:
        by = f" by {now.reaffirmed_by}" if now.reaffirmed_by else ""
        description = f"purpose reaffirmed on {now.reaffirmed}{by} (before: {was.reaffirmed})"
        ids = ("purpose", now.reaffirmed_by) if now.reaffirmed_by else ("purpose",)
        yield Change(
            "purpose-reaffirmed", ids, "", was.reaffirmed, now.reaffirmed, description, ROOT_FILE
        )


def _words(text: str) -> str:
    return " ".join(text.split())


def short(text: str, limit: int = 100) -> str:
    """``text`` on one line, cut at ``limit`` characters."""
    line = _words(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _goals(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.meta.goals if before else ()
    for ident, was, now in _pairs(old, after.meta.goals, lambda g: g.id):
        if now is None:
            continue  # a goal taken out: its activities and metrics say more than it
        if was is None:
            description = f"goal {_label(now.title, ident)} added"
            yield Change("goal-added", (ident,), now.title, None, now.title, description, ROOT_FILE)
        elif _words(was.title) != _words(now.title):
            description = f"goal {ident} is now: {now.title} (was: {was.title})"
            yield Change(
                "goal-retitled", (ident,), now.title, was.title, now.title, description, ROOT_FILE
            )


def _segments(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.meta.target_population.segments if before else ()
    new = after.meta.target_population.segments
    for ident, was, now in _pairs(old, new, lambda s: s.id):
        if was is None and now is not None:
            description = f"segment {_label(now.name, ident)} of the people served added"
            yield Change(
                "segment-added", (ident,), now.name, None, now.name, description, ROOT_FILE
            )


def _outcomes(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.roi.outcomes if before and before.roi else ()
    new = after.roi.outcomes if after.roi else ()
    for ident, was, now in _pairs(old, new, lambda o: o.id):
        if was is None and now is not None:
            description = f"ROI outcome {_label(now.name, ident)} added"
            yield Change(
                "outcome-added", (ident,), now.name, None, now.name, description, "roi.yaml"
            )


def _members(was: Body, now: Body, renamed: Mapping[str, str]) -> Change | None:
    """Partners that joined or left a body (a renamed partner neither joined nor left)."""
    before = tuple(renamed.get(m, m) for m in was.members)
    if set(before) == set(now.members):
        return None
    joined = [m for m in now.members if m not in before]
    left = [m for m in before if m not in now.members]
    parts = [f"+{', '.join(joined)}" if joined else "", f"-{', '.join(left)}" if left else ""]
    description = f"members of {_label(now.name, now.id)}: {' '.join(p for p in parts if p)}"
    return Change(
        "members-changed",
        (now.id, *joined, *left),
        now.name,
        before,
        tuple(now.members),
        description,
        ROOT_FILE,
    )


def _bodies(
    before: Partnership | None, after: Partnership, renamed: Mapping[str, str]
) -> Iterator[Change]:
    old = before.meta.bodies if before else ()
    for _, was, now in _pairs(old, after.meta.bodies, lambda b: b.id):
        if was is not None and now is not None:
            members = _members(was, now, renamed)
            if members is not None:
                yield members
        if now is None:
            assert was is not None
            description = f"body {_label(was.name, was.id)} removed"
            yield _body_change("body-removed", was, was.decision_rule, None, description)
        elif was is None:
            description = (
                f"body {_label(now.name, now.id)} added, deciding by {_rule(now.decision_rule)}"
            )
            yield _body_change("body-added", now, None, now.decision_rule, description)
        elif was.decision_rule != now.decision_rule:
            description = (
                f"{_label(now.name, now.id)} now decides by {_rule(now.decision_rule)} "
                f"(was {_rule(was.decision_rule)})"
            )
            yield _body_change(
                "decision-rule-changed", now, was.decision_rule, now.decision_rule, description
            )


def _body_change(
    kind: ChangeKind, body: Body, before: Value, after: Value, description: str
) -> Change:
    return Change(kind, (body.id,), body.name, before, after, description, ROOT_FILE)


def _rule(rule: str | None) -> str:
    return rule or "no stated rule"


# -- engagements and decisions


def _engagements(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.engagements if before else ()
    for _, was, now in _pairs(old, after.engagements, lambda e: e.id):
        if was is None and now is not None:
            yield _engagement_added(now)


def _engagement_added(engagement: Engagement) -> Change:
    description = (
        f"engagement {_label(engagement.title, engagement.id)} on {engagement.date}: "
        f"{engagement.participants} people, {engagement.method}"
    )
    return Change(
        "engagement-added",
        (engagement.id,),
        engagement.title,
        None,
        engagement.date,
        description,
        "engagement.yaml",
    )


def _decisions(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.decisions if before else ()
    for ident, was, now in _pairs(old, after.decisions, lambda d: str(d.meta.id)):
        if now is None:
            continue  # a record taken out of decisions/ is not a decision of the period
        if was is None:
            yield _decision_change("decision-recorded", ident, now, None, "recorded")
        elif was.meta.status != now.meta.status:
            yield _decision_change("decision-status-changed", ident, now, was.meta.status, "")


def _decision_change(
    kind: ChangeKind, ident: str, decision: Decision, before: Value, what: str
) -> Change:
    meta = decision.meta
    if what:
        description = (
            f"decision {meta.id} {what}: {meta.title} ({meta.status}, {meta.date}, {meta.body})"
        )
    else:
        description = f"decision {meta.id} {meta.title}: {before} → {meta.status}"
    return Change(
        kind, (ident, meta.body), meta.title, before, meta.status, description, decision.file
    )
