"""What changed in a partnership between two points of its git history, as data.

:func:`changes_between` loads the partnership folder as it was at two commits,
straight from git objects (:mod:`msctool.history.tree`; nothing is checked out), and
:func:`compare` sets the two typed models side by side. The result is a
:class:`ChangeSet`: the two points and a list of :class:`Change` items, each
with a kind, the ids involved, the value before and after, and a one-line
description. The newsletter and the retrospective agenda use it through
:func:`changes_in_period`, which never fails: outside git, or when the history
does not reach back far enough, it returns None and they fall back to the dates
written in the files.

Metric figures (``data/*.csv``) are not part of the comparison, and are not
read from history: the renders take movements from the current files.

A point is a date (``YYYY-MM-DD``: the newest commit that touches the folder,
committed on or before that day: the state as of the end of that day), a git
revision (a branch, tag or commit), or, for the later point only, ``worktree``:
the files on disk now, committed or not. A date before the first commit that
touches the folder is "nothing": every entry of the later point is new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal, TypeVar, get_args

from msctool.days import shift, today
from msctool.errors import UsageError, UserError
from msctool.findings import Finding, first_errors
from msctool.history.repo import GitError
from msctool.history.tree import (
    UNSHALLOW_HINT,
    CommitInfo,
    ObjectReader,
    Repository,
    is_ancestor,
    last_commit_by,
    open_repository,
    resolve_ref,
    tree_at,
)
from msctool.load.loader import ROOT_FILE, LoadResult, find_root, load_tree
from msctool.load.sourcetree import FolderTree
from msctool.model import Activity, Body, Decision, Engagement, Metric, Partner, Partnership
from msctool.model.metrics import Point

ChangeKind = Literal[
    "partner-joined",
    "partner-left",
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
    "body-added",
    "body-removed",
    "decision-rule-changed",
    "engagement-added",
    "decision-recorded",
    "decision-status-changed",
]
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)
"""Every kind of change, in the order a report lists them."""
Value = str | float | date | tuple[str, ...] | Point | None
"""What a :class:`Change` holds before and after: text, a number, a date, ids or
names, a metric target (value and date), or None (absent)."""
WORKTREE = "worktree"
CLOSED = ("done", "dropped")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
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


@dataclass(frozen=True)
class Moment:
    """One end of a comparison."""

    given: str
    """As asked: a date, a revision, ``worktree``."""
    commit: CommitInfo | None
    """The newest commit that changed the partnership folder at this point (the folder
    is the same there as at the point asked for); None for the files on disk
    (``worktree``) and for "nothing" (before any commit)."""
    worktree: bool = False

    @property
    def nothing(self) -> bool:
        """True for a point before the first commit that touches the folder."""
        return self.commit is None and not self.worktree

    def describe(self) -> str:
        """``1a2b3c4 (2026-10-30, "Add Domstede")``, ``the working tree`` or ``nothing``."""
        if self.worktree:
            return "the working tree"
        if self.commit is None:
            return f"nothing (no commit touches the partnership by {self.given})"
        return f'{self.commit.short} ({self.commit.day}, "{_short(self.commit.subject, 60)}")'


@dataclass(frozen=True)
class ChangeSet:
    """The changes from ``since`` to ``until``, in the order of :data:`KINDS`."""

    since: Moment
    until: Moment
    folder: str
    """The partnership folder relative to the top of the repository (``""``: the top)."""
    name: str
    """The partnership's name at ``until``."""
    changes: tuple[Change, ...]

    def of(self, *kinds: ChangeKind) -> tuple[Change, ...]:
        """The changes of the given kinds."""
        return tuple(c for c in self.changes if c.kind in kinds)

    @property
    def empty(self) -> bool:
        return not self.changes


# --------------------------------------------------------------------------- loading


def changes_between(
    root: Path | str, since: str, until: str = "HEAD", *, as_of: date | None = None
) -> ChangeSet:
    """What changed in the partnership holding ``root`` from ``since`` to ``until``.

    Each is a date (``YYYY-MM-DD``), a git revision, or (``until`` only)
    ``worktree``. Raises :class:`GitError` outside git or for an unknown revision,
    :class:`UserError` when the partnership does not load cleanly at one of them
    (checked as of ``as_of``, default today).
    """
    folder = find_root(root)
    repo = open_repository(folder)
    with ObjectReader(repo) as reader:
        history = _History(repo, reader, as_of or today())
        later = history.point(until, "until", later=True)
        tip = later.commit.sha if later.commit is not None else "HEAD"
        earlier = history.point(since, "since", later=False, tip=tip)
        _check_order(repo, earlier, later)
        after = history.load(later)
        assert after is not None  # a later point always holds a partnership
        before = after if _same(earlier, later) else history.load(earlier)
    return ChangeSet(
        since=earlier,
        until=later,
        folder=repo.prefix.rstrip("/"),
        name=after.meta.name,
        changes=compare(before, after),
    )


def changes_in_period(
    partnership: Partnership, first: date, last: date, notes: list[str] | None = None
) -> ChangeSet | None:
    """What changed in ``partnership`` from the start of ``first`` to the end of ``last``,
    from git history; None when there is none to use: not in git, git missing, no
    commit touching the folder before ``first`` (history starts inside the period,
    or a shallow clone), or a point that does not load cleanly (then a line saying
    so is added to ``notes``).

    The later point is ``partnership`` itself when no commit touching the folder is
    dated after ``last`` (a render of the current period: the files as they are),
    else the state as of ``last``.
    """
    try:
        repo = open_repository(partnership.root)
        with ObjectReader(repo) as reader:
            return _period(_History(repo, reader, last), partnership, first, last)
    except UserError as exc:
        if notes is not None:
            notes.append(f"git history left out: {exc.message}")
        return None
    except GitError:
        return None


def _period(
    history: _History, partnership: Partnership, first: date, last: date
) -> ChangeSet | None:
    repo = history.repo
    start = last_commit_by(repo, shift(first, -1), "HEAD")
    if start is None:
        return None
    earlier = Moment(shift(first, -1).isoformat(), start)
    later = Moment(WORKTREE, None, worktree=True)
    after: Partnership | None = partnership
    end = last_commit_by(repo, last, "HEAD")
    if end is not None and end.sha != _newest(repo):
        later = Moment(last.isoformat(), end)
        after = history.load(later)
    before = history.load(earlier)
    if before is None or after is None:
        return None  # no partnership at one end: nothing to compare with
    changes = compare(before, after)
    return ChangeSet(earlier, later, repo.prefix.rstrip("/"), after.meta.name, changes)


def _newest(repo: Repository) -> str | None:
    newest = last_commit_by(repo, None, "HEAD")
    return newest.sha if newest else None


class _History:
    """Points of one repository's history, and the partnership at each."""

    def __init__(self, repo: Repository, reader: ObjectReader, as_of: date) -> None:
        self.repo = repo
        self.reader = reader
        self.as_of = as_of  # the day each point's partnership is checked as of

    def point(self, given: str, field: str, *, later: bool, tip: str = "HEAD") -> Moment:
        """The point ``given`` names; ``field``: the parameter that gave it, for errors."""
        if given == WORKTREE:
            if not later:
                raise UsageError(
                    f"the working tree (`{WORKTREE}`) can only be the later point",
                    hint=f"use {{until}} {WORKTREE}, and a date or a commit for {{since}}",
                    options=("until", "since"),
                    field=field,
                )
            return Moment(given, None, worktree=True)
        if _DAY.match(given):
            found = last_commit_by(self.repo, _day(given, field), tip)
        else:
            found = last_commit_by(self.repo, None, resolve_ref(self.repo, given).sha)
        if found is None and (later or self.repo.shallow):
            raise _nothing_by(self.repo, given, field)
        return Moment(given, found)

    def load(self, moment: Moment) -> Partnership | None:
        """The partnership at ``moment`` (None: nothing there yet); :class:`UserError`
        when it has errors."""
        if moment.worktree:
            return _valid(
                load_tree(FolderTree(self.repo.folder), observations=False), moment, self.as_of
            )
        if moment.commit is None:
            return None
        tree = tree_at(self.repo, moment.commit, self.reader)
        if not tree.exists(ROOT_FILE):
            return None
        return _valid(load_tree(tree, observations=False), moment, self.as_of)


def _day(given: str, field: str) -> date:
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"`{given}` is not a date", hint="write YYYY-MM-DD", field=field) from None


def _nothing_by(repo: Repository, given: str, field: str) -> GitError:
    where = f"the folder {repo.prefix.rstrip('/')}" if repo.prefix else "the partnership"
    message = f"no commit touches {where} by {given}"
    hint = UNSHALLOW_HINT if repo.shallow else "pick a later point, or commit the partnership first"
    return GitError(message, hint=hint, field=field)


def _same(earlier: Moment, later: Moment) -> bool:
    """Whether both points are the same commit (then one load does)."""
    return (
        earlier.commit is not None
        and later.commit is not None
        and earlier.commit.sha == later.commit.sha
    )


def _check_order(repo: Repository, earlier: Moment, later: Moment) -> None:
    """A usage error when ``earlier`` comes after ``later`` (the changes would read
    backwards: partners "joining" that left)."""
    if earlier.commit is None or later.commit is None:
        return
    if _DAY.match(earlier.given) and _DAY.match(later.given) and earlier.given > later.given:
        raise UsageError(
            f"the earlier point {earlier.given} is after the later point {later.given}",
            field="since",
        )
    first, last = earlier.commit.sha, later.commit.sha
    if first != last and is_ancestor(repo, last, first):
        raise UsageError(
            f"the earlier point {earlier.given} comes after the later point {later.given} "
            "in the history",
            hint="swap the two points",
            field="since",
        )


def _valid(loaded: LoadResult, moment: Moment, as_of: date) -> Partnership:
    """``loaded``'s partnership, or a :class:`UserError` naming the point and the first
    errors, with file, line and column."""
    errors = _errors(loaded, as_of)
    if loaded.partnership is not None and not errors:
        return loaded.partnership
    what = "the working tree" if moment.worktree else f"commit {moment.describe()}"
    hint = (
        "run `msc check` and fix the files"
        if moment.worktree
        else "compare from or to another commit ({since}/{until}), or check that commit "
        "out and run `msc check` to see every problem"
    )
    raise UserError(
        f"the partnership at {what} has errors: {first_errors(errors)}",
        hint=hint,
        options=("since", "until"),
    )


def _errors(loaded: LoadResult, as_of: date) -> list[Finding]:
    """Data errors of the loaded files and of the references between them, located."""
    from msctool.rules.context import Context
    from msctool.rules.references import check_references

    found = [f for f in loaded.findings if f.severity == "error"]
    if loaded.entries is not None:
        ctx = Context(loaded, loaded.entries, as_of, loaded.partnership is not None)
        found += [f for f in check_references(ctx) if f.severity == "error"]
    located = []
    for finding in found:
        if finding.line:
            located.append(finding)
        else:
            where = loaded.position(finding.file, finding.path or (), finding.at_key)
            located.append(finding.located(*where))
    return sorted(located, key=lambda f: f.sort_key)


# --------------------------------------------------------------------------- comparing


def compare(before: Partnership | None, after: Partnership) -> tuple[Change, ...]:
    """Every change from ``before`` (None: nothing) to ``after``, in :data:`KINDS` order."""
    found = [
        *_partners(before, after),
        *_activities(before, after),
        *_metrics(before, after),
        *_purpose(before, after),
        *_bodies(before, after),
        *_engagements(before, after),
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


def _partners(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.partners if before else ()
    for _, was, now in _pairs(old, after.partners, lambda p: p.id):
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


def _activities(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.activities if before else ()
    for _, was, now in _pairs(old, after.activities, lambda a: a.id):
        if was is None or now is None:
            yield _activity_presence(was, now)
            continue
        if was.status != now.status:
            yield _activity_status(was, now)
        old_ids, new_ids = tuple(was.raci.accountables()), tuple(now.raci.accountables())
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
        description = f"purpose {'reworded' if was else 'stated'}: {_short(now.statement)}"
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


def _short(text: str, limit: int = 100) -> str:
    """``text`` on one line, cut at ``limit`` characters."""
    line = _words(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _bodies(before: Partnership | None, after: Partnership) -> Iterator[Change]:
    old = before.meta.bodies if before else ()
    for _, was, now in _pairs(old, after.meta.bodies, lambda b: b.id):
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
