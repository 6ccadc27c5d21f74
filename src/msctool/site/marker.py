"""The marker that tells msc's own site folder apart from anyone else's folder.

msc writes a ``.msc-site`` file into every site it builds. A folder that
exists and holds files but no marker is never touched: it may be the user's
work. A folder with the marker is replaced as a whole, by building the new
site into a temporary folder beside it and swapping the two, so a failed
build leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from msctool.errors import MscIOError, UserError
from msctool.fs.atomic import refuse_read_only_folder

MARKER = ".msc-site"
MARKER_TEXT = (
    "This folder was made by `msc render site`.\n"
    "msc replaces the whole folder on the next build; keep your own files elsewhere.\n"
)


def check_target(out: Path) -> None:
    """Refuse an output that exists and is not a site msc made (an empty folder is fine)."""
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise UserError(f"{out} exists and is not a folder", hint="give another folder with -o")
    try:
        if (out / MARKER).is_file() or not any(out.iterdir()):
            return
    except OSError as exc:
        raise MscIOError(f"cannot read the folder {out}: {exc.strerror}") from exc
    raise UserError(
        f"{out} exists and was not made by msc (it has no {MARKER} file)",
        hint="msc never deletes a folder it did not make: give another folder with -o, "
        "or move this one away",
    )


def build_swapped(out: Path, build: Callable[[Path], None], *, make_parents: bool = True) -> None:
    """Call ``build`` on a fresh folder beside ``out``, then put that folder in its place.
    ``make_parents=False``: the folder that holds ``out`` must exist (it is not made).

    The temporary folders are named ``.<out>-new-<pid>-*`` and ``.<out>-old-<pid>-*``;
    those of a run that was killed (its process is gone) are removed first, and an old
    site a killed swap left aside is put back when ``out`` is missing."""
    remove_leftovers(out)
    check_target(out)
    staging: Path | None = None
    try:
        with signals_held():  # a signal right after the folder is made finds it named
            staging = _staging(out, make_parents=make_parents)
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        build(staging)
        with signals_held():
            _swap(staging, out)
    except BaseException:
        if staging is not None:
            with signals_held():
                shutil.rmtree(staging, ignore_errors=True)
        raise


def _staging(out: Path, *, make_parents: bool) -> Path:
    """A new, empty folder beside ``out`` for the new site."""
    parent = out.parent
    try:
        if make_parents:
            parent.mkdir(parents=True, exist_ok=True)
        refuse_read_only_folder(parent, out)
        return Path(tempfile.mkdtemp(prefix=_prefix(out, "new"), dir=parent))
    except OSError as exc:
        raise MscIOError(f"cannot create a folder in {parent}: {exc.strerror}") from exc


def _swap(staging: Path, out: Path) -> None:
    """Move the old site aside, the new one in, then delete the old one. Whatever stops
    the swap half-way (an I/O error) puts the old site back."""
    aside: Path | None = None
    try:
        if out.exists() or out.is_symlink():
            aside = Path(tempfile.mkdtemp(prefix=_prefix(out, "old"), dir=out.parent))
            out.replace(aside / "site")
        staging.chmod(0o755)
        staging.replace(out)
    except BaseException as exc:
        _put_back(aside, out)
        if isinstance(exc, OSError):
            raise MscIOError(f"cannot replace {out}: {exc.strerror}") from exc
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def _prefix(out: Path, kind: str) -> str:
    return f".{out.name}-{kind}-{os.getpid()}-"


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (a swap or a clean-up cut short
    would leave folders behind); they are handled right after it."""
    hold = getattr(signal, "pthread_sigmask", None)
    if hold is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = hold(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        hold(signal.SIG_SETMASK, before)


def remove_leftovers(out: Path) -> list[Path]:
    """Remove the temporary folders beside ``out`` that a killed build left; return them.
    Only msc's own (a real folder, named as :func:`build_swapped` names them, its process
    gone) are touched. An old site left aside goes back to ``out`` when that is missing."""
    removed = []
    for folder in _leftovers(out):
        old = folder / "site"
        with contextlib.suppress(OSError):
            if not out.exists() and not out.is_symlink() and (old / MARKER).is_file():
                old.replace(out)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _leftovers(out: Path) -> list[Path]:
    pattern = re.compile(rf"\.{re.escape(out.name)}-(?:new|old)-(\d+)-[^/]+")
    try:
        names = os.listdir(out.parent)  # noqa: PTH208 (names only)
    except OSError:
        return []
    found = []
    for name in sorted(names):
        match = pattern.fullmatch(name)
        folder = out.parent / name
        if match and not folder.is_symlink() and folder.is_dir() and _gone(int(match[1])):
            found.append(folder)
    return found


def _gone(pid: int) -> bool:
    """Whether no process ``pid`` runs. Asked on POSIX only (on Windows ``os.kill``
    would end the process), so elsewhere leftovers stay for the user to remove."""
    if pid == os.getpid():
        return False
    if os.name != "posix":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def _put_back(aside: Path | None, out: Path) -> None:
    """After a swap that stopped half-way: the old site back at ``out`` (unless the new
    one got there), and the folder that held it gone. When the old site cannot be
    moved back, it stays where it is rather than being lost."""
    if aside is None:
        return
    old = aside / "site"
    with contextlib.suppress(OSError):
        if old.exists() or old.is_symlink():
            if out.exists() or out.is_symlink():
                shutil.rmtree(aside, ignore_errors=True)  # the new site made it in
                return
            old.replace(out)
        aside.rmdir()
