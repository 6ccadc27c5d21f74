"""Where msc may write by itself: inside the partnership folder, never through a link.

A partnership folder comes from many organisations, so a symbolic link in it
(``data/`` pointing at someone's home folder, ``partners.yaml`` at a system
file) must not turn one of msc's writes into a write elsewhere. Every file or
folder msc writes without the user naming it (a render's default output, an
edited YAML file, a data file, a decision record, a retrospective, the site,
the starter files) passes :func:`confined` before anything is written:

- its path lies inside the partnership folder, also after ``..`` and links are
  resolved;
- no part of it below the partnership folder is a symbolic link;
- what is at its place is nothing yet or a regular file (a folder for the site);
- the names msc is to create are portable (:mod:`msctool.fs.names`).

A path the user named (``-o``) is theirs and is not confined. ``msc check``
reports the same links and special files (MSC014, :mod:`msctool.load.entries`),
so check and the writing commands agree.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from msctool.errors import UserError
from msctool.fs.names import is_portable

_CHECK_HINT = "`msc check` lists every link and special file in the folder (MSC014)"


def confined(path: Path, root: Path, *, folder: bool = False) -> Path:
    """``path``, absolute with ``..`` taken out, when msc may write it inside ``root``;
    a :class:`UserError` naming it otherwise. ``folder``: the place holds a folder
    (the site), not a file."""
    base = absolute(root)
    target = absolute(path)
    if not target.is_relative_to(base):
        raise _outside(path, base)
    current = base
    for part in target.relative_to(base).parts:
        current = current / part
        _refuse_special(current, base, last=current == target, folder=folder)
    if not _resolves_inside(path, root):
        raise _outside(path, base)
    return target


def _outside(path: Path, base: Path) -> UserError:
    return UserError(
        f"{path} is outside the partnership folder {base}",
        hint="msc writes only inside the partnership folder; name another place "
        "explicitly as the output if you mean it",
    )


def _resolves_inside(path: Path, root: Path) -> bool:
    """The kernel's view: ``a/link/..`` is the link target's parent, not ``a``."""
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root))


def _refuse_special(path: Path, root: Path, *, last: bool, folder: bool) -> None:
    kind = entry_kind(path)
    if kind is None:
        if not is_portable(path.name):
            escaped = shown(path, root).encode("unicode_escape").decode("ascii")
            raise UserError(
                f"{escaped} is not a portable file name (Windows cannot create it)",
                hint="choose a name without control characters, without a trailing dot or "
                "space, and not a device name such as con, nul, aux, com1 or lpt1",
            )
        return
    if kind == LINK:
        raise UserError(
            f"{shown(path, root)} is a symbolic link (to {path.readlink()}); msc never "
            "writes through a link in the partnership folder",
            hint=f"replace the link with the file or folder itself; {_CHECK_HINT}",
        )
    wanted = FOLDER if folder or not last else FILE
    if kind != wanted:
        raise UserError(
            f"{shown(path, root)} is {kind}, not {wanted}; msc does not write there",
            hint=f"move it away, or name another place explicitly as the output; {_CHECK_HINT}",
        )


LINK = "a symbolic link"
FILE = "a regular file"
FOLDER = "a folder"


def entry_kind(path: Path) -> str | None:
    """What is at ``path``, links not followed: :data:`LINK`, :data:`FILE`,
    :data:`FOLDER`, a named pipe, a device or a socket; None when nothing is there."""
    try:
        mode = os.lstat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return None
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return FOLDER
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def absolute(path: Path) -> Path:
    """``path`` from the file system's root, ``..`` taken out by name (links not followed)."""
    return Path(os.path.normpath(Path(path).absolute()))


def shown(path: Path, root: Path) -> str:
    """``path`` relative to the partnership folder (``/``-separated) when inside it."""
    try:
        return absolute(path).relative_to(absolute(root)).as_posix()
    except ValueError:
        return str(path)
