"""Running git: the one low-level place every git module of msc goes through.

git runs as a plain subprocess (GitPython is not needed, and not imported),
with untranslated messages and no prompts; a failure becomes a
:class:`GitError` carrying git's own reason. Also here: where a folder sits
in git (:func:`locate`), :func:`is_ancestor`, and :class:`CatFile`, one
``git cat-file --batch`` process that reads one object or many.

:mod:`msctool.history.repo` re-exports the error classes; import them from there.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol, Self

from msctool.errors import MscIOError

NO_GIT_HINT = "Install git (https://git-scm.com) and try again."
_BATCH_LINES = 1000
_BATCH_BYTES = 32 * 1024
"""Object names written to cat-file at once: at most 1,000 and at most 32 KiB of
request, so the request never fills a 64 KiB pipe while git waits for msc to read
its answers (long ``COMMIT:PATH`` names, 65-byte SHA-256 names)."""
_PATHSPEC_VARIABLES = (
    "GIT_LITERAL_PATHSPECS",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
)
"""Set by whoever ran msc (git sets GIT_LITERAL_PATHSPECS for hooks when its caller
did): msc leaves them out, so each call's pathspecs mean what the call says."""


class GitError(MscIOError):
    """git is missing, or a git command failed."""


class GitStateError(GitError):
    """The repository is in a state msc must not work in (a merge in progress, a
    detached HEAD): the user's to fix, so exit code 1 like every user error."""

    exit_code = 1


class NotInRepositoryError(GitStateError):
    """The folder is not in a git repository: the user's to fix (exit code 1)."""


def git_env(extra: Mapping[str, str] | None = None, *, literal: bool = False) -> dict[str, str]:
    """The environment for git: untranslated messages, no prompts, plus ``extra``.

    With ``literal``, pathspecs are plain paths (no ``:(magic)``, no globs);
    without it, a ``GIT_*_PATHSPECS`` setting msc inherited is left out, so a
    ``:(glob)`` or ``:(literal)`` pathspec works also when msc runs in a git hook.
    """
    inherited = {k: v for k, v in os.environ.items() if k not in _PATHSPEC_VARIABLES}
    env = {**inherited, "LC_ALL": "C", "LANGUAGE": "C", "GIT_TERMINAL_PROMPT": "0"}
    if literal:
        env["GIT_LITERAL_PATHSPECS"] = "1"
    env.update(extra or {})
    return env


def run_git(
    workdir: Path, *args: str, env: Mapping[str, str] | None = None, literal: bool = False
) -> str:
    """Run ``git args`` in ``workdir`` and return its output as is; :class:`GitError`
    with git's own reason when it fails. ``env`` and ``literal``: see :func:`git_env`."""
    if not workdir.is_dir():
        raise GitError(f"{workdir} is not a folder")
    try:
        done = subprocess.run(
            ["git", *args],
            cwd=workdir,
            env=git_env(env, literal=literal),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed or cannot be run", hint=NO_GIT_HINT) from None
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}", hint=NO_GIT_HINT) from None
    if done.returncode != 0:
        raise GitError(f"git {args[0]} failed: {reason(done.stderr, done.returncode)}")
    return done.stdout.decode("utf-8", "surrogateescape")


def start_git(
    workdir: Path, args: Sequence[str], *, literal: bool = False, stdin: bool = False
) -> subprocess.Popen[bytes]:
    """Start ``git args`` in ``workdir`` with piped output (and input, with ``stdin``);
    :class:`GitError` when git cannot run. Without ``stdin``, stderr is piped too."""
    try:
        return subprocess.Popen(
            ["git", *args],
            cwd=workdir,
            env=git_env(literal=literal),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if stdin else subprocess.PIPE,
        )
    except OSError:
        raise GitError("git is not installed or cannot be run", hint=NO_GIT_HINT) from None


def reason(stderr: bytes, status: int) -> str:
    """git's own words, without its ``hint:`` lines."""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines()]
    said = [line for line in lines if line and not line.startswith("hint:")]
    fatal = [line for line in said if line.startswith(("fatal:", "error:"))]
    return " ".join(fatal or said[:3]) or f"exit status {status}"


@dataclass(frozen=True)
class Location:
    """Where a folder sits in git."""

    top: Path
    """The top folder of the work tree."""
    prefix: str
    """The folder relative to ``top`` with a trailing ``/``; empty at the top."""
    git_dir: Path
    shallow: bool


def locate(folder: Path) -> Location | None:
    """The repository holding ``folder``; None when it is not in a git repository."""
    try:
        out = run_git(
            folder,
            "rev-parse",
            "--show-toplevel",
            "--absolute-git-dir",
            "--is-shallow-repository",
            "--show-prefix",
        )
    except GitError as exc:
        if "not a git repository" in exc.message:
            return None
        raise
    top, git_dir, shallow, prefix = [*out.split("\n"), "", "", "", ""][:4]
    if not top:
        raise GitError(f"{folder} is not inside a git work tree", hint="use the work tree's folder")
    return Location(Path(top), prefix, Path(git_dir), shallow == "true")


class InRepository(Protocol):
    """Anything that knows the top of its work tree."""

    @property
    def top(self) -> Path: ...


def is_ancestor(repo: InRepository, older: str, newer: str) -> bool:
    """True when commit ``older`` exists and is an ancestor of (or equal to) ``newer``."""
    try:
        run_git(repo.top, "merge-base", "--is-ancestor", older, newer)
    except GitError:
        return False  # exit 1: not an ancestor; 128: unknown commit (a rewritten history)
    return True


class CatFile:
    """One ``git cat-file --batch`` process for a whole run; a context manager."""

    def __init__(self, top: Path) -> None:
        self._top = top
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def read_one(self, name: str) -> bytes:
        """The content of object ``name``; :class:`GitError` when git does not have it."""
        found, refused = self._batch([name])
        if name not in found:
            raise GitError(
                f"git cat-file cannot read object {name}: {refused[name] or 'no answer'}"
            )
        return found[name]

    def read_many(self, names: Iterable[str]) -> dict[str, bytes]:
        """The contents of ``names`` (a sha, or ``COMMIT:PATH``); an object git does not
        have is left out."""
        found: dict[str, bytes] = {}
        for batch in batches(dict.fromkeys(names)):
            found.update(self._batch(batch)[0])
        return found

    def _batch(self, names: list[str]) -> tuple[dict[str, bytes], dict[str, str]]:
        """Ask for ``names`` at once (a list :func:`batches` made, or a single name):
        what was found, and git's answer for the rest."""
        if not names:
            return {}, {}
        stdin, stdout = self._pipes()
        stdin.write(b"".join(_request(name) for name in names))
        stdin.flush()
        found: dict[str, bytes] = {}
        refused: dict[str, str] = {}
        for name in names:
            header = stdout.readline().split()
            if len(header) != 3 or not header[2].isdigit():  # "<name> missing" (or ambiguous)
                refused[name] = b" ".join(header).decode("utf-8", "replace")
                continue
            found[name] = stdout.read(int(header[2]) + 1)[:-1]  # content, then a newline
        return found, refused

    def _pipes(self) -> tuple[IO[bytes], IO[bytes]]:
        if self._process is None:
            self._process = start_git(self._top, ["cat-file", "--batch"], stdin=True)
        assert self._process.stdin is not None and self._process.stdout is not None
        return self._process.stdin, self._process.stdout

    def close(self) -> None:
        """End the cat-file process (it stops when its input closes)."""
        process, self._process = self._process, None
        if process is None:
            return
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def _request(name: str) -> bytes:
    return f"{name}\n".encode("utf-8", "surrogateescape")


def batches(
    names: Iterable[str], lines: int = _BATCH_LINES, size: int = _BATCH_BYTES
) -> Iterator[list[str]]:
    """``names`` in groups of at most ``lines`` names and ``size`` bytes of request
    (a single name longer than ``size`` goes alone: git answers it before msc writes more)."""
    batch: list[str] = []
    used = 0
    for name in names:
        length = len(_request(name))
        if batch and (len(batch) >= lines or used + length > size):
            yield batch
            batch, used = [], 0
        batch.append(name)
        used += length
    if batch:
        yield batch
