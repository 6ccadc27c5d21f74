"""Git for a partnership folder: find or make its repository, commit exactly the given files.

git runs through :mod:`msctool.history.git` (a plain subprocess, no GitPython).
Every git failure becomes a :class:`GitError` with git's own reason in it; the
error classes live in :mod:`msctool.history.git` and are re-exported here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from msctool.history.git import NO_GIT_HINT as NO_GIT_HINT
from msctool.history.git import GitError as GitError
from msctool.history.git import GitStateError as GitStateError
from msctool.history.git import NotInRepositoryError as NotInRepositoryError
from msctool.history.git import locate, run_git

FALLBACK_NAME = "msc"
FALLBACK_EMAIL = "msc@localhost"

IDENTITY_NOTE = (
    f"git does not know your name and e-mail address yet, so the commit was made as "
    f'"{FALLBACK_NAME} <{FALLBACK_EMAIL}>". Set yours with '
    '`git config --global user.name "Your Name"` and '
    "`git config --global user.email you@example.org`; then "
    "`git commit --amend --reset-author --no-edit` puts your name on that commit."
)


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
    where = locate(path)
    return where.top if where else None


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
    literal = [f":(literal){spec}" for spec in specs]  # not GIT_LITERAL_PATHSPECS: hooks inherit it
    _git(root, "add", "--", *literal, env=identity)
    _git(root, "commit", "--quiet", "--only", "--message", message, "--", *literal, env=identity)
    sha = _git(root, "rev-parse", "HEAD")
    notes = (IDENTITY_NOTE,) if identity else ()
    return Commit(sha=sha, fallback_author=bool(identity), notes=notes)


def ensure_can_commit(repo_root: Path) -> None:
    """Raise :class:`GitStateError` when msc must not commit in ``repo_root`` now.

    Refuses while a merge, rebase, cherry-pick, revert or bisect is in
    progress, and on a detached HEAD.  A repository without commits yet and a
    shallow clone are fine.
    """
    root = repo_root.resolve()
    for marker, what, finish in _IN_PROGRESS:
        if (root / _git(root, "rev-parse", "--git-path", marker)).exists():
            raise GitStateError(
                f"a {what} is in progress in {root}, so msc does not commit now",
                hint=f"{finish}, then run the command again",
            )
    try:
        _git(root, "symbolic-ref", "--quiet", "HEAD")
    except GitError:
        raise GitStateError(
            f"HEAD is detached in {root} (no branch is checked out), "
            "so a commit would belong to no branch",
            hint="check out a branch first (`git switch main`, or "
            "`git switch -c NEW-BRANCH` to keep where you are), then run the command again",
        ) from None


_IN_PROGRESS = (
    ("MERGE_HEAD", "merge", "finish it with `git commit` or undo it with `git merge --abort`"),
    (
        "rebase-merge",
        "rebase",
        "finish it with `git rebase --continue` or undo it with `git rebase --abort`",
    ),
    (
        "rebase-apply",
        "rebase or `git am`",
        "finish it (`git rebase --continue` / `git am --continue`) or undo it "
        "(`git rebase --abort` / `git am --abort`)",
    ),
    (
        "CHERRY_PICK_HEAD",
        "cherry-pick",
        "finish it with `git cherry-pick --continue` or undo it with `git cherry-pick --abort`",
    ),
    (
        "REVERT_HEAD",
        "revert",
        "finish it with `git revert --continue` or undo it with `git revert --abort`",
    ),
    ("BISECT_LOG", "bisect", "end it with `git bisect reset`"),
)


def dirty_paths(repo_root: Path, paths: Iterable[Path]) -> list[str]:
    """Those of ``paths`` (repository-relative, posix) that differ from HEAD.

    A path counts when it has staged or unstaged changes, or is untracked
    (ignored files do not count).  A folder counts when anything below it does.
    """
    root = repo_root.resolve()
    specs = [_pathspec(root, path) for path in paths]
    if not specs:
        return []
    out = run_git(
        root,
        "status",
        "--porcelain=v1",
        "-z",
        "--untracked-files=all",
        "--",
        *specs,
        env={"GIT_LITERAL_PATHSPECS": "1"},
    )
    changed = _status_paths(out)
    return [spec for spec in specs if any(_covers(spec, path) for path in changed)]


def tracked_files(repo_root: Path, folder: Path) -> list[str]:
    """Repository-relative paths git's index holds below ``folder`` (deleted ones too)."""
    root = repo_root.resolve()
    spec = _pathspec(root, folder)
    out = run_git(root, "ls-files", "-z", "--", spec, env={"GIT_LITERAL_PATHSPECS": "1"})
    return [name for name in out.split("\0") if name]


def deleted_files(repo_root: Path, folder: Path) -> list[str]:
    """Repository-relative paths below ``folder`` that a commit in HEAD's history deleted
    (a rename counts: its old name); empty before the first commit."""
    root = repo_root.resolve()
    spec = _pathspec(root, folder)
    try:
        _git(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        return []  # no commit yet
    out = run_git(
        root,
        "-c",
        "log.showSignature=false",
        "log",
        "--format=",
        "--name-only",
        "-z",
        "--no-renames",
        "--diff-filter=D",
        "HEAD",
        "--",
        spec,
        literal=True,
    )
    return sorted({name.strip("\n") for name in out.split("\0") if name.strip("\n")})


def committed_files(repo_root: Path, folder: Path) -> list[str]:
    """Repository-relative paths of the files below ``folder`` in the HEAD commit.

    Raises :class:`GitError` when there is no commit yet.
    """
    root = repo_root.resolve()
    spec = _pathspec(root, folder)
    out = run_git(
        root,
        "ls-tree",
        "-r",
        "--name-only",
        "-z",
        "HEAD",
        "--",
        spec,
        env={"GIT_LITERAL_PATHSPECS": "1"},
    )
    return [name for name in out.split("\0") if name]


def list_files(repo_root: Path, pattern: str) -> list[str]:
    """Files matching the glob ``pattern`` that git tracks or would add (not ignored)."""
    out = run_git(
        repo_root.resolve(),
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
        "--",
        f":(glob){pattern}",
    )
    return sorted({name for name in out.split("\0") if name})


def git_editor(start: Path) -> str:
    """The editor git would open (``git var GIT_EDITOR``: core.editor, VISUAL, EDITOR, vi)."""
    return _git(start, "var", "GIT_EDITOR")


def config_value(repo_root: Path, key: str) -> str:
    """A git setting as git sees it in ``repo_root``; empty when it is not set."""
    return _config_value(repo_root, key)


def _status_paths(porcelain_z: str) -> set[str]:
    """Every path named in ``git status --porcelain=v1 -z`` output (both sides of a rename)."""
    fields = porcelain_z.split("\0")
    paths: set[str] = set()
    index = 0
    while index < len(fields):
        entry = fields[index]
        index += 1
        if len(entry) < 4:
            continue
        paths.add(entry[3:])
        if entry[0] in "RC" or entry[1] in "RC":
            paths.add(fields[index])
            index += 1
    return paths


def _covers(spec: str, path: str) -> bool:
    return path == spec or path.startswith(spec.rstrip("/") + "/")


def commit_files(
    repo_root: Path,
    paths: Iterable[Path],
    message: str,
    trailers: Sequence[tuple[str, str]] = (),
) -> Commit:
    """Commit exactly ``paths`` with ``message`` and git ``trailers`` (key, value) below it.

    Nothing else the user staged or changed goes into the commit, and what was
    staged stays staged.  If the commit fails (a hook refused it, say), the
    index entries of ``paths`` are put back as they were and :class:`GitError`
    is raised; the files in the work tree are not touched.
    """
    root = repo_root.resolve()
    listed = list(paths)
    text = format_message(message, trailers)
    specs = [_pathspec(root, path) for path in listed]
    saved = _index_entries(root, specs)
    try:
        return commit_paths(root, listed, text)
    except GitError:
        _restore_index(root, specs, saved)
        raise


def format_message(message: str, trailers: Sequence[tuple[str, str]] = ()) -> str:
    """``message`` with a blank line and one ``Key: value`` line per trailer."""
    text = message.strip()
    if not text:
        raise ValueError("a commit message cannot be empty")
    lines = []
    for key, value in trailers:
        if not _TRAILER_KEY.fullmatch(key):
            raise ValueError(f"{key!r} is not a valid trailer key")
        flat = " ".join(value.split())
        if not flat:
            raise ValueError(f"trailer {key} has no value")
        lines.append(f"{key}: {flat}")
    return text + ("\n\n" + "\n".join(lines) if lines else "") + "\n"


_TRAILER_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*")


def _index_entries(root: Path, specs: Sequence[str]) -> str:
    """``git ls-files --stage`` lines of ``specs``: what to put back after a failed commit."""
    return run_git(
        root, "ls-files", "--stage", "-z", "--", *specs, env={"GIT_LITERAL_PATHSPECS": "1"}
    )


def _restore_index(root: Path, specs: Sequence[str], saved: str) -> None:
    """Put the index entries of ``specs`` back to ``saved`` (best effort)."""
    env = {"GIT_LITERAL_PATHSPECS": "1"}
    try:
        _git(root, "rm", "--cached", "--quiet", "--ignore-unmatch", "-r", "--", *specs, env=env)
        for entry in (entry for entry in saved.split("\0") if entry):
            meta, path = entry.split("\t", 1)
            mode, sha, _stage = meta.split()
            _git(root, "update-index", "--add", "--cacheinfo", f"{mode},{sha},{path}", env=env)
    except GitError:
        pass  # the commit error is the one to report


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
    """Run git in ``workdir``; return its output stripped, or raise :class:`GitError`."""
    return run_git(workdir, *args, env=env).strip()
