"""One advisory lock per partnership, held by every command that writes it.

Two commands that change the same partnership at the same time would each read
the files, change them in memory and write them back: the second write loses
the first edit, and two ``msc decide`` runs would take the same number. So every
command that writes holds :func:`hold` around reading, planning and writing; a
second one waits (``MSC_LOCK_TIMEOUT`` seconds, 30 by default), then stops with
a message naming the command that holds the lock.

The lock is an operating-system lock (``fcntl``/``msvcrt`` through `filelock`),
so it is released when its process ends, however it ends. It lives in the git
folder when the partnership is in git (``msc.lock``; ``git status`` stays
clean), else in ``.msc/lock`` inside the partnership. Next to it, the holder
writes who it is (command line, process id, host, since when) for the message
of whoever waits; a holder file left by a killed process blocks nobody, since
only the operating-system lock counts.

Reading commands (check, log, changes, a render to standard output) never take it.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from msctool.errors import MscIOError, UsageError, UserError

TIMEOUT_VARIABLE = "MSC_LOCK_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
"""Seconds a command waits for another one to finish."""
_MAX_HOLDER_BYTES = 4096
_POLL = 0.05

Notice = Callable[[str], None]
_notice: Notice | None = None
_held: dict[Path, int] = {}
"""Locks this process holds, with how many :func:`hold` blocks are inside each."""


class LockBusyError(UserError):
    """Another command held the partnership's lock for longer than the wait allows."""


class Holder(NamedTuple):
    """Who holds the lock, as its holder file says."""

    command: str
    pid: int
    host: str
    since: datetime

    def describe(self) -> str:
        when = self.since.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        return f"`{self.command}` (process {self.pid} on {self.host}, since {when})"


def set_wait_notice(notice: Notice | None) -> None:
    """Where to say, once, that a command waits for the lock (the command line's stderr)."""
    global _notice
    _notice = notice


@contextlib.contextmanager
def hold(root: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold the lock of the partnership in ``root`` while the block runs.

    Waits up to ``timeout`` seconds (default: ``MSC_LOCK_TIMEOUT``, else 30) for
    another process holding it, then raises :class:`LockBusyError` naming that
    process. Inside a block that holds it already, this is a no-op.
    """
    path = lock_path(root)
    if path in _held:
        _held[path] += 1
        try:
            yield
        finally:
            _held[path] -= 1
        return
    _refuse_links(path)
    lock = _acquire(path, wait_timeout() if timeout is None else timeout)
    _held[path] = 1
    try:
        _write_holder(path)
        yield
    finally:
        del _held[path]
        with contextlib.suppress(OSError):
            holder_path(path).unlink(missing_ok=True)
        lock.release()


# -- where ------------------------------------------------------------------------


def lock_path(root: Path) -> Path:
    """The lock file of the partnership in ``root`` (or a folder inside it): in its git
    folder, else in ``.msc/`` of the folder holding ``partnership.yaml``."""
    resolved = Path(root).resolve()
    git_dir = find_git_dir(resolved)
    if git_dir is not None:
        return git_dir / "msc.lock"
    return _partnership_of(resolved) / ".msc" / "lock"


def _partnership_of(folder: Path) -> Path:
    """``folder`` or its nearest parent holding ``partnership.yaml`` (``folder`` itself
    when there is none yet: ``msc init --force`` on a new folder)."""
    from msctool.load.root import ROOT_FILE

    return next((f for f in (folder, *folder.parents) if (f / ROOT_FILE).is_file()), folder)


def _refuse_links(lock: Path) -> None:
    """A lock file, or a ``.msc`` folder, that is a symbolic link would make msc write
    where the link points (perhaps outside the partnership): refused."""
    link = next((p for p in (lock, lock.parent) if p.is_symlink() and p.name != ".git"), None)
    if link is not None:
        raise UserError(
            f"{link} is a symbolic link; msc keeps its lock there and writes only real files",
            hint=f"remove the link ({link}); msc makes the lock itself when it needs it",
        )


def holder_path(lock: Path) -> Path:
    return lock.with_name(lock.name + ".holder")


def find_git_dir(start: Path) -> Path | None:
    """The git folder of the work tree holding ``start``, found as git does without
    running git: the nearest ``.git`` folder, or the folder a ``.git`` file (a linked
    work tree, a submodule) points to."""
    for folder in (start, *start.parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            return _linked_git_dir(dot)
    return None


def _linked_git_dir(dot: Path) -> Path | None:
    try:
        with dot.open("rb") as handle:
            first = handle.read(4096).decode("utf-8", errors="replace").splitlines()[:1]
    except OSError:
        return None
    key, _, value = (first[0] if first else "").partition(":")
    if key.strip() != "gitdir" or not value.strip():
        return None
    target = Path(value.strip())
    target = target if target.is_absolute() else dot.parent / target
    return target.resolve() if target.is_dir() else None


# -- waiting -----------------------------------------------------------------------


def wait_timeout() -> float:
    """Seconds to wait: ``MSC_LOCK_TIMEOUT`` when set, else 30."""
    raw = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise UsageError(
            f"{TIMEOUT_VARIABLE}: `{_printable(raw)}` is not a number of seconds",
            hint=f"set it to how long to wait for another msc command, e.g. "
            f"{TIMEOUT_VARIABLE}=60, or unset it for {DEFAULT_TIMEOUT:g} seconds",
        )
    return seconds


def _acquire(path: Path, timeout: float) -> _OsLock:
    lock = _OsLock(path)
    if lock.try_acquire(0):
        return lock
    if _notice is not None:
        _notice(f"waiting for {_who(path)} to finish (at most {timeout:g} s)")
    if lock.try_acquire(timeout):
        return lock
    raise LockBusyError(
        f"{_who(path)} is still changing this partnership; waited {timeout:g} s",
        hint=f"run the command again once that one has finished, or set {TIMEOUT_VARIABLE} "
        f"to wait longer; the lock ({path}) is released when that process ends, "
        "even if it is killed",
    )


def _who(path: Path) -> str:
    holder = read_holder(path)
    return holder.describe() if holder else "another msc command"


class _OsLock:
    """The operating-system lock on ``path`` (through filelock)."""

    def __init__(self, path: Path) -> None:
        from filelock import FileLock

        self.path = path
        self._lock = FileLock(path, thread_local=False)

    def try_acquire(self, timeout: float) -> bool:
        from filelock import Timeout

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(timeout=timeout, poll_interval=_POLL)
        except Timeout:
            return False
        except OSError as exc:
            raise MscIOError(
                f"cannot lock the partnership: cannot write {self.path}: {exc.strerror or exc}",
                hint="msc needs to write there to keep two commands from changing the "
                "partnership at once",
            ) from exc
        return True

    def release(self) -> None:
        self._lock.release()


# -- who holds it ------------------------------------------------------------------


def read_holder(lock: Path) -> Holder | None:
    """Who holds ``lock``, from its holder file; None when that is missing or unreadable."""
    import json

    try:
        with holder_path(lock).open("rb") as handle:
            data = json.loads(handle.read(_MAX_HOLDER_BYTES))
        return Holder(
            command=_printable(str(data["command"]))[:300],
            pid=int(data["pid"]),
            host=_printable(str(data["host"]))[:100],
            since=datetime.fromisoformat(str(data["since"])),
        )
    except (OSError, ValueError, TypeError, KeyError, OverflowError):
        return None


def _write_holder(lock: Path) -> None:
    """Say who holds ``lock``; a failure here only costs the next waiter the details."""
    import json
    import socket

    data = {
        "command": command_line(),
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    path = holder_path(lock)
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as handle:
            handle.write(json.dumps(data, ensure_ascii=True) + "\n")


def command_line() -> str:
    """This process's command line as the user typed it: ``msc`` and its arguments."""
    import shlex

    return " ".join(["msc", *(shlex.quote(arg) for arg in sys.argv[1:])])


def _printable(text: str) -> str:
    """``text`` with control characters shown escaped (it reaches a terminal)."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
