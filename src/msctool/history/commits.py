"""Reading git history fast: one streamed ``git log`` and one ``git cat-file --batch``.

GitPython builds an object per commit and runs a diff per path-filtered
commit, which is far too slow for long histories. Here git does the walking
and the tree diffs in C: ``git log`` prints a fixed, NUL-separated format with
the raw file changes of every commit, and this module reads its output in
chunks as it arrives, so memory stays flat however long the history is.
File contents come from one ``git cat-file --batch`` process
(:class:`msctool.history.git.CatFile`), asked in batches small enough that neither
pipe can fill up and block.

Every failure becomes a :class:`~msctool.history.repo.GitError` with git's reason.
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from msctool.history import git as gitcmd
from msctool.history.git import GitError, NotInRepositoryError
from msctool.history.git import is_ancestor as is_ancestor

_HEADER = "\x1e"
"""Starts every commit's header in the log output (record separator)."""
_FIELDS = ("%H", "%P", "%aN", "%aI", "%s", "%(trailers:only,unfold)")
LOG_FORMAT = _HEADER + "%x00".join(_FIELDS)
"""One commit: sha, parents, author, author date, subject, trailers; NUL between fields."""
_CHUNK = 1 << 16
_QUEUED_CHUNKS = 128
"""Output read ahead of the parser: at most 128 chunks of 64 KiB, so memory stays bounded."""


class NoHistoryError(NotInRepositoryError):
    """The folder is not in a git repository, or the repository has no commits (exit 1)."""


@dataclass(frozen=True)
class Repo:
    """Where a folder sits in git: the work tree, the folder's path inside it, the git dir."""

    top: Path
    prefix: str
    """The folder relative to ``top`` with a trailing ``/``; empty at the top."""
    git_dir: Path
    shallow: bool
    head: str


@dataclass(frozen=True, slots=True)
class FileChange:
    """One path a commit changed: git's status letter (A, M, D, T) and the blob."""

    status: str
    path: str
    """Relative to the top of the work tree."""
    blob: str
    """The new content; for a deletion, the content that was removed."""


@dataclass(frozen=True, slots=True)
class LogCommit:
    """A commit as ``git log`` printed it."""

    sha: str
    author: str
    date: datetime
    subject: str
    trailers: tuple[tuple[str, str], ...]
    changes: tuple[FileChange, ...]
    parents: tuple[str, ...] = ()

    @property
    def is_merge(self) -> bool:
        return len(self.parents) > 1


def run_git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd`` (literal pathspecs) and return its output stripped;
    :class:`GitError` when it fails."""
    return gitcmd.run_git(cwd, *args, literal=True).strip()


def open_repo(folder: Path) -> Repo:
    """The repository holding ``folder``; :class:`NoHistoryError` outside git or before
    the first commit."""
    where = gitcmd.locate(folder)
    if where is None:
        raise NoHistoryError(
            f"{folder} is not in a git repository, so it has no history to read",
            hint="`git init` and commit the partnership (`msc init` does both), "
            "or point at a clone with -C DIR",
        )
    return Repo(where.top, where.prefix, where.git_dir, where.shallow, _head(folder))


def _head(folder: Path) -> str:
    try:
        return run_git(folder, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        raise NoHistoryError(
            "the repository has no commits yet, so there is no decision log",
            hint="commit the partnership first: `git add . && git commit -m 'Start'`",
        ) from None


def log_command(paths: Sequence[str], since: str | None, head: str) -> list[str]:
    """The git arguments :func:`stream_log` runs: ``git log``, oldest first, NUL-separated."""
    revision = f"{since}..{head}" if since else head
    return [
        "-c",
        "log.showSignature=false",
        "-c",
        "i18n.logOutputEncoding=UTF-8",
        "log",
        "--reverse",
        "--date-order",
        "-z",
        "--raw",
        "--no-abbrev",
        "--no-renames",
        "--no-color",
        "--diff-merges=first-parent",
        f"--format={LOG_FORMAT}",
        revision,
        "--",
        *paths,
    ]


def stream_log(repo: Repo, paths: Sequence[str], since: str | None = None) -> Iterator[LogCommit]:
    """Commits touching ``paths`` (oldest first), up to HEAD, after ``since`` if given.

    git starts at once, so the caller can do other work while git walks the
    history (with ``--reverse`` the first commit comes once the walk is done).
    """
    command = log_command(paths, since, repo.head)
    return _read_log(gitcmd.start_git(repo.top, command, literal=True))


def _read_log(process: subprocess.Popen[bytes]) -> Iterator[LogCommit]:
    assert process.stdout is not None and process.stderr is not None
    chunks: queue.Queue[bytes] = queue.Queue(_QUEUED_CHUNKS)
    pump = threading.Thread(target=_pump, args=(process.stdout, chunks), daemon=True)
    pump.start()
    said: deque[bytes] = deque(maxlen=16)  # the last 1 MiB at most: fatal comes last
    listener = threading.Thread(target=_drain, args=(process.stderr, said), daemon=True)
    listener.start()
    finished = False
    try:
        yield from _commits(_tokens(_queued(chunks)))
        finished = True
    finally:
        if not finished:  # the reader stopped early: stop git and let the pump end
            process.kill()
            for _chunk in _queued(chunks):
                pass
        pump.join()
        process.stdout.close()
        listener.join()
        process.stderr.close()
        status = process.wait()
    if status != 0:
        raise GitError(f"git log failed: {gitcmd.reason(b''.join(said), status)}")


def _drain(stream: IO[bytes], said: deque[bytes]) -> None:
    """Read git's messages while it runs (a thread): git would stop once a pipe's worth
    (64 KiB) of them waited unread, and its output with them."""
    while data := os.read(stream.fileno(), _CHUNK):
        said.append(data)


def _pump(stream: IO[bytes], chunks: queue.Queue[bytes]) -> None:
    """Read git's output as fast as git writes it (a thread), so git never waits for msc
    to parse; an empty chunk marks the end."""
    try:
        while data := os.read(stream.fileno(), _CHUNK):
            chunks.put(data)
    finally:
        chunks.put(b"")


def _queued(chunks: queue.Queue[bytes]) -> Iterator[bytes]:
    while data := chunks.get():
        yield data


def _tokens(chunks: Iterable[bytes]) -> Iterator[str]:
    """NUL-separated fields of git's output, as its chunks arrive."""
    rest = b""
    for chunk in chunks:
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        for part in parts:
            yield part.decode("utf-8", "surrogateescape")
    if rest:
        yield rest.decode("utf-8", "surrogateescape")


def _commits(tokens: Iterator[str]) -> Iterator[LogCommit]:
    header: list[str] | None = None
    changes: list[FileChange] = []
    for token in tokens:
        if token.startswith(_HEADER):
            if header is not None:
                yield _commit(header, changes)
            header = [token[1:], *(next(tokens, "") for _ in _FIELDS[1:])]
            changes = []
            continue
        meta = token.lstrip("\n")
        if meta.startswith(":"):
            changes.append(_change(meta, next(tokens, "")))
    if header is not None:
        yield _commit(header, changes)


def _change(meta: str, path: str) -> FileChange:
    # ":100644 100644 <old> <new> M"
    _old_mode, _new_mode, old, new, status = meta[1:].split(" ")
    letter = status[:1]
    return FileChange(letter, path, old if letter == "D" else new)


def _commit(header: list[str], changes: list[FileChange]) -> LogCommit:
    sha, parents, author, when, subject, trailers = header
    return LogCommit(
        sha=sha,
        parents=tuple(parents.split()),
        author=author,
        date=datetime.fromisoformat(when),
        subject=subject,
        trailers=tuple(parse_trailers(trailers)),
        changes=tuple(changes),
    )


def parse_trailers(text: str) -> Iterator[tuple[str, str]]:
    """``Key: value`` lines as git printed them with ``%(trailers:only,unfold)``."""
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        if colon and key.strip():
            yield key.strip(), value.strip()


class BlobReader(gitcmd.CatFile):
    """One ``git cat-file --batch`` process serving every blob a run needs."""

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo.top)

    def read(self, blobs: Iterable[str]) -> dict[str, bytes]:
        """The contents of ``blobs`` (object names: a sha, or ``COMMIT:PATH``); an object
        git does not have is left out."""
        return self.read_many(blobs)

    def read_tree(self, commit: str, folder: str) -> dict[str, str]:
        """The files directly in ``folder`` (a path from the top, no trailing ``/``) at
        ``commit``: name to blob sha; empty when the folder is not there."""
        data = self.read([f"{commit}:{folder}"]).get(f"{commit}:{folder}", b"")
        return dict(tree_entries(data))


def tree_entries(data: bytes) -> Iterator[tuple[str, str]]:
    """(name, blob sha) of the files in a raw git tree object (sub-folders left out)."""
    start = 0
    while start < len(data):
        space = data.index(b" ", start)
        nul = data.index(b"\0", space)
        mode = data[start:space]
        sha = data[nul + 1 : nul + 21].hex()
        if not mode.startswith(b"4"):  # 40000: a folder
            yield data[space + 1 : nul].decode("utf-8", "surrogateescape"), sha
        start = nul + 21
