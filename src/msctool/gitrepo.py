"""Git for a partnership folder: find or make its repository, commit exactly the given files.

GitPython is imported inside the functions, so ``msc check`` never loads it.
Every git failure becomes a :class:`GitError` with git's own reason in it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from msctool.errors import MscIOError

FALLBACK_NAME = "msc"
FALLBACK_EMAIL = "msc@localhost"

IDENTITY_NOTE = (
    f"git does not know your name and e-mail address yet, so the commit was made as "
    f'"{FALLBACK_NAME} <{FALLBACK_EMAIL}>". Set yours with '
    '`git config --global user.name "Your Name"` and '
    "`git config --global user.email you@example.org`; then "
    "`git commit --amend --reset-author --no-edit` puts your name on that commit."
)
NO_GIT_HINT = "Install git (https://git-scm.com) and try again."


class GitError(MscIOError):
    """git is missing, or a git command failed."""


@dataclass(frozen=True)
class Commit:
    """A commit msc made: its sha and anything the user should know about it."""

    sha: str
    fallback_author: bool = False
    notes: tuple[str, ...] = ()


def git_version() -> str:
    """The installed git's version line; raises :class:`GitError` if git cannot run."""
    return _git(Path.cwd(), "--version")


def find_repo_root(path: Path) -> Path | None:
    """The top folder of the git work tree holding ``path``, or None outside git."""
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel"))
    except GitError as exc:
        if "not a git repository" in exc.message:
            return None
        raise


def init_repo(path: Path) -> Path:
    """``git init`` in ``path``; returns the repository root."""
    _git(path, "init", "--quiet")
    return path.resolve()


def commit_paths(repo_root: Path, paths: Iterable[Path], message: str) -> Commit:
    """Commit exactly ``paths`` (absolute, or relative to ``repo_root``) with ``message``.

    What is staged for other files stays staged and out of this commit.  When
    git has no identity, the commit is made as ``msc <msc@localhost>`` and the
    result carries a note on how to set one.
    """
    root = repo_root.resolve()
    specs = [_pathspec(root, path) for path in paths]
    if not specs:
        raise ValueError("commit_paths needs at least one path")
    identity = fallback_identity(root)
    env = {"GIT_LITERAL_PATHSPECS": "1", **identity}
    _git(root, "add", "--", *specs, env=env)
    _git(root, "commit", "--quiet", "--only", "--message", message, "--", *specs, env=env)
    sha = _git(root, "rev-parse", "HEAD")
    notes = (IDENTITY_NOTE,) if identity else ()
    return Commit(sha=sha, fallback_author=bool(identity), notes=notes)


def fallback_identity(repo_root: Path) -> dict[str, str]:
    """Environment that gives a commit the fallback author where git has no name or e-mail.

    Empty when ``user.name`` and ``user.email`` are configured (or set in the environment).
    """
    env: dict[str, str] = {}
    for key, setting, fallback in (
        ("NAME", "user.name", FALLBACK_NAME),
        ("EMAIL", "user.email", FALLBACK_EMAIL),
    ):
        if _config_value(repo_root, setting) or (key == "EMAIL" and os.environ.get("EMAIL")):
            continue
        for role in ("AUTHOR", "COMMITTER"):
            variable = f"GIT_{role}_{key}"
            if not os.environ.get(variable):
                env[variable] = fallback
    return env


def _config_value(repo_root: Path, key: str) -> str:
    try:
        return _git(repo_root, "config", "--get", key)
    except GitError:
        return ""  # git config exits 1 when the key is not set


def _pathspec(root: Path, path: Path) -> str:
    absolute = root / path
    try:
        return (absolute.parent.resolve() / absolute.name).relative_to(root).as_posix()
    except ValueError:
        raise GitError(f"{path} is outside the git repository {root}") from None


def _git(workdir: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """Run git in ``workdir``; return its output, or raise :class:`GitError`."""
    try:
        import git
    except ImportError as exc:  # GitPython refuses to import without a git executable
        raise GitError("git is not installed or cannot be run", hint=NO_GIT_HINT) from exc
    runner = git.Git(str(workdir))
    try:
        status, out, err = runner.execute(
            [runner.GIT_PYTHON_GIT_EXECUTABLE or "git", *args],
            with_extended_output=True,
            with_exceptions=False,
            env=dict(env or {}),
        )
    except git.GitCommandNotFound as exc:
        raise GitError("git is not installed or cannot be run", hint=NO_GIT_HINT) from exc
    if status != 0:
        raise GitError(f"git {args[0]} failed: {_reason(err, status)}")
    return out.strip()


def _reason(stderr: str, status: int) -> str:
    """git's own words, without its ``hint:`` lines."""
    lines = [line.strip() for line in stderr.splitlines()]
    said = [line for line in lines if line and not line.startswith("hint:")]
    fatal = [line for line in said if line.startswith(("fatal:", "error:"))]
    return " ".join(fatal or said[:3]) or f"exit status {status}"
