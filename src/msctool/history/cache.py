"""Reading the decision history, incrementally: a cache in the git dir keyed by commit.

The cache file (``<git dir>/msc/decision-log-<folder hash>.json``) holds the
:class:`~msctool.history.decisions.State` after the commit it names as its tip.
It is trusted only when that tip is HEAD or an ancestor of HEAD (checked with
``git merge-base --is-ancestor``): then only ``tip..HEAD`` is read. After a
rewritten history (amend, reset, rebase) the tip is no ancestor, and the
state is rebuilt from the first commit. A cache that cannot be read, or was
written by another msc version or for another folder, is ignored and
replaced, and so is one made with another ``.mailmap`` (authors are shown
after it). Writes are atomic. A shallow clone is never cached: its history
would change when it is deepened, without the tip changing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from msctool import __version__
from msctool.history.commits import BlobReader, LogCommit, Repo, is_ancestor, stream_log
from msctool.history.decisions import PARTNERSHIP_FILE, RECORD, State, prepare

CACHE_FORMAT = 2
"""2: records keep their content blob and the commit that accepted them."""
DECISIONS = "decisions"
_CHUNK_COMMITS = 256
"""Commits read from the log before their records are fetched in one batch."""


def cache_file(repo: Repo) -> Path:
    """Where the cache of this partnership folder lives."""
    digest = hashlib.sha256(repo.prefix.encode("utf-8", "surrogateescape")).hexdigest()
    return repo.git_dir / "msc" / f"decision-log-{digest[:16]}.json"


@dataclass(frozen=True)
class LogStats:
    """How the log was built: commits read from ``git log`` and what the cache did."""

    commits_read: int
    cache: str
    """``off`` (not used), ``fresh`` (up to date), ``extended`` (new commits read),
    ``rebuilt`` (missing, corrupt or from a rewritten history) or ``shallow``."""


def build_state(repo: Repo, *, use_cache: bool = True) -> tuple[State, LogStats]:
    """The history state at HEAD, from the cache where it can be trusted."""
    if repo.shallow or not use_cache:
        state = State()
        read = read_history(repo, state, None)
        _read_rules(repo, state)
        return state, LogStats(read, "shallow" if repo.shallow else "off")
    cached = load_cache(repo)
    if cached is not None and cached[0] == repo.head:
        state, read, mode = cached[1], 0, "fresh"
    elif cached is not None and is_ancestor(repo, cached[0], repo.head):
        state = cached[1]
        read, mode = read_history(repo, state, cached[0]), "extended"
    else:
        state = State()
        read, mode = read_history(repo, state, None), "rebuilt"
    missing = _read_rules(repo, state)
    if mode != "fresh" or missing:
        save_cache(repo, state)
    return state, LogStats(read, mode)


def read_history(repo: Repo, state: State, since: str | None) -> int:
    """Feed ``state`` the commits after ``since`` (all when None) up to HEAD; their count."""
    paths = [f"{repo.prefix}{DECISIONS}", f"{repo.prefix}{PARTNERSHIP_FILE}"]
    count = 0
    commits = stream_log(repo, paths, since)
    prepare()
    with BlobReader(repo) as reader:
        for chunk in _chunks(commits):
            blobs = reader.read(
                change.blob
                for commit in chunk
                for change in commit.changes
                if change.status != "D" and RECORD.match(change.path[len(repo.prefix) :])
            )
            for commit in chunk:
                state.apply(commit, repo.prefix, blobs)
                if commit.is_merge:
                    merge = _Merge(repo, commit.sha, reader)
                    state.settle(commit, records_at(reader, repo, commit.sha), merge)
            count += len(chunk)
    return count


class _Merge:
    """Answers :meth:`State.settle`'s questions about one merge commit."""

    def __init__(self, repo: Repo, sha: str, reader: BlobReader) -> None:
        self._repo, self._sha, self._reader = repo, sha, reader

    def contains(self, sha: str) -> bool:
        return not sha or is_ancestor(self._repo, sha, self._sha)

    def read(self, blobs: Iterable[str]) -> dict[str, bytes]:
        return self._reader.read(blobs)


def records_at(reader: BlobReader, repo: Repo, commit: str) -> dict[str, str]:
    """The decision records at ``commit``: path relative to the partnership, blob."""
    files = reader.read_tree(commit, f"{repo.prefix}{DECISIONS}")
    named = {f"{DECISIONS}/{name}": blob for name, blob in files.items()}
    return {rel: blob for rel, blob in named.items() if RECORD.match(rel)}


def _chunks(commits: Iterator[LogCommit]) -> Iterator[list[LogCommit]]:
    while chunk := list(islice(commits, _CHUNK_COMMITS)):
        yield chunk


def _read_rules(repo: Repo, state: State) -> bool:
    """Read the decision rules of the partnership.yaml versions not read yet."""
    wanted = state.needed_partnership_blobs()
    if not wanted:
        return False
    with BlobReader(repo) as reader:
        found = reader.read(sorted(wanted))
    for blob in wanted:
        state.rules[blob] = body_rules(found.get(blob, b""))
    return True


def body_rules(data: bytes) -> dict[str, str]:
    """Each governance body's decision rule in one version of partnership.yaml
    (empty when that version does not parse: ``msc check`` reports why)."""
    from msctool.load.files import Source, SourceError, decode
    from msctool.load.yamlsource import parse

    try:
        values = parse(Source(PARTNERSHIP_FILE, decode(data, PARTNERSHIP_FILE)))
    except SourceError:
        return {}
    bodies = values.get("bodies") if isinstance(values, dict) else None
    rules: dict[str, str] = {}
    for body in bodies if isinstance(bodies, list) else []:
        if isinstance(body, dict) and isinstance(body.get("decision_rule"), str):
            rules[str(body.get("id"))] = body["decision_rule"]
    return rules


def load_cache(repo: Repo) -> tuple[str, State] | None:
    """The cached tip and state, or None when there is no usable cache."""
    try:
        data = json.loads(cache_file(repo).read_text(encoding="utf-8"))
        if (
            data["format"] != CACHE_FORMAT
            or data["msc"] != __version__
            or data["folder"] != repo.prefix
            or data["mailmap"] != mailmap_digest(repo)
        ):
            return None
        return str(data["tip"]), State.from_json(data["state"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def mailmap_digest(repo: Repo) -> str:
    """A digest of the work tree's ``.mailmap`` (empty without one): git shows authors
    through it, so a cache made with another one names them differently."""
    try:
        data = (repo.top / ".mailmap").read_bytes()
    except OSError:
        return ""
    return hashlib.sha256(data).hexdigest()


def save_cache(repo: Repo, state: State) -> None:
    """Write the cache for HEAD; a repository msc cannot write to just goes uncached."""
    from msctool.errors import MscIOError
    from msctool.fs.atomic import write_text_atomic

    path = cache_file(repo)
    data = {
        "format": CACHE_FORMAT,
        "msc": __version__,
        "folder": repo.prefix,
        "mailmap": mailmap_digest(repo),
        "tip": repo.head,
        "state": state.to_json(),
    }
    try:
        path.parent.mkdir(exist_ok=True)
        write_text_atomic(path, json.dumps(data, separators=(",", ":")), root=path.parent)
    except (OSError, MscIOError):
        return
