"""The decisions timeline: from the decision log (git history) when there is one,
else from the decision records on disk.

The decision log (:mod:`msctool.history.decisionlog`) derives each decision's status
from history and knows the commit that recorded it. Outside git the records'
own front matter is what there is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from markupsafe import Markup

from msctool.history.decisionlog import UNCOMMITTED, LoggedDecision, decision_log
from msctool.history.repo import GitError
from msctool.load.files import SourceError
from msctool.load.sourcetree import FolderTree
from msctool.model import Decision, Partnership
from msctool.model.vocabulary import Audience
from msctool.render.audience import shows
from msctool.site.markdown import to_html, without_title


@dataclass(frozen=True)
class Entry:
    """One decision as the timeline shows it."""

    number: int
    title: str
    day: date
    body: str
    status: str
    rule: str | None
    supersedes: tuple[int, ...]
    superseded_by: tuple[int, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    text: Markup
    file: str
    author: str | None = None
    commit: str | None = None


@dataclass(frozen=True)
class Timeline:
    entries: tuple[Entry, ...]
    """Newest first."""
    from_history: bool
    warnings: tuple[str, ...] = ()
    commits: bool = True
    """Whether the entries say who recorded them in which commit, and which are not
    committed yet (:func:`seen_by`)."""


def seen_by(found: Timeline, audience: Audience) -> Timeline:
    """The timeline as ``audience`` may see it (:func:`msctool.render.audience.shows`):
    without history warnings, and without authors and commits, where it may not."""
    if not shows(audience, "history-warnings"):
        found = replace(found, warnings=())
    if not shows(audience, "commits"):
        entries = tuple(replace(e, author=None, commit=None) for e in found.entries)
        found = replace(found, entries=entries, commits=False)
    return found


def timeline(partnership: Partnership) -> Timeline:
    """The decisions, newest first: from git history when possible, plus the records
    on disk that are not committed yet (a site rebuilt by ``msc serve`` shows a
    decision as soon as its file is saved)."""
    logged = _from_log(partnership.root)
    later = _superseded_by(partnership)
    if logged is None:
        entries = [_from_record(d, later) for d in partnership.decisions]
        return Timeline(_newest_first(entries), from_history=False)
    known = {entry.number for entry in logged.entries}
    new = [_from_record(d, later) for d in partnership.decisions if d.meta.id not in known]
    return Timeline(_newest_first([*logged.entries, *new]), True, logged.warnings)


def _newest_first(entries: list[Entry]) -> tuple[Entry, ...]:
    return tuple(sorted(entries, key=lambda e: (e.day, e.number), reverse=True))


def _superseded_by(partnership: Partnership) -> dict[int, list[int]]:
    """The decisions that supersede each decision, by number (made once for all)."""
    later: dict[int, list[int]] = {}
    for decision in partnership.decisions:
        for old in decision.meta.supersedes:
            later.setdefault(old, []).append(decision.meta.id)
    return later


def _from_record(decision: Decision, later: dict[int, list[int]]) -> Entry:
    meta = decision.meta
    return Entry(
        number=meta.id,
        title=meta.title,
        day=meta.date,
        body=meta.body,
        status=meta.status,
        rule=meta.rule,
        supersedes=tuple(meta.supersedes),
        superseded_by=tuple(later.get(meta.id, ())),
        consulted=tuple(meta.consulted),
        informed=tuple(meta.informed),
        text=to_html(without_title(decision.text), shift=2),
        file=decision.file,
    )


def _from_log(root: Path) -> Timeline | None:
    """The decision log, or None when the folder is not in git (or has no history)."""
    try:
        log = decision_log(root)
    except GitError:
        return None
    entries = [_from_logged(item, log.root) for item in log.decisions]
    warnings = tuple(
        w.message
        for w in log.warnings
        if w.code != UNCOMMITTED  # the timeline adds those
    )
    return Timeline(_newest_first(entries), from_history=True, warnings=warnings)


def _from_logged(item: LoggedDecision, root: Path) -> Entry:
    text = _read_text(root, item.file)
    return Entry(
        number=item.id,
        title=item.title,
        day=item.date,
        body=item.body,
        status=item.status,
        rule=item.rule,
        supersedes=item.supersedes,
        superseded_by=item.superseded_by,
        consulted=item.consulted,
        informed=item.informed,
        text=to_html(without_title(text), shift=2),
        file=item.file,
        author=item.author or None,
        commit=item.commit[:7] or None,
    )


def _read_text(root: Path, rel: str) -> str:
    """The Markdown below the front matter of a record (empty when it cannot be read
    safely)."""
    try:
        text = FolderTree(root).read_text(rel)
    except SourceError:  # gone since, or unreadable (`msc check` reports that)
        return ""
    if text.startswith("---"):
        end = text.find("\n---", 3)
        if end != -1:
            return text[end + 4 :]
    return text
