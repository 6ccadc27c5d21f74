"""The decision log, read back from git: every decision with its status derived from history.

One streamed ``git log`` pass (oldest first) over the commits that touch the
partnership's ``decisions/`` and ``partnership.yaml`` feeds a small state
machine (:mod:`msctool.history.decisions`): which record each file holds, who
committed it and when, which commits edited it after it was accepted, which
commit removed it. Record contents come from one ``git cat-file --batch``
process. The state is cached in the repository's git dir, keyed by the tip
commit, and extended with only the new commits while the cached tip is an
ancestor of HEAD (:mod:`msctool.history.cache`).

Statuses are derived when the log is built: a record that a later accepted
decision supersedes (front matter ``supersedes:`` or a ``Supersedes:``
trailer) is ``superseded`` whatever its front matter says; a record deleted
from ``decisions/`` is ``withdrawn``, shown with the commit that removed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from msctool.findings import Finding
from msctool.history.cache import LogStats, build_state
from msctool.history.commits import open_repo
from msctool.history.decisions import Event, Record, State
from msctool.load.root import find_root
from msctool.model.supersession import cycles, describe

_IN_FORCE = ("accepted", "superseded")
"""Recorded statuses of a decision that was taken, so its supersessions count."""


@dataclass(frozen=True)
class Amendment:
    """A commit in a decision's history: one that amended, removed or accepted it."""

    commit: str
    date: datetime
    author: str
    subject: str


@dataclass(frozen=True)
class LoggedDecision:
    """One decision as history tells it."""

    id: int
    title: str
    file: str
    """Relative to the partnership folder (its last name when it was removed)."""
    date: date
    body: str
    rule: str | None
    """The record's rule, else its body's rule in partnership.yaml when it was committed."""
    status: str
    """Derived: proposed, accepted, rejected, superseded or withdrawn."""
    recorded_status: str
    """As the front matter says."""
    supersedes: tuple[int, ...]
    superseded_by: tuple[int, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    affects: tuple[str, ...]
    commit: str
    """The commit that added the record."""
    author: str
    committed: datetime
    """Author date of :attr:`commit`."""
    amendments: tuple[Amendment, ...]
    removed: Amendment | None = None
    """The commit that deleted the record from ``decisions/``, if it is gone."""
    accepted: Amendment | None = None
    """The first commit in which the record said ``accepted`` (None if it never did):
    the day of acceptance when a proposal was accepted in a later commit."""


@dataclass(frozen=True)
class DecisionLog:
    """Every decision (ordered by id) and what looked wrong in history."""

    root: Path
    folder: str
    """The partnership folder inside the repository (``.`` at its top)."""
    head: str
    shallow: bool
    decisions: list[LoggedDecision]
    warnings: list[Finding]
    stats: LogStats = field(default=LogStats(0, "off"))


def decision_log(root: Path, *, use_cache: bool = True) -> DecisionLog:
    """The decision log of the partnership at (or above) ``root``.

    Raises :class:`msctool.history.repo.GitError` (a subclass for "not in git" and
    "no commits yet") so callers can fall back to the records on disk.
    """
    folder = find_root(root)
    repo = open_repo(folder)
    state, stats = build_state(repo, use_cache=use_cache)
    warnings = [*state.findings(), *_derived_warnings(state)]
    if repo.shallow:
        warnings.insert(0, _shallow_warning())
    warnings.extend(_uncommitted(folder, state))
    return DecisionLog(
        root=folder,
        folder=repo.prefix.rstrip("/") or ".",
        head=repo.head,
        shallow=repo.shallow,
        decisions=derive(state),
        warnings=warnings,
        stats=stats,
    )


def derive(state: State) -> list[LoggedDecision]:
    """Decisions with statuses derived from supersession and removal."""
    records = sorted(state.records.values(), key=lambda record: record.id)
    superseded_by: dict[int, list[int]] = {}
    for record in records:
        if record.removed is None and record.status in _IN_FORCE:
            for old in _supersedes(record):
                superseded_by.setdefault(old, []).append(record.id)
    return [
        _logged(record, tuple(superseded_by.get(record.id, ())), state.rule_for(record))
        for record in records
    ]


def _supersedes(record: Record) -> tuple[int, ...]:
    merged = dict.fromkeys([*record.supersedes, *record.trailer_supersedes])
    return tuple(sorted(old for old in merged if old != record.id))


def _logged(record: Record, superseded_by: tuple[int, ...], rule: str | None) -> LoggedDecision:
    return LoggedDecision(
        id=record.id,
        title=record.title,
        file=record.file,
        date=date.fromisoformat(record.date),
        body=record.body,
        rule=rule,
        status=_status(record, superseded_by),
        recorded_status=record.status,
        supersedes=_supersedes(record),
        superseded_by=superseded_by,
        consulted=_merged(record.consulted, record.trailer_consulted),
        informed=_merged(record.informed, record.trailer_informed),
        affects=tuple(record.affects),
        commit=record.added.commit,
        author=record.added.author,
        committed=datetime.fromisoformat(record.added.date),
        amendments=tuple(_amendment(event) for event in record.amendments),
        removed=_amendment(record.removed) if record.removed else None,
        accepted=_amendment(record.accepted) if record.accepted else None,
    )


def _status(record: Record, superseded_by: tuple[int, ...]) -> str:
    if record.removed is not None:
        return "withdrawn"
    if superseded_by and record.status in ("proposed", "accepted", "superseded"):
        return "superseded"
    return record.status


def _merged(first: Iterable[str], second: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


def _amendment(event: Event) -> Amendment:
    return Amendment(event.commit, datetime.fromisoformat(event.date), event.author, event.subject)


def _derived_warnings(state: State) -> Iterator[Finding]:
    """References to decisions that never existed; 'superseded' typed with no successor."""
    known = set(state.records)
    for record in sorted(state.records.values(), key=lambda record: record.id):
        for old in record.supersedes:
            if old not in known:
                yield _warning(
                    "LOG004",
                    f"decision {record.id:04d} supersedes decision {old:04d}, "
                    "which is not in the history",
                    record.file,
                    "correct the number in `supersedes:`",
                )
    yield from _typed_superseded(state)
    yield from _cycles(state)


def _cycles(state: State) -> Iterator[Finding]:
    """Records still in ``decisions/`` that supersede each other in a cycle (or one
    itself): each stays superseded by the other, and the log says so once per cycle."""
    graph = {
        record.id: [*record.supersedes, *record.trailer_supersedes]
        for record in state.records.values()
        if record.removed is None
    }
    for cycle in cycles(graph):
        yield _warning(
            "LOG009",
            f"decisions supersede each other in a cycle: {describe(cycle)}",
            state.records[cycle[0]].file,
            "a decision supersedes only earlier decisions; remove the number that closes "
            "the cycle from `supersedes:` (`msc check` reports it as MSC015)",
        )


def _typed_superseded(state: State) -> Iterator[Finding]:
    replaced = {
        old
        for record in state.records.values()
        if record.removed is None and record.status in _IN_FORCE
        for old in _supersedes(record)
    }
    for record in sorted(state.records.values(), key=lambda record: record.id):
        if record.status == "superseded" and record.id not in replaced and not record.removed:
            yield _warning(
                "LOG005",
                f"decision {record.id:04d} says it is superseded, "
                "but no accepted decision supersedes it",
                record.file,
                f"add `supersedes: [{record.id}]` to the decision that replaced it",
            )


def _shallow_warning() -> Finding:
    return _warning(
        "LOG006",
        "this is a shallow clone: history before its first commit is missing, so older "
        "decisions show that commit as the one that added them, and amendments may be missing",
        ".",
        "run `git fetch --unshallow` for the whole history",
    )


UNCOMMITTED = "LOG007"
"""The warning that a record in ``decisions/`` is not committed yet."""


def _uncommitted(folder: Path, state: State) -> Iterator[Finding]:
    committed = set(state.files)
    for path in sorted((folder / "decisions").glob("*.md")):
        rel = f"decisions/{path.name}"
        if rel not in committed:
            yield _warning(
                UNCOMMITTED,
                f"{rel} is not committed, so the log does not show it yet",
                rel,
                f"commit it: `git add {rel} && git commit`",
            )


def _warning(code: str, message: str, file: str, hint: str) -> Finding:
    return Finding(code, message, file, hint=hint, severity="warning")


@dataclass(frozen=True)
class LogFilter:
    """Which decisions to show; every field that is set must match."""

    since: date | None = None
    until: date | None = None
    body: str | None = None
    status: str | None = None
    affects: str | None = None

    def matches(self, decision: LoggedDecision) -> bool:
        return (
            (self.since is None or decision.date >= self.since)
            and (self.until is None or decision.date <= self.until)
            and (self.body is None or decision.body == self.body)
            and (self.status is None or decision.status == self.status)
            and (self.affects is None or self.affects in decision.affects)
        )


def filter_log(log: DecisionLog, chosen: LogFilter) -> DecisionLog:
    """The log with only the decisions ``chosen`` matches (warnings stay)."""
    return replace(log, decisions=[d for d in log.decisions if chosen.matches(d)])
