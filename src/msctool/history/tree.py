"""A partnership folder as it was at a commit, read from git objects (never checked out).

The files of the folder at a commit are listed with one ``git ls-tree -r -l -z``;
their contents come from one long-running ``git cat-file --batch`` process
(:class:`ObjectReader`) that every tree of a run shares. Only the files the
loader asks for are read, and a file over the loader's size limit is refused
from its size in the listing, without reading it.

The folder may be a subfolder of a larger repository: :class:`Repository` knows
its prefix, and every path a :class:`GitTree` shows is relative to the folder.
git runs through :mod:`msctool.history.git` (a plain subprocess, no GitPython).
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from msctool.history import git as gitcmd
from msctool.history.commits import NoHistoryError
from msctool.history.git import GitError, run_git
from msctool.history.git import is_ancestor as is_ancestor
from msctool.load.files import MAX_YAML_BYTES, decode, not_a_file, outside_link, too_large

LINK_DEPTH = 8
"""Links followed in a row before a link counts as a loop."""
UNSHALLOW_HINT = (
    "this clone is shallow (made with --depth): fetch the whole history with "
    "`git fetch --unshallow`, or compare with a later commit"
)


# --------------------------------------------------------------------------- the repository


@dataclass(frozen=True)
class Repository:
    """The git repository that holds a partnership folder."""

    top: Path
    """The top folder of the work tree."""
    prefix: str
    """The partnership folder relative to ``top``, with a trailing ``/`` (``""`` at the top)."""
    folder: Path
    """The partnership folder on disk."""
    shallow: bool

    @property
    def pathspec(self) -> str:
        """The folder as a git pathspec: history "of the partnership" means commits
        that touch it."""
        return f":(top,literal){self.prefix}" if self.prefix else ":(top)"


def open_repository(folder: Path) -> Repository:
    """The repository holding ``folder``; :class:`~msctool.history.commits.NoHistoryError`
    (a user error, exit 1) outside git, :class:`GitError` when git fails."""
    where = gitcmd.locate(folder)
    if where is None:
        raise NoHistoryError(
            f"{folder} is not in a git repository, so it has no history to compare",
            hint="run `git init` and commit the folder (or use `msc init`); "
            "history starts with the first commit",
        )
    return Repository(where.top, where.prefix, folder, where.shallow)


@dataclass(frozen=True)
class CommitInfo:
    """A commit: its id, its committer date and the first line of its message."""

    sha: str
    when: datetime
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:7]

    @property
    def day(self) -> date:
        return self.when.date()


_LOG_FORMAT = "--format=%H%x00%cI%x00%s"


def _commit_of(line: str) -> CommitInfo:
    sha, when, subject = line.rstrip("\n").split("\x00", 2)
    return CommitInfo(sha, datetime.fromisoformat(when), subject)


def resolve_ref(repo: Repository, ref: str) -> CommitInfo:
    """The commit ``ref`` names (a branch, tag, sha, ``HEAD~3`` ...); :class:`GitError`
    naming the ref when there is none."""
    if ref.startswith("-") or not ref.strip():
        raise GitError(f"`{ref}` is not a git revision", hint="name a commit, branch or tag")
    try:
        sha = run_git(repo.top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").strip()
    except GitError:
        sha = ""
    if not sha:
        hint = UNSHALLOW_HINT if repo.shallow else "see `git log` for commits, `git tag` for tags"
        if not has_commits(repo):
            raise NoHistoryError(
                "the repository has no commits yet, so there is no history to compare",
                hint="commit the partnership first: `git add . && git commit -m 'Start'`",
            )
        raise GitError(f"`{ref}` names no commit in {repo.top}", hint=hint)
    out = run_git(repo.top, "log", "-1", "--no-walk", _LOG_FORMAT, sha, "--")
    return _commit_of(out)


def last_commit_by(repo: Repository, day: date | None, tip: str) -> CommitInfo | None:
    """The newest commit that touches the folder in the history of ``tip`` as it was at
    the end of ``day`` (local time; None: any day); None when there is no such commit.

    Two short walks instead of one long one: first the commit ``tip``'s history was at
    on ``day`` (no paths: cheap), then the newest commit from there that touches the
    folder (it usually is near). One path-limited walk with ``--before`` compares the
    trees of every newer commit too: seconds on a long history.
    """
    if tip == "HEAD" and not has_commits(repo):
        return None
    if day is not None:
        found = _commit_before(repo, day_end(day), tip)
        if found is None:
            return None
        tip = found
    out = run_git(repo.top, "log", "-1", _LOG_FORMAT, tip, "--", repo.pathspec)
    return _commit_of(out) if out.strip() else None


_LAST_SECOND = 253_402_300_799
"""9999-12-31 23:59:59 UTC as a Unix time: no commit time msc compares is later."""


def day_end(day: date) -> int:
    """The last second of ``day`` (local time) as a Unix time, for ``--before=@N``.

    git reads a date such as ``2100-01-01 23:59:59`` as no date at all (its calendar
    ends in 2099, and starts in 1970), so msc hands it a number: before 1970 it is
    negative, and days the local clock cannot place count in UTC.
    """
    try:
        end = int(datetime.combine(day, time(23, 59, 59)).timestamp())
    except (OverflowError, OSError, ValueError):
        end = (day.toordinal() - _EPOCH_DAY) * 86_400 + 86_399
    return min(end, _LAST_SECOND)


_EPOCH_DAY = date(1970, 1, 1).toordinal()
_GIT_READS_AS_TIME = 100_000_000
"""git reads ``@N`` as a Unix time only from this N on (1973-03-03); a smaller N it
takes for something else, so msc looks for the commit itself."""


def _commit_before(repo: Repository, end: int, tip: str) -> str | None:
    """The first commit in ``tip``'s history (newest first) made at Unix time ``end``
    or before, as ``git rev-list -1 --before`` finds it; None when every commit is later."""
    if end >= _GIT_READS_AS_TIME:
        out = run_git(repo.top, "rev-list", "-1", f"--before=@{end}", tip, "--")
        return out.strip() or None
    for line in run_git(repo.top, "log", "--format=%H %ct", tip, "--").splitlines():
        sha, _, when = line.partition(" ")
        if int(when) <= end:
            return sha
    return None


def has_commits(repo: Repository) -> bool:
    """False in a repository where nothing was committed yet."""
    try:
        return bool(run_git(repo.top, "rev-parse", "--verify", "--quiet", "HEAD").strip())
    except GitError:
        return False


# --------------------------------------------------------------------------- reading objects


class ObjectReader(gitcmd.CatFile):
    """One ``git cat-file --batch`` process for a whole run; a context manager."""

    def __init__(self, repo: Repository) -> None:
        super().__init__(repo.top)
        self.repo = repo

    def read(self, sha: str) -> bytes:
        """The content of blob ``sha``."""
        return self.read_one(sha)


# --------------------------------------------------------------------------- a tree


@dataclass(frozen=True)
class Entry:
    """One file of a tree, as ``git ls-tree -l`` lists it."""

    mode: str
    kind: str
    sha: str
    size: int

    @property
    def is_link(self) -> bool:
        return self.mode == "120000"

    @property
    def is_file(self) -> bool:
        return self.kind == "blob" and not self.is_link


@dataclass
class GitTree:
    """The partnership folder at one commit: a :class:`~msctool.load.sourcetree.SourceTree`."""

    repo: Repository
    commit: CommitInfo
    entries: dict[str, Entry]
    reader: ObjectReader
    folders: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        children: dict[str, set[str]] = {}
        for rel in self.entries:
            parent, _, name = rel.rpartition("/")
            children.setdefault(parent, set()).add(name)
            while parent:
                above, _, folder = parent.rpartition("/")
                children.setdefault(above, set()).add(folder)
                parent = above
        self.folders = {folder: sorted(names) for folder, names in children.items()}

    @property
    def root(self) -> Path:
        return self.repo.folder

    def exists(self, rel: str) -> bool:
        return rel in self.entries or rel in self.folders

    def names(self, folder: str) -> list[str]:
        return list(self.folders.get(folder.strip("/"), []))

    def read_text(self, rel: str, max_bytes: int = MAX_YAML_BYTES) -> str:
        entry = self._target(rel)
        if entry.size > max_bytes:
            raise too_large(rel, max_bytes)
        return decode(self.reader.read(entry.sha), rel)

    def _target(self, rel: str) -> Entry:
        """The file ``rel`` stands for, following links inside the folder."""
        path = rel
        for _ in range(LINK_DEPTH):
            entry = self.entries.get(path)
            if entry is None or not (entry.is_file or entry.is_link):
                raise not_a_file(rel)
            if entry.is_file:
                return entry
            link = self.reader.read(entry.sha).decode("utf-8", "surrogateescape")
            path = posixpath.normpath(posixpath.join(posixpath.dirname(path), link))
            if link.startswith("/") or path == ".." or path.startswith("../"):
                raise outside_link(rel)
        raise not_a_file(rel)


def tree_at(repo: Repository, commit: CommitInfo, reader: ObjectReader) -> GitTree:
    """The files of the partnership folder at ``commit`` (one ``git ls-tree``)."""
    args: Sequence[str] = ("ls-tree", "-r", "-l", "-z", commit.sha)
    if repo.prefix:
        args = (*args, "--", repo.prefix)
    out = run_git(repo.top, *args)
    entries: dict[str, Entry] = {}
    for record in out.split("\x00"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, kind, sha, size = meta.split()
        rel = path[len(repo.prefix) :] if path.startswith(repo.prefix) else path
        entries[rel] = Entry(mode, kind, sha, int(size) if size.isdigit() else 0)
    return GitTree(repo, commit, entries, reader)
