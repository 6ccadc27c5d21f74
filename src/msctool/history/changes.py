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
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from msctool.days import shift, today
from msctool.errors import UsageError, UserError
from msctool.findings import Finding, first_errors
from msctool.history.compare import Change, ChangeKind, compare, short
from msctool.history.renames import renames_between
from msctool.history.repo import GitError
from msctool.history.tree import (
    UNSHALLOW_HINT,
    CommitInfo,
    ObjectReader,
    Repository,
    has_commits,
    is_ancestor,
    last_commit_by,
    open_repository,
    resolve_ref,
    tree_at,
)
from msctool.load.loader import ROOT_FILE, LoadResult, find_root, load_tree
from msctool.load.sourcetree import FolderTree
from msctool.model import Partnership

WORKTREE = "worktree"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
        return f'{self.commit.short} ({self.commit.day}, "{short(self.commit.subject, 60)}")'


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
        renames = _renames(repo, earlier, later) if before is not after else {}
    return ChangeSet(
        since=earlier,
        until=later,
        folder=repo.prefix.rstrip("/"),
        name=after.meta.name,
        changes=compare(before, after, renames),
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
    changes = compare(before, after, _renames(repo, earlier, later))
    return ChangeSet(earlier, later, repo.prefix.rstrip("/"), after.meta.name, changes)


def _renames(repo: Repository, earlier: Moment, later: Moment) -> dict[str, str]:
    """Partners renamed by the commits after ``earlier`` up to ``later`` (the working
    tree: up to HEAD), from their ``Renamed:`` trailers."""
    since = earlier.commit.sha if earlier.commit is not None else None
    until = later.commit.sha if later.commit is not None else "HEAD"
    if since is None and later.commit is None and not has_commits(repo):
        return {}
    return renames_between(repo, since, until)


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
